from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here because models may only be used once the app registry is ready.
        from django.db.models.signals import pre_save
        from wagtail_localize.models import StringTranslation

        from home import site_cache  # noqa: F401  (connect the cache-clearing signals)
        from home.hyphenation import hyphenate_part
        from web.fragments import finish_parts_with

        finish_parts_with(hyphenate_part)
        from home.slugs import transliterate_translated_slug

        pre_save.connect(
            transliterate_translated_slug,
            sender=StringTranslation,
            dispatch_uid="transliterate-translated-slug",
        )
