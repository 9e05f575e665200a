"""The committee's demo content in English; translations live in home/demo/translations/."""

import datetime

from demo.content.site import heading, paragraph

COMMITTEE_PAGE = {
    "title": "Steering committee",
    "slug": "committee",
    "intro": (
        "Participants of the programme and experts in artificial intelligence steer AI for "
        "Cities together, within the Efus Innovation and Technology Working Group."
    ),
    "body": [
        heading("Our mission"),
        paragraph(
            "<p>The committee makes sure that the training answers the questions cities really "
            "face, and turns what the cohorts learn into recommendations for all European "
            "cities.</p>"
        ),
        heading("How it works"),
        paragraph(
            "<p>Members meet online every two months in a web conference open to all "
            "participants, and once a year in person. Between meetings they write notes, "
            "recommendations and position papers, published here.</p>"
        ),
    ],
    "working_group_url": "https://efus.eu/topics/innovation-and-technology/",
}

NOTES_INDEX = {
    "title": "Notes of the committee",
    "slug": "notes",
    "intro": (
        "Meeting notes, recommendations, position papers and summaries of the committee's "
        "web conferences."
    ),
}

LIBRARY_PAGE = {
    "title": "Member library",
    "slug": "library",
    "intro": (
        "Reports, guides and slides shared by the committee and the trainers, for members "
        "and participants only."
    ),
}

TOPICS = {
    "ethics": "Ethics",
    "data-protection": "Data protection",
    "procurement": "Procurement",
    "video-surveillance": "Video surveillance",
    "eu-ai-act": "The EU AI Act",
}

# (name, role, organisation, city, country, bio, demo account)
MEMBERS = [
    (
        "Anna Ferraro",
        "chair",
        "Comune di Torino",
        "Turin",
        "IT",
        "Deputy mayor for security and digital affairs, she chairs the committee.",
        None,
    ),
    (
        "Pieter de Vries",
        "ai_expert",
        "Delft University of Technology",
        "Delft",
        "NL",
        "Researcher in responsible AI and public-sector algorithms.",
        None,
    ),
    (
        "Carlos Martínez Ruiz",
        "city_participant",
        "Ayuntamiento de Valencia",
        "Valencia",
        "ES",
        "Head of innovation of the municipal police, participant of the 2025 Spanish cohort.",
        "committee",
    ),
    (
        "Claire Dumont",
        "efus_staff",
        "European Forum for Urban Security (Efus)",
        "Paris",
        "FR",
        "Programme manager of AI for Cities at Efus.",
        None,
    ),
    (
        "Jürgen Weiß",
        "ai_expert",
        "Fraunhofer Institute",
        "Karlsruhe",
        "DE",
        "Engineer specialised in video analytics and its evaluation.",
        None,
    ),
]

# key: (title, type, date, members only, topics, summary, body paragraphs, event topic key)
NOTES = [
    (
        "kick-off-meeting",
        "Kick-off meeting of the steering committee",
        "meeting_notes",
        datetime.date(2025, 2, 20),
        False,
        ["ethics", "eu-ai-act"],
        "The committee agreed on its working methods and its first topics.",
        [
            "The members introduced themselves and agreed to meet every two months online.",
            "The first topics are the EU AI Act and the ethics of AI in urban security.",
        ],
        None,
    ),
    (
        "ai-act-web-conference",
        "Summary: the EU AI Act, what changes for cities",
        "web_conference_summary",
        datetime.date(2025, 6, 18),
        False,
        ["eu-ai-act"],
        "What the 60 participants of the web conference took away on the new European rules.",
        [
            "Most AI systems used by cities are not banned, but several are high-risk and "
            "need an impact assessment before use.",
            "Cities should list the AI systems they already use before the rules apply.",
        ],
        "ai-act",
    ),
    (
        "video-analytics-recommendation",
        "Recommendation: assess the impact before buying video analytics",
        "recommendation",
        datetime.date(2025, 9, 15),
        False,
        ["video-surveillance", "procurement", "data-protection"],
        "Five questions every city should answer before it buys a video analytics system.",
        [
            "Which problem should the system solve, and how will we know that it works?",
            "Which personal data does it process, and who can see them?",
        ],
        None,
    ),
    (
        "ai-act-position-paper",
        "Position paper draft: the EU AI Act and municipal police",
        "position_paper",
        datetime.date(2025, 11, 3),
        True,
        ["eu-ai-act", "data-protection"],
        "Draft for discussion among members before publication.",
        [
            "This draft collects the members' comments on the obligations of municipal police "
            "services under the EU AI Act.",
        ],
        None,
    ),
    (
        "final-conference-preparation",
        "Preparing the final conference",
        "meeting_notes",
        datetime.date(2026, 9, 8),
        True,
        ["ethics"],
        "Internal notes on the programme of the final conference.",
        ["The committee chose three recommendations to present at the final conference."],
        None,
    ),
]

# (title, description, type, language, topics, date)
LIBRARY_DOCUMENTS = [
    (
        "Guide: AI in urban security",
        "An introduction for local decision-makers, used in every cohort.",
        "guide",
        "en",
        ["ethics", "eu-ai-act"],
        datetime.date(2025, 2, 1),
    ),
    (
        "Guide : l'IA au service de la sécurité urbaine",
        "La version française du guide, pour les cohortes françaises et belges.",
        "guide",
        "fr",
        ["ethics", "eu-ai-act"],
        datetime.date(2025, 2, 15),
    ),
    (
        "Checklist for buying AI systems",
        "Questions to ask suppliers and clauses to put in the contract.",
        "template",
        "en",
        ["procurement"],
        datetime.date(2025, 9, 20),
    ),
    (
        "Videoanalyse und Datenschutz",
        "Folien der Sitzung über Videoanalyse und Datenschutz (deutsche Kohorte).",
        "slides",
        "de",
        ["video-surveillance", "data-protection"],
        datetime.date(2026, 1, 12),
    ),
    (
        "Reglamento europeo de IA: texto comentado",
        "Los artículos del Reglamento que afectan a los ayuntamientos, con comentarios.",
        "legal_text",
        "es",
        ["eu-ai-act"],
        datetime.date(2026, 3, 2),
    ),
]
