"""Background email of the member accounts: the password reset link, retried until it goes out."""

from django_tasks import task

from applications.tasks import deliver_or_retry


@task(backend="queue")
def send_password_reset_email(kind, user_id, attempt=1, language="en", base_url=""):
    from committee.emails import send_password_reset_now

    deliver_or_retry(
        send_password_reset_email,
        lambda: send_password_reset_now(user_id, language, base_url),
        kind,
        user_id,
        attempt,
        language=language,
        base_url=base_url,
    )
