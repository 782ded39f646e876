"""Issue 14: only English is scored; Welsh and other languages get a clear note,
the checks that hold in any language, and never English advice.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import ROOT

from render.cli import main
from render.readability.language import detect, file_language
from render.readability.scores import is_familiar

GOOD = Path(__file__).parent / "good.yaml"
SCHEMA = ROOT / "render" / "resources" / "check-report.schema.json"
WELSH = (
    "Mae'r plant yn ddiogel. Mae'r gweithwyr yn garedig. Rydyn ni'n gwrando ar y plant. "
    "Maen nhw'n hapus yn yr ysgol. Mae'r cyngor yn helpu teuluoedd."
)
FRENCH = (
    "Les travailleurs sociaux écoutent les enfants et leurs familles avec beaucoup "
    "d'attention. Ils rendent visite aux familles chaque semaine pour parler des problèmes."
)


def check(path: Path, *args: str) -> tuple[int, dict, str]:
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", *args])
    payload = json.loads(result.output)
    jsonschema.validate(payload, json.loads(SCHEMA.read_text(encoding="utf-8")))
    text = CliRunner().invoke(main, ["check", str(path)]).output
    return result.exit_code, payload["files"][0], text


def only_note(report: dict, how: str, name: str = "Welsh") -> None:
    [note] = [f for f in report["findings"] if f["rule"] == "language"]
    assert note["severity"] == "note"
    assert note["message"].startswith(f"not scored: the file is in {name} ({how})")
    assert "no readability formula" in note["message"]
    assert "sentence length" in note["suggestion"]
    language = report["summary"]["document"]["language"]
    assert language["scored"] is False and language["name"] == name
    # the English formulas are not shown as measures of this text
    assert [m["id"] for m in report["measures"]] == ["words_per_sentence", "longest_sentence"]
    english = {"reading-target", "hard-word", "plain-words", "hard-sentence", "passive-voice"}
    assert not english & {f["rule"] for f in report["findings"] if f["severity"] != "warning"}


def test_welsh_markdown_with_language_in_front_matter(tmp_path):
    # before: grade -0.4 and "passes reading-age-9", as if it were English
    path = tmp_path / "cy.md"
    path.write_text(f"---\nlanguage: cy\n---\n\n{WELSH}\n", encoding="utf-8")
    code, report, text = check(path)
    assert code == 0
    only_note(report, "declared as cy")
    assert report["findings"][0]["line"] == 2  # the front matter's line
    assert "Flesch" not in text and "Spache" not in text and "grade is" not in text
    assert text.rstrip().endswith(
        "passes reading-age-9 (reading age 9), not scored: in Welsh (1 note)"
    )


@pytest.mark.parametrize(
    ("name", "text", "how"),
    [
        (
            "cy.html",
            f'<html lang="cy-GB"><body><main><p>{WELSH}</p></main></body></html>',
            "declared as cy-GB",
        ),
        ("cy.txt", WELSH + "\n", "detected"),  # no declaration: detected
    ],
)
def test_welsh_html_with_lang_and_welsh_text_without_one(tmp_path, name, text, how):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, report, _ = check(path)
    assert code == 0
    only_note(report, how)


def test_french_gets_no_english_advice(tmp_path):
    # before: "'travailleurs' is a hard word", hard-sentence tips, grade 7.4
    path = tmp_path / "fr.md"
    path.write_text(FRENCH + "\n", encoding="utf-8")
    code, report, _ = check(path)
    assert code == 0
    only_note(report, "detected", "French")
    assert "travailleurs" not in json.dumps(report["findings"])
    # the rules that hold in any language still run, as warnings
    [limit] = [f for f in report["findings"] if f["rule"] == "reading-target"]
    assert limit["severity"] == "warning" and "Words a sentence" in limit["message"]


def test_a_long_welsh_sentence_warns_and_does_not_fail(tmp_path):
    path = tmp_path / "cy.md"
    long = " ".join(["Mae'r plant yn ddiogel ac yn hapus"] * 4) + "."
    path.write_text(f"---\nlang: cy\n---\n\n{long}\n", encoding="utf-8")
    code, report, _ = check(path)
    assert code == 0
    [found] = [f for f in report["findings"] if f["rule"] == "sentence-too-long"]
    assert found["severity"] == "warning"
    assert found["suggestion"].startswith("say one idea per sentence")
    assert found["parts"] == []  # no English split advice
    code, _, _ = check(path, "--fail-on", "warning")
    assert code == 1  # a project that wants warnings to fail still can


def test_welsh_inspection_builds_and_is_not_scored(tmp_path):
    # a Welsh summary needs a framework with Welsh words: the bundled Welsh sample has one
    path = ROOT / "data" / "example-childrens-home-wales-cy.yaml"
    line = path.read_text(encoding="utf-8").splitlines().index("language: cy") + 1
    code, report, _ = check(path)
    assert code == 0
    [note] = [f for f in report["findings"] if f["rule"] == "language"]
    assert (note["line"], note["field"]) == (line, "language")
    out = tmp_path / "out"
    built = subprocess.run(
        [sys.executable, "-m", "render", "build", str(path), "-o", str(out), "-f", "html"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert built.returncode == 0, built.stderr
    assert "not scored: written in Welsh" in built.stdout
    html = (out / path.with_suffix(".html").name).read_text(encoding="utf-8")
    assert "easy to read from age" not in html  # no reading age is claimed for Welsh


def test_english_stays_english():
    assert detect("We came to see you. We met the team. They were kind to us.").code == "en"
    legal = (
        "The Licensor shall not be liable for any damages arising from the use of the "
        "software, whether in contract, tort or otherwise, to the extent permitted by law."
    )
    assert detect(legal).code == "en"
    assert detect("Croeso").how == "assumed"  # too short to tell
    assert file_language("en-GB", WELSH).code == "en"  # the declaration wins


def test_inflected_forms_of_familiar_words_are_familiar():
    # before: "understood" was a hard word though "understand" is familiar
    for word in ("understood", "understand", "children", "went", "kept"):
        assert is_familiar(word), word
    assert not is_familiar("travailleurs")


def test_familiar_forms_file_matches_lemminflect():
    script = ROOT / "scripts" / "familiar_forms.py"
    result = subprocess.run([sys.executable, str(script), "--check"], cwd=ROOT)
    assert result.returncode == 0, "run python scripts/familiar_forms.py"


def test_word_kinds_read_from_lemminflect_tables_match_its_api():
    from lemminflect import getAllLemmas

    from render.readability.lexicon import english_words, word_kinds

    rows = english_words().decode().splitlines()
    words = [w for w, _, _ in (r.partition("\t") for r in rows) if w.islower()][::25]
    assert len(words) > 2000
    assert [w for w in words if word_kinds(w) != frozenset(getAllLemmas(w))] == []
    assert word_kinds("kensington") == frozenset()
