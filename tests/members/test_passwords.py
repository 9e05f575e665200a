"""Every password form uses Django's password validators, with a length of at least 12, common
passwords refused and no password that contains the member's name; what they refuse is said in
the member's language, next to the field chosen."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordChangeForm
from django.core import mail
from django.utils import translation

from certificates.enrolment import enrol_application
from members.accounts import password_reset_path
from members.forms import ChosenPasswordForm
from programme.factories import CohortFactory
from tests.applications.builders import run_queue
from tests.fixtures.certificates import make_application

pytestmark = pytest.mark.django_db

GOOD = "Stadhuis-Veiligheid-77"
REFUSED = {
    "gent1234": "password_too_short",  # what the invitation accepted before
    "password1234": "password_too_common",
    "Peeters-2027-veilig": "password_contains_name",  # the participant is Jan Peeters
    "jan.peeters@example.be": "password_too_similar",
    "482915730264": "password_entirely_numeric",
}


@pytest.fixture
def jan(groups):
    cohort = CohortFactory(country="BE", slug="belgium-2026", with_sessions__confirmed=True)
    enrol_application(
        make_application(cohort, people=[("Jan Peeters", "jan.peeters@example.be")], language="nl")
    )
    run_queue()
    # The invitation to choose a password (each session's calendar invitation aside).
    (invitation,) = [m for m in mail.outbox if len(m.alternatives) == 1]
    return get_user_model().objects.get(email="jan.peeters@example.be"), invitation


def codes(form):
    return {error.code for errors in form.errors.as_data().values() for error in errors}


def test_the_validators_refuse_short_common_and_personal_passwords(jan):
    user, _invitation = jan
    for password, code in REFUSED.items():
        form = ChosenPasswordForm(user, {"new_password1": password, "new_password2": password})
        assert not form.is_valid(), password
        assert code in codes(form), (password, codes(form))
        assert list(form.errors) == ["new_password1"], password  # next to the password chosen
    assert ChosenPasswordForm(user, {"new_password1": GOOD, "new_password2": GOOD}).is_valid()
    # The name is found whatever the case or accents ("Groß" reads "gross").
    user.first_name, user.last_name = "Jürgen", "Groß"
    assert "password_contains_name" in codes(
        ChosenPasswordForm(user, {"new_password1": "JURGEN-koln-2027", "new_password2": "x"})
    )
    assert "password_contains_name" in codes(
        ChosenPasswordForm(user, {"new_password1": "Koeln-gross-2027", "new_password2": "x"})
    )


def test_the_admins_password_change_uses_them_too(jan):
    user, _invitation = jan
    user.set_password(GOOD)
    form = PasswordChangeForm(
        user, {"old_password": GOOD, "new_password1": "gent1234", "new_password2": "gent1234"}
    )
    assert "password_too_short" in codes(form)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_invitation_refuses_gent1234_in_the_members_language(client, jan, language):
    user, invitation = jan
    with translation.override(language):
        link = password_reset_path(user)  # the invitation's link, in each language
    # The same address up to the token, which holds the second it was made in.
    assert language != "nl" or link.rsplit("/", 2)[0] + "/" in invitation.body
    form_page = client.get(link, follow=True)
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": "gent1234", "new_password2": "gent1234"})
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    with translation.override(language):
        too_short = (
            translation.ngettext(
                "This password is too short. It must contain at least %d character.",
                "This password is too short. It must contain at least %d characters.",
                12,
            )
            % 12
        )
    assert language == "en" or "too short" not in too_short
    errors = page.find(id="id_new_password1_error")
    assert too_short in " ".join(errors.get_text(" ").split()), language
    # Right before its field, which names it as its description; none on the confirmation.
    assert errors.find_next("input") == page.find(id="id_new_password1")
    assert "id_new_password1_error" in page.find(id="id_new_password1")["aria-describedby"]
    assert page.find(id="id_new_password2_error") is None
    assert not get_user_model().objects.get(email="jan.peeters@example.be").has_usable_password()
