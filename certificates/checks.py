"""System check: the key in CERTIFICATE_SIGNING_KEY can sign credentials (an RSA private key
of at least 3072 bits), so `manage.py check --deploy` in the release step refuses a server
whose first credential would fail."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from certificates import credentials


@checks.register(checks.Tags.security)
def signing_key_can_sign(app_configs=None, **kwargs):
    if not settings.CERTIFICATE_SIGNING_KEY:
        return []  # development and tests create their key on first use
    try:
        credentials.signing_key()
    except (ImproperlyConfigured, ValueError, TypeError) as error:
        return [checks.Error(str(error), id="certificates.E001")]
    return []
