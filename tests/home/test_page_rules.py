"""Which page goes under which: the tree editors can build."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from programme.models import CohortIndexPage, EventIndexPage, ProgrammePage


class PageTreeRulesTest(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(ProgrammePage, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_programme_pages_nest_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(ProgrammePage, {HomePage, ProgrammePage})
        self.assertCanCreateAt(HomePage, ProgrammePage)
        self.assertCanCreateAt(ProgrammePage, ProgrammePage)

    def test_listings_live_under_home_and_have_no_children(self):
        for listing in (CohortIndexPage, EventIndexPage):
            self.assertAllowedParentPageTypes(listing, {HomePage})
            self.assertAllowedSubpageTypes(listing, set())
            self.assertCanNotCreateAt(ProgrammePage, listing)
