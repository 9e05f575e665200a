from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "programme"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: the receivers need the models, ready only now.
        from programme import warming

        warming.connect()
