"""RSS and Atom feeds of a language's public committee notes (never the members-only ones).

The Atom feed names its author, the steering committee, on the feed and on every entry, as
RFC 4287 §4.1.1 and §4.1.2 require, with the notes' page as the author's address.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from web.links import absolute_url, page_url

FEED_LENGTH = 30


class Rss2Feed(Rss201rev2Feed):
    """RSS 2.0 whose self link (atom:link rel="self") says the type of what it links to, as
    the W3C feed validator asks; Django writes it without one."""

    def add_root_elements(self, handler):
        feed_url, self.feed["feed_url"] = self.feed["feed_url"], None
        try:
            super().add_root_elements(handler)
        finally:
            self.feed["feed_url"] = feed_url
        if feed_url is not None:
            handler.addQuickElement(
                "atom:link",
                None,
                {"rel": "self", "href": feed_url, "type": "application/rss+xml"},
            )


class NotesRssFeed(Feed):
    feed_type = Rss2Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        self.language = index_page.locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "public, max-age=900"
        return response

    def title(self):
        return _("AI for Cities – notes of the steering committee")

    def link(self):
        return page_url(self.index_page)

    def description(self):
        return self.index_page.intro or self.title()

    def feed_url(self):
        return absolute_url(self.request.path)

    def items(self):
        return list(self.index_page.public_notes()[:FEED_LENGTH])

    def item_title(self, note):
        return note.title

    def item_description(self, note):
        return note.summary

    def item_link(self, note):
        return page_url(note)

    def item_pubdate(self, note):
        midnight = datetime.datetime.combine(note.date, datetime.time(12, 0))
        return timezone.make_aware(midnight, datetime.UTC)

    def item_updateddate(self, note):
        return note.last_published_at or self.item_pubdate(note)

    def item_categories(self, note):
        return [note.get_note_type_display()]


def committee_name():
    return _("Steering committee AI for Cities")


class NotesAtomFeed(NotesRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()

    def author_name(self):
        return committee_name()

    def author_link(self):
        return self.link()

    def item_author_name(self, note):
        return committee_name()

    def item_author_link(self, note):
        return self.author_link()
