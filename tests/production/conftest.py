"""The application fixtures (pages in six languages, an Italian cohort, reCAPTCHA saying yes)
serve the production tests too."""

from tests.applications.conftest import apply_pages, apply_world, italy, recaptcha_passes  # noqa: F401
