from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "missiemonitor.interchange"
    label = "interchange"
    default_auto_field = "django.db.models.BigAutoField"
