"""The back office's write path: the staff access log, the demo staff (development only)."""

from django.contrib.auth.models import Group
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from backoffice.demo import DEMO_STAFF, DEMO_TOTP_SECRET
from backoffice.models import StaffAccess
from backoffice.roles import role_of, roles_sync
from backoffice.two_factor import totp_key_from_secret
from subscribers.models import RegionalOffice, User


@transaction.atomic
def staff_demo_load() -> int:
    """Create or reset the demo staff users (DEMO_STAFF above) with their roles, offices
    and authenticators; returns how many. Development only: passwords and secret are published."""
    roles_sync()
    for demo in DEMO_STAFF:
        office = (
            RegionalOffice.objects.get(economic_region=demo.economic_region) if demo.economic_region else None
        )
        user, _ = User.objects.update_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "is_staff": True,
                "is_superuser": False,
                "is_active": True,
                "office": office,
            },
        )
        user.set_password(demo.password)
        user.save(update_fields=["password"])
        user.groups.set([Group.objects.get(name=demo.role)])
        _demo_authenticator_reset(user)
    return len(DEMO_STAFF)


def _demo_authenticator_reset(user) -> None:
    """The demo staff member's only second factor: an authenticator with the published secret."""
    StaticDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(
        user=user, name="demo", key=totp_key_from_secret(DEMO_TOTP_SECRET), confirmed=True
    )


def staff_access_record(*, viewer, model: str, page: str, objects_shown: list) -> StaffAccess:
    """Record that a staff member saw a page with citizens' data (who, role, which rows, when)."""
    return StaffAccess.objects.create(
        viewer=viewer,
        role=role_of(viewer),
        model=model,
        page=page,
        objects_shown=[str(pk) for pk in objects_shown],
    )
