"""The picture catalogue: every picture a layout has, for writers to pick from.

``entries`` lists each picture with its mood, what it shows, the keywords
that choose it (from ``rules.toml``, in order), its old names and the
sections it is the picture of. ``catalogue_json`` gives tools a list of
``{name, mood, keywords}``; ``catalogue_html`` is one self-contained page
(the pictures embedded, nothing fetched) that passes ``easyread audit``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape

from ..source import as_data_url
from .icons import ATTRIBUTION, MOODS, IconSet, compact_svg

MOOD_HEADINGS = {
    "good": "Good pictures",
    "worry": "Worry pictures",
    "neutral": "Neutral pictures",
}
MOOD_RULES = {
    "good": 'Never guessed for a point under "What needs to get better?".',
    "worry": 'Never guessed for a point under "What is going well?".',
    "neutral": "Guessed in any section.",
}
CSS = """
:root { color: #1a1a1a; background: #ffffff; font-family: "Atkinson Hyperlegible",
  Verdana, sans-serif; font-size: 112.5%; line-height: 1.5; }
body { margin: 0 auto; padding: 1rem; max-width: 75rem; }
h1 { font-size: 1.8rem; margin: 0.5em 0; }
h2 { font-size: 1.4rem; margin: 1.5em 0 0.2em; border-bottom: 3px solid #1a1a1a; }
code { font-size: 1.15em; font-weight: 700; overflow-wrap: anywhere; }
.pictures { list-style: none; margin: 0; padding: 0; display: grid; gap: 1rem;
  grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); }
.picture { border: 2px solid #595959; border-radius: 0.5rem; padding: 0.8rem;
  display: flex; gap: 0.8rem; align-items: flex-start; }
.picture img { flex: 0 0 5rem; width: 5rem; height: 5rem; }
.picture p, .picture dl { margin: 0 0 0.3em; }
.picture dt { font-weight: 700; }
.picture dd { margin: 0 0 0.3em; overflow-wrap: anywhere; }
.skip-link { position: absolute; left: 1rem; top: -10em; background: #ffffff;
  color: #0b3d91; padding: 0.5em 1em; border: 3px solid #0b3d91; }
.skip-link:focus { top: 1rem; }
main:focus { outline: 3px solid #0b3d91; outline-offset: 3px; }
footer { margin-top: 2rem; border-top: 2px solid #595959; }
"""


@dataclass(frozen=True)
class Entry:
    """One picture of the catalogue."""

    name: str
    mood: str
    shows: str
    keywords: tuple[str, ...]
    aliases: tuple[str, ...]
    sections: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "mood": self.mood, "keywords": list(self.keywords)}


def entries(icons: IconSet) -> list[Entry]:
    """Every picture of ``icons``, by name."""
    found = []
    for name in sorted(icons.files):
        keywords = [k for rule in icons.rules if rule.icon == name for k in rule.keywords]
        found.append(
            Entry(
                name=name,
                mood=icons.mood(name),
                shows=icons.shows.get(name, ""),
                keywords=tuple(dict.fromkeys(keywords)),
                aliases=tuple(sorted(a for a, target in icons.aliases.items() if target == name)),
                sections=tuple(s for s, target in icons.sections.items() if target == name),
            )
        )
    return found


def catalogue_json(icons: IconSet) -> str:
    """The pictures as a JSON list of ``{name, mood, keywords}``."""
    return json.dumps([e.as_json() for e in entries(icons)], indent=2, ensure_ascii=False)


def catalogue_text(icons: IconSet) -> str:
    """One line per picture, for the terminal."""
    rows = entries(icons)
    width = max((len(e.name) for e in rows), default=0)
    return "\n".join(
        f"{e.name:{width}}  {e.mood:7}  {', '.join(e.keywords) or '-'}".rstrip() for e in rows
    )


def catalogue_html(icons: IconSet, layout_name: str) -> str:
    """One accessible, self-contained page with every picture of ``icons``."""
    rows = entries(icons)
    groups = []
    for mood in MOODS:
        group = [e for e in rows if e.mood == mood]
        if not group:
            continue
        cards = "\n".join(_card(e, icons) for e in group)
        groups.append(
            f'<section aria-labelledby="{mood}">\n<h2 id="{mood}">{MOOD_HEADINGS[mood]} '
            f"({len(group)})</h2>\n<p>{escape(MOOD_RULES[mood])}</p>\n"
            f'<ul class="pictures">\n{cards}\n</ul>\n</section>'
        )
    bundled = any(icons.is_bundled(e.name) for e in rows)
    credit = f"<p>{escape(ATTRIBUTION)}</p>" if bundled else ""
    title = f"The pictures of the {escape(layout_name)} layout"
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="generator" content="easyread">
<style>{CSS}</style>
</head>
<body>
<a class="skip-link" href="#main">Skip to the pictures</a>
<header>
<h1>{title}</h1>
<p>{len(rows)} pictures. A point that names none gets one from its words: the first
keyword rule that matches, unless its mood is wrong for the section, then the
section's picture. To choose one yourself, write its name as the point's
<code>icon:</code>.</p>
</header>
<main id="main" tabindex="-1">
{chr(10).join(groups)}
</main>
<footer>
<p>Made with easyread.</p>
{credit}
</footer>
</body>
</html>
"""


def _card(entry: Entry, icons: IconSet) -> str:
    url = as_data_url("image/svg+xml", compact_svg(icons.files[entry.name]).encode("utf-8"))
    facts = [("Mood", entry.mood), ("Keywords", ", ".join(entry.keywords) or "none")]
    if entry.shows:
        facts.insert(0, ("Shows", entry.shows))
    if entry.aliases:
        facts.append(("Old names", ", ".join(entry.aliases)))
    if entry.sections:
        facts.append(("Picture of the section", ", ".join(entry.sections)))
    # keywords of another language's rules are read out in that language
    lang = f' lang="{escape(icons.language)}"' if icons.language and entry.keywords else ""
    rows = "".join(
        f"<dt>{escape(k)}</dt><dd{lang if k == 'Keywords' else ''}>{escape(v)}</dd>"
        for k, v in facts
    )
    # the name and what it shows are written beside it: the image adds nothing to read
    return (
        f'<li class="picture" data-picture="{escape(entry.name)}">'
        f'<img src="{url}" alt="" width="80" height="80">'
        f"<div><p><code>{escape(entry.name)}</code></p><dl>{rows}</dl></div></li>"
    )
