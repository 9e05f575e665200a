"""The demo site's English source content; translations live in home/demo/translations/."""

import uuid


def list_items(values):
    """ListBlock items in Wagtail's current format (with ids, which translation needs)."""
    return [
        {"type": "item", "value": value, "id": str(uuid.uuid5(uuid.NAMESPACE_URL, repr(value)))}
        for value in values
    ]


def paragraph(html):
    return {"type": "paragraph", "value": html}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def faq(*pairs):
    return {
        "type": "faq",
        "value": {
            "questions": list_items([{"question": q, "answer": f"<p>{a}</p>"} for q, a in pairs])
        },
    }


def key_facts(*facts):
    return {
        "type": "key_facts",
        "value": {"facts": list_items([{"figure": f, "label": label} for f, label in facts])},
    }


CONTACT = {"type": "contact", "value": None}

HOME = {
    "title": "AI for Cities",
    "slug": "home",
    "intro": (
        "A free training programme of the European Forum for Urban Security (Efus) that helps "
        "city officials and elected representatives in France, Italy, the Netherlands, Germany, "
        "Spain and Belgium to understand and use artificial intelligence for urban security, "
        "responsibly."
    ),
    "body": [
        heading("Why AI for Cities?"),
        paragraph(
            "<p>Artificial intelligence is entering municipal police, civil security and risk "
            "prevention services: video analysis, forecasting tools, chatbots for citizens. Local "
            "decision-makers need to know what these tools can and cannot do, what the law "
            "requires, and how to buy and govern them.</p>"
        ),
        paragraph(
            "<p>From January 2025 to December 2026, the programme trains 175 officials and elected "
            "representatives in seven cohorts, each in its national language.</p>"
        ),
    ],
}

PROGRAMME_PAGES = [
    {
        "title": "About the programme",
        "slug": "about",
        "intro": (
            "AI for Cities is a two-year programme of Efus, fully funded, that trains local "
            "officials and elected representatives in artificial intelligence for urban security."
        ),
        "body": [
            key_facts(
                ("175", "officials and elected representatives to be trained by the end of 2026"),
                ("6", "countries"),
                ("7", "cohorts in the national language"),
                ("0 €", "cost for participants and their cities"),
            ),
            heading("What participants learn"),
            paragraph(
                "<ul><li>What artificial intelligence is, and what it is not</li>"
                "<li>Uses of AI in urban security and prevention, with examples from European "
                "cities</li><li>The legal framework: the EU AI Act and data protection</li>"
                "<li>Ethics, fundamental rights and public trust</li>"
                "<li>Buying and governing AI systems in a city</li></ul>"
            ),
            heading("Free of charge"),
            paragraph(
                "<p>Participation is free. The programme covers the training, the materials and "
                "the in-person session. Cities commit to let their officials attend every "
                "session.</p>"
            ),
            heading("A steering committee"),
            paragraph(
                "<p>A steering committee of participants and AI experts, under the Efus "
                "Innovation and Technology Working Group, guides the programme, publishes its "
                "outputs and holds regular web conferences.</p>"
            ),
        ],
    },
    {
        "title": "How the training works",
        "slug": "format",
        "intro": (
            "Each cohort meets five times: four online sessions and one in-person session, all "
            "in the national language."
        ),
        "body": [
            heading("Four online sessions"),
            paragraph(
                "<p>Sessions of two and a half hours combine short talks by experts, case studies "
                "from cities and exercises in small groups. They take place on weekday mornings, "
                "a week or two apart.</p>"
            ),
            heading("One in-person session"),
            paragraph(
                "<p>A full day in a city of the cohort's country brings participants together to "
                "visit a service that uses AI and to work on their own city's projects.</p>"
            ),
            heading("In your language"),
            paragraph(
                "<p>Every cohort is taught in its national language: French, Italian, Dutch, "
                "German or Spanish. The Belgian cohort is served in French, Dutch and German.</p>"
            ),
        ],
    },
    {
        "title": "Who it is for",
        "slug": "who-it-is-for",
        "intro": (
            "The programme is for the people who decide on and run urban security in European "
            "cities."
        ),
        "body": [
            paragraph(
                "<ul><li>Officials of security and prevention services: municipal police, civil "
                "security, risk prevention</li><li>Elected representatives in charge of security "
                "or digital affairs</li><li>Other municipal staff working on these questions, such "
                "as data protection officers and buyers</li></ul>"
            ),
            heading("Diversity of participants"),
            paragraph(
                "<p>When selecting participants, the programme takes into account gender balance, "
                "the variety of territories (large and small cities, urban and rural areas) and "
                "the variety of positions.</p>"
            ),
        ],
    },
    {
        "title": "Certificate",
        "slug": "certificate",
        # In the footer: the top menu keeps to one row on a desktop.
        "show_in_menus": False,
        "intro": (
            "Participants who complete their cohort receive a certificate of their new knowledge "
            "and skills in artificial intelligence."
        ),
        "body": [
            paragraph(
                "<p>To complete a cohort, a participant attends the four online sessions and the "
                "in-person session. The certificate names the cohort and the skills covered, and "
                "carries a code that anyone can verify online.</p>"
            ),
            paragraph(
                "<p>To check a certificate, enter its code on the "
                '<a href="/en/certificates/verify/">certificate verification page</a>, or scan '
                "the QR code printed on it.</p>"
            ),
        ],
    },
    {
        "title": "Frequently asked questions",
        "slug": "faq",
        # In the footer: the top menu keeps to one row on a desktop.
        "show_in_menus": False,
        "intro": "Answers to the questions cities ask most often.",
        "body": [
            faq(
                (
                    "How much does it cost?",
                    "Nothing. The programme is fully funded, including the in-person session.",
                ),
                (
                    "Who can apply?",
                    "Cities of France, Italy, the Netherlands, Germany, Spain and Belgium, for "
                    "their officials and elected representatives.",
                ),
                (
                    "What is the commitment?",
                    "Participants attend the four online sessions and the in-person session of "
                    "their cohort.",
                ),
                (
                    "In which language is the training given?",
                    "In the national language of each cohort.",
                ),
                (
                    "When are the dates confirmed?",
                    "Each cohort page shows which dates are confirmed and which are still to be "
                    "confirmed.",
                ),
            ),
        ],
    },
    {
        "title": "Contact",
        "slug": "contact",
        # In the footer: the top menu keeps to one row on a desktop.
        "show_in_menus": False,
        "intro": "Questions about the programme? Write to the programme team at Efus.",
        "body": [CONTACT],
    },
]

COHORT_INDEX = {
    "title": "Cohorts and dates",
    "slug": "cohorts",
    "body": [
        paragraph(
            "<p>Seven cohorts in six countries, each in its national language. Dates marked "
            "\u201cto be confirmed\u201d are announced here as soon as they are fixed.</p>"
        ),
    ],
}

EVENT_INDEX = {
    "title": "Events",
    "slug": "events",
    "body": [
        paragraph(
            "<p>The steering committee holds regular web conferences open to participants and "
            "partners. The programme closes with a final online conference in December "
            "2026.</p>"
        ),
    ],
}

PRIVACY_PAGE = {
    "title": "Privacy notice",
    "slug": "privacy",
    "show_in_menus": False,
    "intro": "How Efus handles the personal data that cities send with an application.",
    "body": [
        heading("Who is responsible"),
        paragraph(
            "<p>The European Forum for Urban Security (Efus), 10 rue des Montiboeufs, 75020 "
            "Paris, France, is responsible for the data of the AI for Cities programme.</p>"
        ),
        heading("What we collect and why"),
        paragraph(
            "<p>With an application we receive the city's details, the contact person's name, "
            "position, email and phone, and the name, position, service, email and, if given, "
            "gender of each proposed participant. We use them only to select the participants "
            "of a cohort, to organise the training and to issue certificates.</p>"
        ),
        heading("How long we keep it"),
        paragraph(
            "<p>Personal data is kept for two years after the end of the cohort, then erased. "
            "Statistics without names remain. You can ask at any time for a copy of your data "
            "or for its erasure by writing to the programme team.</p>"
        ),
        heading("Signing in"),
        paragraph(
            "<p>When you sign in to the members' area or to the administration, we record each "
            "attempt: the user name typed, the time, and the network address and browser it "
            "came from. These records protect accounts against password guessing; they are "
            "deleted after 30 days. Your session ends when you sign out or two weeks after you "
            "signed in, and expired sessions are deleted every night.</p>"
        ),
        heading("Spam protection"),
        paragraph(
            "<p>The application form uses Google reCAPTCHA to tell people from robots. Google's "
            "script loads only when you reach the spam check at the end of the form or ask for "
            "it: until then, your browser sends nothing to Google. From then on, on that page "
            "only, Google receives technical data from your browser, under its own privacy "
            "policy. If the spam check cannot load, you can still send the application: our "
            "staff then check it by hand.</p>"
        ),
        heading("Registering for an event"),
        paragraph(
            "<p>When you register for a public event, such as the final conference, we receive "
            "your name, email, organisation and its kind, country and role. We use them to "
            "confirm your place, to send you the calendar invitation, the link to join and the "
            "recording, and to count who came. They are kept for two years after the event, then "
            "erased; counts without names remain. You can cancel through the link in your emails, "
            "and ask at any time for a copy of your data or for its erasure by writing to the "
            "programme team.</p>"
        ),
    ],
}

APPLICATION_PAGE = {
    "title": "Apply",
    "slug": "apply",
    "body": [
        paragraph(
            "<p>Cities and regions of the six countries apply for their officials and elected "
            "representatives to join the cohort of their country. Participation is free; the "
            "local or regional authority commits that its participants attend every "
            "session.</p>"
        ),
    ],
}

EVENT_TOPICS = {
    "ai-act": (
        "The EU AI Act: what changes for cities",
        "<p>What the new European rules mean for the AI systems that cities use and buy.</p>",
    ),
    "video": (
        "Video surveillance and AI: ethics and data protection",
        "<p>Where the limits lie, and how cities can earn the trust of their residents.</p>",
    ),
    "procurement": (
        "Buying AI systems responsibly",
        "<p>Questions to ask suppliers, and clauses that protect the city.</p>",
    ),
    "lessons": (
        "Lessons from the first cohorts",
        "<p>Participants of the 2025 cohorts share what they changed in their cities.</p>",
    ),
    "final": (
        "AI for Cities final conference",
        "<p>Results of the programme and recommendations of the steering committee.</p>",
    ),
}

FOOTER = (
    "<p>AI for Cities is a programme of the European Forum for Urban Security (Efus), "
    "January 2025 – December 2026.</p>"
)

# The footer's pages: legal notice, accessibility statement (after the EU model statement of
# Implementing Decision (EU) 2018/1523) and the readable sitemap.
LEGAL_NOTICE_PAGE = {
    "title": "Legal notice",
    "slug": "legal-notice",
    "show_in_menus": False,
    "intro": "Who publishes this website and under which terms.",
    "body": [
        heading("Publisher"),
        paragraph(
            "<p>This website is published by the European Forum for Urban Security (Efus), an "
            "association under French law, 10 rue des Montiboeufs, 75020 Paris, France.</p>"
        ),
        paragraph("<p>Director of publication: the Executive Director of Efus.</p>"),
        heading("Hosting"),
        paragraph("<p>The website and its data are hosted in the European Union.</p>"),
        heading("Reuse of content"),
        paragraph(
            "<p>Texts may be reused under the Creative Commons Attribution 4.0 licence unless "
            "stated otherwise. The AI for Cities logo and illustrations belong to Efus.</p>"
        ),
    ],
}

ACCESSIBILITY_PAGE = {
    "title": "Accessibility statement",
    "slug": "accessibility",
    "show_in_menus": False,
    "intro": (
        "Efus is committed to making this website accessible, in accordance with Directive "
        "(EU) 2016/2102 on the accessibility of public sector websites."
    ),
    "body": [
        heading("Compliance status"),
        paragraph(
            "<p>This website is partially compliant with the Web Content Accessibility "
            "Guidelines (WCAG) 2.1 level AA and the European standard EN 301 549, because of "
            "the exceptions listed below.</p>"
        ),
        heading("Content that is not accessible"),
        paragraph(
            "<p>Some PDF documents in the member library were not produced as accessible "
            "documents. Ask us and we send you an accessible version.</p>"
        ),
        paragraph(
            "<p>The spam protection of the application form (Google reCAPTCHA) can be hard to "
            "use with some assistive technologies. You can also apply by email.</p>"
        ),
        paragraph("<p>Recordings of past web conferences do not have captions yet.</p>"),
        heading("Preparation of this statement"),
        paragraph(
            "<p>This statement was prepared on 1 December 2026 by self-assessment: automated "
            "checks in a real browser on every page type, in six languages and at widths from "
            "320 pixels, and manual checks with a keyboard and a screen reader.</p>"
        ),
        heading("Feedback and contact"),
        paragraph(
            "<p>If you cannot use a part of this website, or notice a barrier, write to "
            "aiforcities@efus.eu. We answer within 15 working days.</p>"
        ),
        heading("Enforcement procedure"),
        paragraph(
            "<p>If our answer does not satisfy you, you can refer the matter to the Défenseur "
            "des droits, the French authority that enforces accessibility for bodies "
            "established in France, at defenseurdesdroits.fr.</p>"
        ),
    ],
}

SITEMAP_PAGE = {
    "title": "Sitemap",
    "slug": "sitemap",
    "show_in_menus": False,
    "intro": "Every public page of this website, in this language.",
}
