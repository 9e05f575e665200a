"""The sections of "my space" that other apps add (the committee's notes, certificates).

An app registers a function with `@hooks.register(MY_SPACE_HOOK)`; it receives the request and
returns a `MySpaceSection`, or None when it has nothing for this member.
"""

from dataclasses import dataclass, field

from wagtail import hooks

MY_SPACE_HOOK = "members_my_space_sections"


@dataclass
class MySpaceSection:
    template_name: str
    context: dict = field(default_factory=dict)
    order: int = 100


def sections_for(request):
    found = (section(request) for section in hooks.get_hooks(MY_SPACE_HOOK))
    return sorted((section for section in found if section), key=lambda s: s.order)
