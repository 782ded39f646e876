"""The headings and cover lines that depend on what kind of document a
summary is, so that none of them can be false.

"What did the inspectors find?" is true of an inspection, not of an annual
report that no inspector visited; "This is a short summary of the full
inspection report" is false of a letter. Each kind of document
(``Framework.document``, or the data's own ``document``) gets its own
words where the general ones would be wrong; a data file's ``headings``
win over all of them (``html.Page.heading``). Every string is a message (``N_``), translated
when the page is made.
"""

from __future__ import annotations

from .messages import N_

# The heading of each section, by the data field it shows.
HEADINGS = {
    "about": N_("What is this about?"),
    "judgement": N_("What did the inspectors find?"),
    "going_well": N_("What is going well?"),
    "to_improve": N_("What needs to get better?"),
    "facts": N_("Facts and numbers"),
    "next_steps": N_("What happens next?"),
    "reply": N_("What did %(who)s say?"),  # who: the reply's who
    "talk_to": N_("Who can I talk to?"),
    "full_report": N_("Where can I read the full report?"),
    "glossary": N_("Words we use"),
}

# Where a kind of document needs other words than HEADINGS.
HEADINGS_BY_DOCUMENT = {
    "report-card": {
        "judgement": N_("What grades did the school get?"),
        "full_report": N_("Where can I see the report card?"),
    },
    "annual-report": {
        "judgement": N_("What did the report find?"),
    },
    "thematic-report": {
        "judgement": N_("What did the report find?"),
    },
    "letter": {
        "judgement": N_("What we found"),
        "going_well": N_("What is going well"),
        "to_improve": N_("What needs to get better"),
        "next_steps": N_("What happens next"),
        "full_report": N_("Where you can read our report"),
    },
}

# The line under the title that says what this is.
COVER = {
    "inspection-report": N_("This is a short summary of the full inspection report."),
    "report-card": N_("This is a short summary of the school's report card."),
    "annual-report": N_("This is a short summary of a report about a whole year."),
    "thematic-report": N_("This is a short summary of a report about one subject."),
    "letter": N_("This is a letter from the inspectors to the children."),
}

# Who made the document, in the key facts.
AUTHORS = {
    "inspection-report": N_("Who checked"),
    "report-card": N_("Who checked"),
    "annual-report": N_("Who wrote the report"),
    "thematic-report": N_("Who wrote the report"),
    "letter": N_("Who wrote this letter"),
}

# Said in the findings when the framework gives no grade; only inspections
# are graded, so only they say it.
NO_GRADE = {
    "inspection-report": N_(
        "This kind of inspection does not give a grade. "
        "The inspectors wrote what is good and what needs to get better."
    ),
}

# --- the letter layout (layouts/letter/) ---
# A letter from the inspectorate to the children, as the social care common
# inspection framework asks inspectors to write one ("Inspectors write a
# letter to children that summarises clearly and simply the inspection
# findings": SCCIF boarding schools and residential special schools, 15.2).
# It speaks as the inspectorate (%(who)s: the data's inspectorates, else the
# framework's); only an inspection or a report card is a visit, so only they
# say "the inspectors"; an annual or thematic report is a report, never a visit.
_INSPECTED = ("inspection-report", "report-card", "letter")
_REPORTED = ("annual-report", "thematic-report")

# The letter's title.
LETTER_TITLE = {
    **dict.fromkeys(_INSPECTED, N_("A letter from the inspectors")),
    **dict.fromkeys(_REPORTED, N_("A letter about our report")),
}

# Who is writing.
LETTER_WE_ARE = {
    **dict.fromkeys(_INSPECTED, N_("We are the inspectors from %(who)s.")),
    **dict.fromkeys(_REPORTED, N_("We are %(who)s.")),
}

# What the letter is about, after the visit's dates where there was a visit.
LETTER_ABOUT = {
    **dict.fromkeys(_INSPECTED, N_("This letter tells you what we found.")),
    "annual-report": N_(
        "Each year, we write a report about our checks. This letter tells you what our report says."
    ),
    "thematic-report": N_(
        "We wrote a report about one subject. This letter tells you what our report says."
    ),
}

# The heading of the findings.
LETTER_FOUND = {
    **dict.fromkeys(_INSPECTED, N_("What we found")),
    **dict.fromkeys(_REPORTED, N_("What our report says")),
}

# Said when the framework gives no grade at all.
LETTER_NO_GRADE = {
    "inspection-report": N_("We do not give a grade for this kind of inspection."),
}

# What happens next, when the data says nothing of it: only what is true
# of every document of the kind.
LETTER_NEXT = {
    "annual-report": N_("We write a report like this every year."),
}

# The signature: under the inspectors' names when the data gives them.
LETTER_SIGNATURE = {
    **dict.fromkeys(_INSPECTED, N_("The inspectors from %(who)s")),
    **dict.fromkeys(_REPORTED, N_("From %(who)s")),
}

EXAMPLE = N_("This is an example. It is not about a real place. It shows how a summary can look.")


def heading(section: str, document: str) -> str:
    """The untranslated heading of ``section`` (a data field) for ``document``
    (the data's own ``headings`` win over it: see ``html.Page.heading``)."""
    return HEADINGS_BY_DOCUMENT.get(document, {}).get(section, HEADINGS[section])
