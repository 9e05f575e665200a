"""Parts of a site-frame page that a higher app renders with its own template: the programme's
cohorts on the home page and in search results, the count of certified participants.

The frame's hook functions return `Section`s; its template includes each one in order
(`{% include section.template_name with section=section.context %}`), so the frame never loads a
higher app's tag library nor names its templates."""

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class Section:
    template_name: str
    context: dict = field(default_factory=dict)
    order: int = 100
    place: str = "main"  # where on the page, for a page with several places


def by_place(sections):
    """{place: [its sections in order]}, leaving out the None a hook returns for "nothing"."""
    places = defaultdict(list)
    for section in sorted(filter(None, sections), key=lambda section: section.order):
        places[section.place].append(section)
    return dict(places)
