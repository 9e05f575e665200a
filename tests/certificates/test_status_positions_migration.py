"""The migration to random positions in the revocation list: certificates issued before get a
random position, keep their key as a legacy position (which the credentials given then point
at), and a revoked one stays revoked at both."""

import datetime

import pytest

from certificates import credentials
from certificates.models import STATUS_LIST_SIZE, Certificate
from tests.fixtures.certificates import attend

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("certificates", "0003_calendar_key")]
AFTER = [("certificates", "0004_random_status_list_positions")]


def test_existing_certificates_get_random_positions_and_keep_their_revocations(
    enrolments, migrated_to
):
    for enrolment in enrolments.values():
        attend(enrolment)
    OldCertificate = migrated_to(BEFORE).get_model("certificates", "Certificate")
    issued_at = datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC)
    old = [
        OldCertificate.objects.create(enrolment_id=enrolment.pk, language="de", issued_at=issued_at)
        for enrolment in enrolments.values()
    ]
    OldCertificate.objects.filter(pk=old[1].pk).update(
        revoked_at=issued_at, revocation_reason="Issued by mistake"
    )
    migrated_to(AFTER)
    certificates = list(Certificate.objects.order_by("pk"))
    assert [c.legacy_status_index for c in certificates] == [c.pk for c in old]
    positions = {c.status_index for c in certificates}
    assert len(positions) == 4 and not positions & {c.pk for c in old}
    assert all(0 <= index < STATUS_LIST_SIZE for index in positions)

    bits = credentials.decode_bitstring(
        credentials.encode_bitstring(Certificate.objects.revoked_status_indexes())
    )
    revoked = certificates[1]
    assert revoked.is_revoked
    # Credentials given before (position: the key) and after (the new one) both read revoked.
    assert credentials.is_set(bits, revoked.pk) and credentials.is_set(bits, revoked.status_index)
    for valid in certificates[:1] + certificates[2:]:
        assert not credentials.is_set(bits, valid.pk)
        assert not credentials.is_set(bits, valid.status_index)
