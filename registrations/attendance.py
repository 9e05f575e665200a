"""Who attended an event: ticked by editors, or read from the web conference tool's attendee
list (a CSV export with an email column, in any of the usual encodings and separators)."""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction

from registrations.models import Registrant

MAX_IMPORT_BYTES = 5 * 1024 * 1024
ENCODINGS = ("utf-8-sig", "utf-16", "cp1252")


class UnreadableAttendeeList(ValueError):
    """The file is no CSV with an email column (the message says which, for editors)."""


@dataclass
class ImportResult:
    matched: int = 0
    unmatched: list = field(default_factory=list)


def decode(raw):
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableAttendeeList("binary")
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableAttendeeList("encoding")


def email_rows(text):
    """The addresses of the list, one per row that has one; the rows without one, as read."""
    lines = text.splitlines()
    if not lines:
        raise UnreadableAttendeeList("empty")
    sample = "\n".join(lines[:20])
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise UnreadableAttendeeList("empty") from error
    columns = [i for i, name in enumerate(header) if "mail" in name.strip().casefold()]
    if not columns:
        raise UnreadableAttendeeList("no email column")
    column = columns[0]
    found, unmatched = [], []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            value = row[column].strip() if column < len(row) else ""
            if "@" in value:
                found.append(value)
            else:
                unmatched.append(";".join(row)[:200])
    except csv.Error as error:
        raise UnreadableAttendeeList("not csv") from error
    return found, unmatched


@transaction.atomic
def import_attendees(registration, raw):
    """Mark as attended the registrants whose address is in the list; report the others."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise UnreadableAttendeeList("too large")
    found, unmatched = email_rows(decode(raw))
    registrants = {
        registrant.email.casefold(): registrant
        for registrant in registration.registrants.not_erased()
    }
    result = ImportResult(unmatched=unmatched)
    seen = set()
    for address in found:
        registrant = registrants.get(address.casefold())
        if registrant is None:
            result.unmatched.append(address)
        elif registrant.pk not in seen:
            seen.add(registrant.pk)
    Registrant.objects.filter(pk__in=seen).update(attended=True)
    result.matched = len(seen)
    return result


@transaction.atomic
def record_ticks(registration, attended_ids):
    """The ticked registrants attended; the others of the event did not."""
    registrants = registration.registrants.all()
    registrants.filter(pk__in=attended_ids).update(attended=True)
    registrants.exclude(pk__in=attended_ids).update(attended=False)
