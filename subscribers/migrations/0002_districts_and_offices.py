"""Seed every district of DOMAIN.md and one Azərişıq registration office per served economic region."""

from django.db import migrations

from subscribers.districts import (
    BAKU_CITY_DISTRICTS,
    CITY_DISTRICT,
    OFFICE_NAMES,
    REGIONS,
    UNSERVED_REGIONS,
    district_code,
)


def seed(apps, schema_editor):
    District = apps.get_model("subscribers", "District")
    RegionalOffice = apps.get_model("subscribers", "RegionalOffice")
    for region, seeds in REGIONS.items():
        served = region not in UNSERVED_REGIONS
        office = (
            RegionalOffice.objects.get_or_create(name=OFFICE_NAMES[region], economic_region=region)[0]
            if served
            else None
        )
        for seed in seeds:
            parent = District.objects.create(
                code=district_code(seed.name, seed.kind),
                name=seed.name,
                kind=seed.kind,
                economic_region=region,
                iso_code=seed.iso_code,
                served_by_azerishiq=served,
                office=office,
            )
            if seed.iso_code == "AZ-BA":
                for name in BAKU_CITY_DISTRICTS:
                    District.objects.create(
                        code=district_code(name, CITY_DISTRICT, seed.name),
                        name=name,
                        kind=CITY_DISTRICT,
                        economic_region=region,
                        parent=parent,
                        served_by_azerishiq=served,
                        office=office,
                    )


def unseed(apps, schema_editor):
    apps.get_model("subscribers", "District").objects.filter(parent__isnull=False).delete()
    apps.get_model("subscribers", "District").objects.all().delete()
    apps.get_model("subscribers", "RegionalOffice").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("subscribers", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
