"""Background tasks: the invitation and certificate emails, retried until they go out."""

from django_tasks import task

from applications.tasks import deliver_or_retry


@task(backend="queue")
def send_certificate_email(kind, record_id, attempt=1):
    from certificates.emails import send_now

    deliver_or_retry(
        send_certificate_email, lambda: send_now(kind, record_id), kind, record_id, attempt
    )
