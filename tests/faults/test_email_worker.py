"""The email worker loses no email while the database hangs: it stops (systemd starts it again,
as this test does), an email it had claimed is queued again by the requeue timer, and after
the database resumes every email of the outbox reaches the mail server, under its own
Message-ID (so a repeat is recognisable)."""

import mailbox
import subprocess
import sys
import threading
import time
from email import message_from_bytes

from tests.production.servers import PROJECT

# What the requeue timer (every 5 minutes) sees 11 minutes later: claims of a dead worker.
AGE_THE_CLAIMS = """
UPDATE mail_outgoingemail SET claimed_at = claimed_at - interval '11 minutes'
 WHERE status = 'sending';
UPDATE django_tasks_database_dbtaskresult SET started_at = started_at - interval '11 minutes'
 WHERE status = 'RUNNING';
"""


class SupervisedWorker:
    """`manage.py db_worker --backend queue`, started again a second after it stops, as the
    systemd unit does (Restart=always)."""

    def __init__(self, environment):
        self.environment = environment
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self.stopping.is_set():
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--backend", "queue",
                 "--interval", "0.5", "--no-startup-delay"],
                cwd=PROJECT, env=self.environment,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            while self.process.poll() is None and not self.stopping.is_set():
                time.sleep(0.2)
            self.stopping.wait(1)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join(20)  # no worker is started after this
        self.process.terminate()
        self.process.wait(20)


def outbox(site):
    """The emails due now: staff's hourly digest of applications (applications/notifications.py),
    which the fault site's many applications set off, waits its hour by design."""
    return site.query(
        "SELECT key, status FROM mail_outgoingemail WHERE kind <> 'applications.staff_digest'"
    )


def delivered_message_ids(site):
    return [
        message_from_bytes(bytes(message))["Message-ID"]
        for message in mailbox.Maildir(site.maildir, create=True)
    ]


def test_the_email_worker_loses_no_email_while_the_database_hangs(site):
    # An address of its own for each city: three emails an hour to one address is the limit,
    # and this test must find eight emails whether or not the fault site took applications before.
    for number in range(4):
        form = site.application_form(
            authority_name=f"Comune {number}", contact_email=f"ufficio{number}@comune.example.it"
        )
        assert site.post_application(form).status == 302
    with SupervisedWorker(site.environment):
        time.sleep(1.0)  # the worker is starting, or sending
        with site.postgres.frozen():
            time.sleep(6)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            site.query(AGE_THE_CLAIMS)
            subprocess.run(
                [sys.executable, "manage.py", "requeue_stalled_emails"],
                cwd=PROJECT, env=site.environment, capture_output=True, check=True,
            )  # fmt: skip
            if all(status == "sent" for _key, status in outbox(site)):
                break
            time.sleep(2)

    emails = outbox(site)
    assert len(emails) >= 8
    assert [key for key, status in emails if status != "sent"] == []
    delivered = delivered_message_ids(site)
    missing = [key for key, _ in emails if not any(key.replace("-", "") in m for m in delivered)]
    assert missing == [], f"{len(missing)} emails never reached the mail server"
