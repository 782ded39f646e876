"""Write render/resources/familiar-forms.txt: the inflected forms of the
Dale-Chall familiar words that the formula's own ending rules miss
("understood", "children", "went"), from lemminflect's inflection tables.

    python scripts/familiar_forms.py          # rewrite the file
    python scripts/familiar_forms.py --check  # exit 1 if it is out of date

The list is made once here, not at run time: lemminflect takes longer to
load than a whole `easyread check` of one file. tests/test_language.py runs
--check, so the file always matches lemminflect and the Dale-Chall list.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "render" / "resources" / "familiar-forms.txt"
HEADER = "# Inflected forms of the Dale-Chall familiar words; made by scripts/familiar_forms.py\n"


def forms() -> str:
    from lemminflect import getAllInflections

    from render.readability.scores import familiar_by_rules, familiar_words

    found: set[str] = set()
    for word in familiar_words():
        for inflections in getAllInflections(word).values():
            found |= {
                f.lower() for f in inflections if f.isalpha() and not familiar_by_rules(f.lower())
            }
    return HEADER + "".join(f"{f}\n" for f in sorted(found))


def main() -> int:
    text = forms()
    if "--check" in sys.argv:
        return 0 if OUT.read_text(encoding="utf-8") == text else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {text.count(chr(10)) - 1} forms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
