"""A vanilla Django project serving the status lookup, for `make bench` to compare against.

Issue 19's yardstick: what `django-admin startproject` gives (its default middleware, database
sessions, the Django template language), one app with an ORM lookup and a timeline, a base
template with a language switch and a CSRF form. It reads the bench's own database (the same 1M
applications) through unmanaged models and imports nothing of the portal, so the comparison
is with what a plain Django page costs, not with our own code under another name.
"""
