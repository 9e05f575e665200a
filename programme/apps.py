from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "programme"
    default_auto_field = "django.db.models.BigAutoField"
