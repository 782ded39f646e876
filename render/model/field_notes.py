"""What each field of an inspection file is for, in words for the people who
write one, with an example: the descriptions and examples of the JSON Schema
(``model/schema.py``).

Keyed by ``Class.field``, where ``Class`` is the model class in
``model/document.py`` that has the field. ``tests/test_schema.py`` fails when
a field of the model has no entry here, or an entry names no field.
"""

from __future__ import annotations

from typing import Any

_POINT = "One idea in a sentence or two, 15 words a sentence at most."
_POINT_EXAMPLE = "An inspection is a check. Inspectors look at how well a service works."

# Class.field -> (description, example)
FIELDS: dict[str, tuple[str, Any]] = {
    # --- the inspection ---
    "Inspection.title": (
        "The page title, in easy words.",
        "What the inspectors found in Stockton-on-Tees",
    ),
    "Inspection.target": (
        "The reading target the text must meet (see `easyread check --help`).",
        "reading-age-9",
    ),
    "Inspection.language": ("The language of the text, as a language tag.", "en-GB"),
    "Inspection.area": ("The council area or the provider.", "Stockton-on-Tees"),
    "Inspection.kind": (
        "What kind of inspection it was, in easy words.",
        "A check of how the council and other services keep children safe",
    ),
    "Inspection.framework": (
        "The id of the framework the inspectors used: a file in data/frameworks/ "
        "or in a frameworks/ folder beside this file.",
        "ilacs",
    ),
    "Inspection.inspectorates": (
        "Who did the inspection, each with what it does.",
        [{"name": "Ofsted", "about": "It checks schools and the help councils give children."}],
    ),
    "Inspection.visit": (
        "When the inspectors visited. Leave it out if the source gives no dates.",
        {"start": "2013-01-07", "end": "2013-01-16"},
    ),
    "Inspection.published": (
        "The day the report came out, YYYY-MM-DD. Leave it out if the source does not say.",
        "2013-02-15",
    ),
    "Inspection.audience": (
        "Who the summary is for.",
        {"min_age": 8, "max_age": 17, "who": "This is for children who get help from the council."},
    ),
    "Inspection.about": (
        'Points for "What is this about?": what the inspection was and what it looked at.',
        [_POINT_EXAMPLE],
    ),
    "Inspection.judgement": (
        "The grades, on the framework's own scale. Leave it out for a framework with no grades.",
        {"what": "How well the council helps children and keeps them safe.", "overall": "good"},
    ),
    "Inspection.going_well": (
        'Points for "What is going well?".',
        ["Social workers get to know children well."],
    ),
    "Inspection.to_improve": (
        'Points for "What needs to get better?".',
        ["Some plans for children are not clear enough."],
    ),
    "Inspection.facts": (
        "Facts with numbers, each drawn as a picture of the count.",
        [{"text": "Only 8 of the 22 children went to their meeting.", "count": 8, "out_of": 22}],
    ),
    "Inspection.next_steps": (
        'Points for "What happens next?".',
        ["The council will write a plan to make things better."],
    ),
    "Inspection.reply": (
        "What the council or the provider said about the report.",
        {"who": "The council's leader", "said": ["We are pleased with the report."]},
    ),
    "Inspection.full_report": (
        "Where to read the full report.",
        {"url": "https://reports.ofsted.gov.uk/", "title": "You can find it on the Ofsted website"},
    ),
    "Inspection.talk_to": (
        "Who a child can talk to, and how.",
        [{"who": "Childline", "how": "Phone 0800 1111. It is free."}],
    ),
    "Inspection.glossary": (
        "Hard words and what they mean: bolded in the text, explained beside their "
        'first use, and listed at the end as "Words we use".',
        [{"word": "inspector", "meaning": "A person who checks how well a service works."}],
    ),
    "Inspection.pictures": (
        'Your own pictures, shown under "What is this about?".',
        [{"file": "pictures/hub.png", "alt": "Staff from many teams at one table."}],
    ),
    "Inspection.document": (
        "What kind of document this summary is, when it is not the framework's own "
        "kind: inspection-report, report-card, annual-report, thematic-report or letter.",
        "letter",
    ),
    "Inspection.example": (
        "true for an invented example, not a real place or report: the page says so.",
        True,
    ),
    "Inspection.headings": (
        "Your own headings for some sections, instead of the layout's.",
        {"going_well": "What is good here?"},
    ),
    "Inspection.letter": (
        "For the letter layout only: its greeting, and the inspectors' names to sign "
        "it with. Leave it out to greet the children and sign as the inspectorate.",
        {"greeting": "Dear children and young people,", "signed_by": ["Sam Jones"]},
    ),
    "Letter.greeting": (
        "The letter's first line, instead of the layout's.",
        "Dear children and young people,",
    ),
    "Letter.signed_by": (
        "The names of the inspectors who wrote the letter, as they sign it.",
        ["Sam Jones", "Ali Khan"],
    ),
    "Inspection.translations": (
        "The same summary in other languages: data files beside this one.",
        [{"language": "cy", "file": "my-summary-cy.yaml"}],
    ),
    # --- parts of it ---
    "Inspectorate.name": ("The inspectorate's name.", "Ofsted"),
    "Inspectorate.about": (
        "What it does, in one easy sentence.",
        "It checks schools and the help councils give children.",
    ),
    "Dates.start": ("The first day of the visit, YYYY-MM-DD.", "2013-01-07"),
    "Dates.end": ("The last day of the visit, YYYY-MM-DD.", "2013-01-16"),
    "Audience.min_age": ("The age of the youngest reader (4 to 25).", 8),
    "Audience.max_age": ("The age of the oldest reader (4 to 99).", 17),
    "Audience.who": (
        "Who the summary is for, in a sentence or two.",
        "This is for children and young people who get help from these services.",
    ),
    "Judgement.what": (
        "What the grade is about, in one easy sentence.",
        "How well the service helps children and keeps them safe.",
    ),
    "Judgement.overall": (
        "The grade for the whole service: the id of a grade in the framework's scale. "
        "Leave it out for a framework with no overall grade.",
        "good",
    ),
    "Judgement.parts": (
        "A grade for each part of the service, on the same scale.",
        [{"area": "The help for children in care", "grade": "good"}],
    ),
    "Judgement.safeguarding": (
        "Whether safeguarding is met, for frameworks that judge it on its own "
        "(school report cards): met or not-met.",
        "met",
    ),
    "Translation.language": ("The language of the other file, as a language tag.", "cy"),
    "Translation.file": ("The other file's name, in this file's folder.", "my-summary-cy.yaml"),
    "PartGrade.area": ("The part of the service.", "The help for children in care"),
    "PartGrade.grade": ("The id of a grade in the framework's scale.", "good"),
    "Point.text": (
        _POINT + " Write **word** to bold a hard word.",
        "Children have a **social worker** who visits them.",
    ),
    "Point.icon": (
        "The picture beside the point, by name (layouts/_base/pictures/); "
        "without it one is chosen from the words.",
        "social-worker",
    ),
    "Point.picture": (
        "Your own picture beside the point, in place of an icon.",
        {"file": "pictures/hub.png", "alt": "Staff from many teams at one table."},
    ),
    "Picture.file": (
        "A PNG, JPEG or SVG file in this file's folder or below it, named from there.",
        "pictures/hub.png",
    ),
    "Picture.alt": (
        "What the picture shows, read out in its place.",
        "Staff from many teams at one table.",
    ),
    "Fact.text": (
        "The fact, in easy words, with its numbers.",
        "Only 8 of the 22 children went to their meeting.",
    ),
    "Fact.count": ("How many: drawn as filled-in people.", 8),
    "Fact.out_of": ("Out of how many: drawn as all the people.", 22),
    "Fact.icon": ("The picture beside the fact, by name.", "meeting"),
    "Reply.who": ("Who said it.", "The councillor in charge of help for children"),
    "Reply.said": (
        "What they said, as points.",
        ["We are pleased the inspectors saw our good work."],
    ),
    "Contact.who": ("Who the child can talk to.", "Your social worker"),
    "Contact.how": ("How to reach them.", "Talk to them when you meet."),
    "Contact.icon": ("The picture beside them, by name.", "telephone"),
    "Word.word": ("The hard word, as it is written in the text.", "inspector"),
    "Word.meaning": (
        "What it means, in one easy sentence.",
        "A person whose job is to check how well a service works.",
    ),
    "FullReport.url": (
        "The web address of the full report (http or https).",
        "https://reports.ofsted.gov.uk/",
    ),
    "FullReport.title": (
        "A sentence that says where the link goes.",
        "You can find it on the Ofsted website",
    ),
}

# Headings.SECTION: the writer's own heading for a section.
_HEADINGS = {
    "about": "What was this check?",
    "judgement": "What grade did it get?",
    "going_well": "What is good here?",
    "to_improve": "What must get better?",
    "facts": "Some numbers",
    "next_steps": "What will happen now?",
    "reply": "What the council said",
    "talk_to": "Who can you talk to?",
    "full_report": "Where is the full report?",
    "glossary": "Words we use",
}
for _section, _heading in _HEADINGS.items():
    FIELDS[f"Headings.{_section}"] = (
        f"Your own heading for the {_section} section, instead of the layout's.",
        _heading,
    )
