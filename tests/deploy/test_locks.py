"""The two hashed locks agree: installing the S3 extras (requirements-s3.txt) on top of
requirements.lock changes no locked package, adds only what boto3 needs, and every package in
both carries its hashes (pip install --require-hashes)."""

import re

from django.conf import settings

ROOT = settings.BASE_DIR
S3_ONLY = {"boto3", "botocore", "jmespath", "s3transfer"}


def packages(name):
    text = (ROOT / name).read_text()
    entries = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", block)
        if match:
            entries[match[1].lower()] = (match[2], "--hash=sha256:" in block)
    return entries


def test_the_s3_lock_keeps_every_locked_version_and_adds_only_boto3():
    locked, s3 = packages("requirements.lock"), packages("requirements-s3.txt")
    assert {name: version for name, (version, _) in locked.items()} == {
        name: s3[name][0] for name in locked
    }
    assert set(s3) - set(locked) == S3_ONLY
    assert all(hashed for _version, hashed in [*locked.values(), *s3.values()])


def test_boto3_is_the_version_the_tests_run():
    dev = (ROOT / "requirements-dev.txt").read_text()
    assert f"boto3=={packages('requirements-s3.txt')['boto3'][0]}" in dev
