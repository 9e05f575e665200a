"""Committee members on their page: a responsive photo (AVIF and WebP with a JPEG fallback,
sized, lazy) when there is one, an initials avatar when there is none."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images.models import Image

from committee.models import CommitteeMember, CommitteePage

pytestmark = pytest.mark.django_db


def portrait():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (400, 300), (11, 92, 138)).save(buffer, "JPEG")
    return Image.objects.create(title="Portrait", file=ImageFile(buffer, name="portrait.jpg"))


def test_members_show_a_responsive_photo_or_their_initials(committee_tree, client):
    page = CommitteePage.objects.get(locale__language_code="en")
    CommitteeMember.objects.create(
        name="Ana López",
        role="chair",
        organisation="Valencia",
        photo=portrait(),
        locale=page.locale,
    )
    CommitteeMember.objects.create(
        name="Jürgen Weiß", role="ai_expert", organisation="Karlsruhe", locale=page.locale
    )
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    members = {m.h3.get_text(strip=True): m for m in soup.select(".member")}

    picture = members["Ana López"].picture
    assert [s["type"] for s in picture.find_all("source")] == ["image/avif", "image/webp"]
    img = picture.img
    assert img["src"].endswith(".jpg") and img["alt"] == ""
    assert img["width"] == "144" and img["height"] == "144" and img["loading"] == "lazy"

    avatar = members["Jürgen Weiß"].select_one(".avatar")
    assert avatar.get_text(strip=True) == "JW" and avatar["aria-hidden"] == "true"
