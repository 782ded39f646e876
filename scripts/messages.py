"""Make the message catalogue template and bring every catalogue up to date.

    python scripts/messages.py          # write layouts/_base/locale/messages.pot, update *.po
    python scripts/messages.py --check  # exit 1 if the .pot is out of date

The messages are every ``_("...")`` in the bundled layouts' templates
(Jinja2's extractor) and every ``_``/``N_`` in ``render/page/`` (Python's).
A translator then fills the new ``msgstr`` of each ``.po`` file; a message
not yet translated shows in English.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "layouts" / "_base" / "locale"
TEMPLATE = LOCALE / "messages.pot"
KEYWORDS = {"_": None, "N_": None, "gettext": None}
SOURCES = [
    (ROOT / "layouts", [("**.html", "jinja2.ext:babel_extract")]),
    (ROOT / "render" / "page", [("**.py", "python")]),
]


def extract() -> Catalog:
    """Every message of the bundled layouts and the page stage."""
    catalog = Catalog(project="easyread", fuzzy=False)
    for folder, method_map in SOURCES:
        options = {"**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "false"}}
        for filename, lineno, message, comments, context in extract_from_dir(
            folder,
            method_map,
            options_map=options,
            keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",),
            directory_filter=lambda path: "__pycache__" not in path,  # _base too
        ):
            where = (str((folder / filename).relative_to(ROOT)), lineno)
            catalog.add(message, None, [where], auto_comments=comments, context=context)
    return catalog


def pot_text(catalog: Catalog) -> str:
    out = io.BytesIO()
    write_po(out, catalog, omit_header=True, sort_output=True, width=90)
    return out.getvalue().decode("utf-8")


def main(argv: list[str]) -> int:
    catalog = extract()
    text = pot_text(catalog)
    if "--check" in argv:
        current = TEMPLATE.read_text(encoding="utf-8") if TEMPLATE.exists() else ""
        if current != text:
            print(f"{TEMPLATE.relative_to(ROOT)} is out of date: run python scripts/messages.py")
            return 1
        return 0
    TEMPLATE.write_text(text, encoding="utf-8")
    for po_file in sorted(LOCALE.glob("*/LC_MESSAGES/messages.po")):
        with po_file.open("rb") as handle:
            translated = read_po(handle)
        translated.update(catalog, no_fuzzy_matching=True)
        out = io.BytesIO()
        write_po(out, translated, sort_output=True, width=90, ignore_obsolete=True)
        po_file.write_bytes(out.getvalue())
    print(f"wrote {TEMPLATE.relative_to(ROOT)} ({len(catalog)} messages)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
