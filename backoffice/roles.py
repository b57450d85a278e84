"""The back office's roles: Django groups holding exactly the permissions each role needs.

Object-level scoping (an operator sees one office) is applied on top of these permissions by
`Application.objects.visible_to` and the admin. `roles_sync` is idempotent; the data migration
and `manage.py sync_roles` call it, so a role's permissions are never edited by hand.
"""

from django.apps import apps as global_apps
from django.utils.translation import gettext_lazy as _

OFFICE_OPERATOR = "office_operator"
SUPERVISOR = "supervisor"
AUDITOR = "auditor"

_CASE_READING = (
    "applications.view_application",
    "subscribers.view_account",
    "subscribers.view_subscriber",
    "subscribers.view_property",
)
_EVERY_OFFICE = (
    "applications.view_all_offices",
    "applications.view_applicationaccess",
    "subscribers.view_district",
    "subscribers.view_regionaloffice",
)

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    # One office's cases: claim, ask the citizen, decide.
    OFFICE_OPERATOR: (*_CASE_READING, "applications.review_application"),
    # Every office; decides the cases assigned to them and hands cases to others.
    SUPERVISOR: (
        *_CASE_READING,
        *_EVERY_OFFICE,
        "applications.review_application",
        "applications.reassign_application",
        # Closes and opens new applications (the maintenance switch).
        "operations.switch_maintenance",
        # The document kinds an office may ask citizens for (never deleted: made inactive).
        "applications.view_documentkind",
        "applications.add_documentkind",
        "applications.change_documentkind",
    ),
    # Reads everything the others do, plus the sign-in logs; changes nothing.
    AUDITOR: (
        *_CASE_READING,
        *_EVERY_OFFICE,
        "axes.view_accessattempt",
        "axes.view_accesslog",
        "axes.view_accessfailurelog",
        "backoffice.view_staffaccess",
    ),
}

ROLE_LABELS = {OFFICE_OPERATOR: _("Ofis operatoru"), SUPERVISOR: _("Rəhbər"), AUDITOR: _("Auditor")}


def roles_sync(*, apps=global_apps) -> None:
    """Create the role groups if missing and give each exactly ROLE_PERMISSIONS (no more).
    `apps` is the migration's app registry when called from a migration: there a permission
    whose model a later migration creates is skipped (that migration syncs the roles again)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        permissions = []
        for app_label, codename in (name.split(".") for name in names):
            found = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if found is None and apps is global_apps:
                raise Permission.DoesNotExist(f"{app_label}.{codename}")
            if found is not None:
                permissions.append(found)
        group.permissions.set(permissions)


def role_of(user) -> str:
    """The role name a staff member acts in ("superuser", a role, or "" for none)."""
    if user.is_superuser:
        return "superuser"
    names = {group.name for group in user.groups.all()}
    return next((role for role in ROLE_PERMISSIONS if role in names), "")


def roles_sync_in_migration(apps, schema_editor) -> None:
    """A migration's RunPython: the roles synced with the permissions its models bring.
    Permissions are normally created after all migrations (post_migrate); the groups need them
    now, so they are created first (idempotent)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    roles_sync(apps=apps)
