"""The document kinds an office may ask for at first; staff with the permission edit them."""

from django.db import migrations

from backoffice.roles import roles_sync_in_migration

KINDS = [
    ("marriage_certificate", "Nikah haqqında şəhadətnamə", "Marriage certificate", "Свидетельство о браке"),
    (
        "registry_extract",
        "Daşınmaz əmlakın dövlət reyestrindən çıxarış",
        "Extract from the state real-estate registry",
        "Выписка из государственного реестра недвижимости",
    ),
    ("power_of_attorney", "Etibarnamə", "Power of attorney", "Доверенность"),
    (
        "name_change_certificate",
        "Ad, soyad dəyişikliyi haqqında şəhadətnamə",
        "Certificate of a change of name",
        "Свидетельство о перемене имени",
    ),
    ("identity_document", "Şəxsiyyət vəsiqəsinin surəti", "Copy of the identity card", "Копия удостоверения личности"),
]


def kinds_create(apps, schema_editor):
    DocumentKind = apps.get_model("applications", "DocumentKind")
    for position, (code, name_az, name_en, name_ru) in enumerate(KINDS):
        DocumentKind.objects.update_or_create(
            code=code,
            defaults={"name_az": name_az, "name_en": name_en, "name_ru": name_ru, "position": position},
        )


def kinds_remove(apps, schema_editor):
    apps.get_model("applications", "DocumentKind").objects.filter(code__in=[k[0] for k in KINDS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0013_info_requests_and_versions"),
        ("operations", "0002_supervisors_switch_maintenance"),
    ]

    operations = [
        migrations.RunPython(kinds_create, kinds_remove),
        # Supervisors edit the kinds (backoffice/roles.py).
        migrations.RunPython(roles_sync_in_migration, migrations.RunPython.noop),
    ]
