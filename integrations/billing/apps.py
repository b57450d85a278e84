from django.apps import AppConfig


class FakeBillingLedgerConfig(AppConfig):
    """The fake billing's ledger (integrations/billing/models.py): tables every environment has
    (the migrations are the same everywhere) and only development and tests write."""

    name = "integrations.billing"
    label = "fake_billing"
    verbose_name = "Fake billing ledger (development and tests)"
    default_auto_field = "django.db.models.BigAutoField"
