"""{% memo %}: a piece of a template rendered once per process and language, then reused.

    {% load memo %}
    {% memo language_switch_form %} …the language buttons… {% endmemo %}

The layout's header, footer and language buttons are the same on every page in one language,
yet rendering them was over half of the status page's template time (issue 19's profile: the
language buttons alone ~0.3 ms a page). What a memo holds is keyed by the template position,
the active language and the values of the variables named in the tag, so a piece may depend
on those and on nothing else: never put the CSRF token, the request's path, the user or a
form inside one. Django's {% cache %} does the same through a cache backend; here the rendered
text stays in the process (no pickling, no network, nothing to go down), and a new deploy
starts empty. A piece seen with more than MAX_VARIANTS different values is not stored (a
variable that varies per request is a mistake, not a reason to grow without bound).
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

MAX_VARIANTS = 32


class MemoNode(template.Node):
    def __init__(self, nodelist, variables):
        self.nodelist, self.variables = nodelist, variables
        self.rendered: dict[tuple, str] = {}

    def render(self, context):
        key = (get_language(), *(variable.resolve(context) for variable in self.variables))
        found = self.rendered.get(key)
        if found is None:
            found = self.nodelist.render(context)
            if len(self.rendered) < MAX_VARIANTS:
                self.rendered[key] = found
        return mark_safe(found)  # noqa: S308 — the nodelist's own output, escaped as it rendered


@register.tag
def memo(parser, token):
    variables = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, variables)
