"""An editor sends an undelivered email again from Reports › Emails not sent, by clicking."""

import pytest
from django.core import mail
from django.urls import reverse

from mail.models import EmailStatus, OutgoingEmail
from mail.tasks import queue_email
from members.emails import PASSWORD_RESET
from tests.accounts import make_user
from tests.applications.builders import run_queue
from tests.browser.test_data_requests import sign_in_as

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_editor_sends_an_undelivered_email_again(page, live_server, editor):
    member = make_user("mona")
    email = queue_email(PASSWORD_RESET, member.pk)
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.FAILED, attempts=6, last_error="ConnectionRefusedError"
    )
    sign_in_as(page, live_server, editor)
    page.goto(f"{live_server.url}{reverse('outbox:index')}")
    assert "ConnectionRefusedError" in page.inner_text("main")

    with page.expect_navigation():
        page.get_by_role("button", name="Send again").click()

    assert page.url.endswith(reverse("outbox:index"))
    assert "The email will be sent again in a moment." in page.inner_text("body")
    email.refresh_from_db()
    assert email.status == EmailStatus.QUEUED and email.attempts == 0
    run_queue()
    assert [message.to for message in mail.outbox] == [["mona@example.org"]]
