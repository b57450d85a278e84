from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscribersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "subscribers"
    verbose_name = _("Abonentlər")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from subscribers import district_list

        District = self.get_model("District")
        post_save.connect(district_list.forget, sender=District, dispatch_uid="district_list.forget.saved")
        post_delete.connect(
            district_list.forget, sender=District, dispatch_uid="district_list.forget.deleted"
        )
