"""Factories for the home page."""

import wagtail_factories

from home.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "AI for Cities"
    slug = "home"
    intro = "A free training programme on AI for urban security."
