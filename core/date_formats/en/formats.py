"""English as the portal writes it: Django's British formats (31/10/2025, 31 Oct 2025), since
"10/31/2025" would be misread in a country that writes the day first. Numbers stay 1,234.50."""

from django.conf.locale.en_GB.formats import *  # noqa: F403
