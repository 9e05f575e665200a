"""StreamField blocks shared by every page type; each block renders itself with its own template."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2", label=_("level")
    )

    class Meta:
        icon = "title"
        template = "home/blocks/heading.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"))
    answer = blocks.RichTextBlock(label=_("answer"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "help"


class FaqBlock(blocks.StructBlock):
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions"))

    class Meta:
        icon = "help"
        template = "home/blocks/faq.html"


class KeyFactBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("figure"), max_length=20)
    label = blocks.CharBlock(label=_("label"))


class KeyFactsBlock(blocks.StructBlock):
    facts = blocks.ListBlock(KeyFactBlock(), label=_("facts"))

    class Meta:
        icon = "list-ul"
        template = "home/blocks/key_facts.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link"])
    link_page = blocks.PageChooserBlock(required=False, label=_("link to page"))
    link_text = blocks.CharBlock(required=False, label=_("link text"))

    class Meta:
        icon = "pick"
        template = "home/blocks/callout.html"


class ContactBlock(blocks.StaticBlock):
    """The programme's contact details, taken from the site settings."""

    class Meta:
        icon = "mail"
        label = _("Programme contact")
        admin_text = _("Shows the contact details set in Settings › Programme contact.")
        template = "home/blocks/contact.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock(label=_("Heading"))
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=["h3", "bold", "italic", "link", "ol", "ul"]
    )
    image = ImageBlock(label=_("Image"))
    key_facts = KeyFactsBlock(label=_("Key facts"))
    callout = CalloutBlock(label=_("Call-out"))
    faq = FaqBlock(label=_("Questions and answers"))
    contact = ContactBlock()
