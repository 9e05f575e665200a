"""A hung PostgreSQL gives a clear 503 with Retry-After within 5 s, pages come back when it
resumes, and an application sent during the outage, or whose answer was lost, is stored once:
sent again, the form shows the first reference."""

import re
import socket
import time
import urllib.parse

DEADLINE_SECONDS = 5
# Pages that always need the database (the application form is never kept in the page cache).
PAGES = ["/en/apply/", "/fr/candidater/", "/en/search/?q=ville"]
REFERENCE = re.compile(r"AIC-\d{4}-IT-\d{4}")


def applications_named(site, name):
    return site.query(
        "SELECT reference FROM applications_application WHERE authority_name = %s", name
    )


def test_a_hung_database_gives_a_503_within_seconds_then_pages_again(site):
    for path in PAGES:
        assert site.get(path).status in (200, 404), path
    with site.postgres.frozen():
        answers = [site.get(path) for path in PAGES * 2]
    print("PostgreSQL hung, seconds to each 503:", [round(a.seconds, 2) for a in answers])
    for answer in answers:
        assert answer.status == 503
        assert answer.seconds < DEADLINE_SECONDS, [round(a.seconds, 2) for a in answers]
        assert answer.headers.get("Retry-After") == "60"
    assert "temporarily" in answers[0].body.lower()
    site.wait_until_served()
    assert "Traceback" not in site.log.read_text()


def test_an_application_sent_during_the_outage_is_not_stored(site):
    form = site.application_form(authority_name="Città sospesa")
    with site.postgres.frozen():
        answer = site.post_application(form)
    assert answer.status == 503 and answer.seconds < DEADLINE_SECONDS
    site.wait_until_served()
    assert applications_named(site, "Città sospesa") == []
    sent_again = site.post_application(form)
    assert sent_again.status == 302
    assert len(applications_named(site, "Città sospesa")) == 1


def post_and_drop_the_answer(site, form):
    """Send the form and hang up before the answer, as a visitor whose connection broke."""
    body = urllib.parse.urlencode(form).encode()
    host, port = site.base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as connection:
        connection.sendall(
            b"POST /en/apply/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + f"Cookie: csrftoken={form['csrfmiddlewaretoken']}\r\n".encode()
            + f"Referer: {site.base}/en/apply/\r\n".encode()
            + b"Content-Type: application/x-www-form-urlencoded\r\n"
            + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
            + body
        )


def test_a_form_sent_again_after_a_lost_answer_shows_the_first_reference(site):
    # An address of its own: the other fault tests' applications may have used up the hour's
    # three emails to the form's usual one, which would withhold this acknowledgement.
    form = site.application_form(
        authority_name="Città ritentata", contact_email="ufficio@citta-ritentata.example.it"
    )
    post_and_drop_the_answer(site, form)
    deadline = time.monotonic() + 20
    while not applications_named(site, "Città ritentata") and time.monotonic() < deadline:
        time.sleep(0.2)
    [(first_reference,)] = applications_named(site, "Città ritentata")

    again = site.post_application(form)
    assert again.status == 302 and "again=1" in again.headers["Location"]
    receipt = site.get(again.headers["Location"].removeprefix(site.base))
    assert receipt.status == 200
    assert REFERENCE.search(receipt.body).group(0) == first_reference
    assert "already reached us" in receipt.body
    assert len(applications_named(site, "Città ritentata")) == 1
    queued = site.query(
        "SELECT count(*) FROM mail_outgoingemail e JOIN applications_application a"
        " ON a.id = e.record_id WHERE a.authority_name = %s"
        " AND e.kind IN ('applications.acknowledgement', 'applications.staff_notification')",
        "Città ritentata",
    )
    assert queued == [(2,)], "one acknowledgement and one staff notification"
