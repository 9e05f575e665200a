"""Both file stores on object storage (moto's S3 server on this machine, the stores built as
production builds them): a committee member's photo, rendered as renditions into the public
bucket, shows in Chromium with the Content-Security-Policy in force; a restricted document in
the private bucket is refused to an anonymous visitor and streamed to a member."""

import json
from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from aicities.settings.object_storage import object_storages
from committee.models import CommitteeMember
from tests.accounts import PASSWORD
from tests.fixtures.committee import build_committee_world
from tests.services import free_port

moto_server = pytest.importorskip("moto.server", reason="pip install -r requirements-dev.txt")
boto3 = pytest.importorskip("boto3")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PUBLIC, PRIVATE = "aicities-media", "aicities-private"
PUBLIC_READ_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{PUBLIC}/*",
            }
        ],
    }
)
CSP_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def object_storage(settings, monkeypatch):
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_DEFAULT_REGION": "eu-west-3"}.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    port = free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="eu-west-3")
    for bucket in (PUBLIC, PRIVATE):
        client.create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-3"}
        )
    # Public media are public: the bucket policy deploy/README.md gives the operator.
    client.put_bucket_policy(Bucket=PUBLIC, Policy=PUBLIC_READ_POLICY)
    settings.STORAGES = {
        **settings.STORAGES,
        **object_storages(PUBLIC, PRIVATE, endpoint, "eu-west-3", addressing_style="path"),
    }
    try:
        yield client, endpoint
    finally:
        server.stop()


def keys(client, bucket):
    return [item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])]


def test_images_and_restricted_documents_on_object_storage(
    page, live_server, object_storage, photo
):
    client, endpoint = object_storage
    world = build_committee_world()
    english = world.site_tree.locales["en"]
    CommitteeMember.objects.create(
        name="Ana Photo", role="ai_expert", organisation="Efus", locale=english, photo=photo
    )
    assert any(key.startswith("original_images/") for key in keys(client, PUBLIC))
    assert any(key.startswith("documents/") for key in keys(client, PRIVATE))
    assert not any("checklist" in key for key in keys(client, PUBLIC))

    page.add_init_script(CSP_VIOLATIONS)
    response = page.goto(f"{live_server.url}/en/committee/")
    policy = response.headers["content-security-policy"]
    assert f"img-src 'self' data: {endpoint}" in policy
    photo = page.locator("img.member-photo").first
    photo.wait_for()
    assert photo.get_attribute("src").startswith(f"{endpoint}/{PUBLIC}/images/")
    photo.scroll_into_view_if_needed()  # the photos load lazily
    page.wait_for_function("document.querySelector('img.member-photo').complete")
    assert photo.evaluate("image => image.naturalWidth") == 144
    assert page.evaluate("window.cspViolations") == []
    assert any(key.startswith("images/") for key in keys(client, PUBLIC))  # the renditions
    # The private bucket is not readable without the site's credentials.
    [document_key] = [key for key in keys(client, PRIVATE) if key.startswith("documents/")]
    assert page.request.get(f"{endpoint}/{PRIVATE}/{document_key}").status == 403

    document_url = f"{live_server.url}{world.document.url}"
    page.goto(document_url)
    assert "/en/members/login/" in page.url  # refused to an anonymous visitor
    page.get_by_label("Username").fill("carlos")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    download = page.request.get(document_url)
    assert download.status == 200
    stored = client.get_object(Bucket=PRIVATE, Key=document_key)["Body"].read()
    assert download.body() == stored and stored.startswith(b"%PDF")  # streamed from the bucket


@pytest.fixture
def photo(object_storage):
    buffer = BytesIO()
    PillowImage.new("RGB", (300, 300), "teal").save(buffer, "PNG")
    return get_image_model().objects.create(
        title="Ana", file=ImageFile(BytesIO(buffer.getvalue()), name="ana.png")
    )
