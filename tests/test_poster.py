"""The poster layout: one sheet whatever the data (max_pages = 1; A4, or
a bigger sheet for a theme with bigger text), the
points the writer marks with ``poster: true`` (else the first three), and
a clear error, with no file written, when the page would be longer."""

from __future__ import annotations

import html as html_module
import re
import shutil

import page
import pikepdf
import pytest
from click.testing import CliRunner
from conftest import DATA, INSPECTIONS, SAMPLE, pages

from render import build
from render.audit.html import PHONE, axe_findings, run_axe
from render.cli import main
from render.model.poster import chosen
from render.pipeline import load

SCHOOL = INSPECTIONS[[p.stem for p in INSPECTIONS].index("example-school-report-card")]


@pytest.fixture(scope="module")
def posters(tmp_path_factory):
    """Every data file built once as a poster, HTML and PDF."""
    out = tmp_path_factory.mktemp("posters")
    results = build(INSPECTIONS, out, layout="poster")
    assert all(r.ok for r in results), [str(r.error) for r in results if not r.ok]
    return out


@pytest.mark.parametrize("source", INSPECTIONS, ids=lambda p: p.stem)
def test_every_poster_is_one_page(posters, source):
    with pikepdf.open(posters / f"{source.stem}.pdf") as pdf:
        assert len(pdf.pages) == 1


@pytest.mark.parametrize("source", INSPECTIONS, ids=lambda p: p.stem)
def test_the_poster_passes_pdf_ua_1(posters, source):
    report = page.validate_pdf(posters / f"{source.stem}.pdf", profile="ua1")
    assert report.rules.total >= 100
    assert report.is_compliant, [f"{f.rule_id}: {f.message}" for f in report.failures]


@pytest.mark.parametrize("width", [PHONE, 1280])
def test_axe_finds_nothing_on_any_poster(posters, browser, width):
    found = []
    for source in INSPECTIONS:
        path = posters / f"{source.stem}.html"
        with browser.page(path, width) as shown:
            axe = run_axe(shown)
            found += [str(f) for f in axe_findings(path, axe["results"], axe["rules"])]
            assert shown.evaluate("document.documentElement.scrollWidth") <= width
    assert found == []


def _shown_texts(html: str) -> str:
    """The words of every point on the page, one line each."""
    items = re.findall(r'<li class="point">(.*?)</li>', html, re.S)
    words = [html_module.unescape(re.sub(r"<[^>]+>", "", item)) for item in items]
    return "\n".join(" ".join(w.replace("\u00ad", "").split()) for w in words)


def test_the_marked_points_are_the_ones_shown(posters):
    source = INSPECTIONS[[p.stem for p in INSPECTIONS].index("stockton-2013-child-protection")]
    document = load(source)
    html = (posters / f"{source.stem}.html").read_text(encoding="utf-8")
    marked = [p.text for p in document.inspection.going_well if p.poster]
    assert len(marked) == 3
    expected = [p for _, p in chosen(document.inspection.going_well)]
    assert [p.text for p in expected] == marked
    shown = _shown_texts(html)
    plain = [re.sub(r"\*\*", "", t) for t in marked]
    assert all(t in shown for t in plain), shown
    # the unmarked first point is not on the poster
    first = document.inspection.going_well[0]
    assert not first.poster and re.sub(r"\*\*", "", first.text) not in shown
    pictures = re.findall(r'data-picture="([^"]+)"', html)
    assert len(pictures) == len(shown.splitlines()) == 7  # 3 + 2 + 2 people


def test_with_no_mark_the_first_three_are_shown(posters):
    source = INSPECTIONS[[p.stem for p in INSPECTIONS].index("example-childrens-home")]
    document = load(source)
    shown = _shown_texts((posters / f"{source.stem}.html").read_text(encoding="utf-8"))
    going_well = [p.text for p in document.inspection.going_well]
    assert len(going_well) == 4
    assert [t for t in going_well if t in shown] == going_well[:3]


def _copy(tmp_path, source, text):
    folder = tmp_path / "data"
    shutil.copytree(source.parent / "frameworks", folder / "frameworks")
    path = folder / source.name
    path.write_text(text, encoding="utf-8")
    return path


def test_more_than_three_marked_is_an_error_at_the_fourth_mark(tmp_path):
    text = SCHOOL.read_text(encoding="utf-8")
    going_well = "going_well:\n" + "".join(
        f"  - text: Children learn to read well, {n}.\n    poster: true\n" for n in range(4)
    )
    text = re.sub(r"going_well:\n(?:  .*\n)+", going_well, text)
    path = _copy(tmp_path, SCHOOL, text)
    fourth = text.splitlines().index("  - text: Children learn to read well, 3.") + 2
    result = CliRunner().invoke(
        main, ["build", str(path), "--layout", "poster", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 2, result.output
    assert (
        f"{path}:{fourth}:5: error: going_well[3].poster: 4 points of going_well" in result.output
    )
    assert "3 at most" in result.output
    assert not (tmp_path / "out").exists() or pages(tmp_path / "out") == []


def test_a_mark_where_no_poster_looks_is_an_error(tmp_path):
    text = SCHOOL.read_text(encoding="utf-8").replace(
        "  - Inspectors will come back to check.\n",
        "  - text: Inspectors will come back to check.\n    poster: true\n",
    )
    result = CliRunner().invoke(main, ["check", str(_copy(tmp_path, SCHOOL, text))])
    assert result.exit_code == 2, result.output
    assert (
        "next_steps[1].poster: a poster shows only going_well, to_improve and talk_to"
        in result.output
    )


HARD = (
    "The multidisciplinary safeguarding partnership's comprehensive accountability "
    "arrangements demonstrated considerable organisational effectiveness, notwithstanding "
    "intermittent inconsistencies regarding interagency communication, documentation, "
    "supervision, management oversight and performance information. "
)


@pytest.mark.parametrize("formats", [["--format", "html"], []], ids=["html-only", "html-and-pdf"])
def test_too_much_text_is_a_clear_error_and_writes_nothing(tmp_path, formats):
    long_points = "going_well:\n" + "".join(f"  - text: >-\n      {HARD}\n" for _ in range(3))
    text = re.sub(r"going_well:\n(?:  .*\n)+", long_points, SCHOOL.read_text(encoding="utf-8"))
    path = _copy(tmp_path, SCHOOL, text)
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(
        main, ["build", str(path), "--layout", "poster", "--out", str(out), *formats]
    )
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "the 'poster' layout makes at most 1 page (max_pages)" in result.output
    assert re.search(r"would be \d+: \d+ pages? too long", result.output)
    assert "going_well[0].text (" in result.output and "words)" in result.output
    assert "mark fewer or shorter points with 'poster: true'" in result.output
    first = text.splitlines().index("going_well:") + 2
    assert f"{path}:{first}:" in result.output  # where the longest point is written
    assert pages(out) == []


def test_max_pages_is_a_layout_setting(tmp_path):
    from render.page import find_layout

    assert find_layout("poster").max_pages == 1
    assert find_layout("booklet").max_pages is None
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "layout.toml").write_text('name = "mine"\nmax_pages = "one"\n')
    result = CliRunner().invoke(
        main, ["build", str(SAMPLE), "--layout", str(folder), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "max_pages: write the most pages the layout may make" in result.output
    for wrong in ("0", "true"):
        (folder / "layout.toml").write_text(f'name = "mine"\nmax_pages = {wrong}\n')
        result = CliRunner().invoke(
            main, ["build", str(SAMPLE), "--layout", str(folder), "--out", str(tmp_path / "o")]
        )
        assert result.exit_code == 2
        assert (
            "max_pages: write the most pages the layout may make: a whole number, at least 1"
            in result.output
        )


@pytest.mark.parametrize("source", INSPECTIONS, ids=lambda p: p.stem)
def test_poster_text_is_as_big_as_the_booklet_and_the_title_bigger(posters, source):
    from test_pdf import _text_sizes_in_points

    sizes = _text_sizes_in_points(posters / f"{source.stem}.pdf")
    assert sizes.most_common(1)[0][0] >= 16
    assert min(sizes) >= 14 and max(sizes) >= 24, sizes


LONGER = " They talk with each child every day, and they write down what the child said." * 3


def test_a_poster_that_shows_less_to_fit_says_so_and_keeps_who_to_talk_to(tmp_path):
    # the third good thing and the second to improve made longer: with
    # three of each the page is too long, with one fewer of each it fits
    source = DATA / "example-childrens-home.yaml"
    text = source.read_text(encoding="utf-8")
    for sentence in (
        "Staff help children keep in touch with their families.",
        "Some staff have not had all their training yet.",
    ):
        assert f"  - {sentence}\n" in text
        text = text.replace(f"  - {sentence}\n", f"  - {sentence}{LONGER}\n")
    path = _copy(tmp_path, source, text)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(path), "--layout", "poster", "--out", str(out), "--format", "html"]
    )
    assert result.exit_code == 0, result.output
    assert (
        "note: the poster shows fewer points than it could (1 step fewer of each section) "
        "to keep to 1 page" in result.output
    )
    shown = html_module.unescape((out / f"{source.stem}.html").read_text(encoding="utf-8"))
    assert "Children go to school or college every day." in shown
    assert "Staff help children keep in touch" not in shown  # the third, cut
    for contact in load(path).inspection.talk_to:
        assert contact.who in shown  # never cut to fit


@pytest.mark.parametrize(
    ("themes", "paper", "points"),
    [
        ((), "A4", (595.3, 841.9)),
        (("large-print",), "A3", (841.9, 1190.6)),
        (("dyslexia",), "A3", (841.9, 1190.6)),
        (("large-print", "dyslexia"), "A2", (1190.6, 1683.8)),
    ],
    ids=["plain", "large-print", "dyslexia", "both"],
)
def test_a_themed_poster_is_one_bigger_sheet_and_the_build_says_so(tmp_path, themes, paper, points):
    # 20 pt text, or wider letters and taller lines, do not fit on A4 with
    # the grades and who to talk to: the sheet grows, the text keeps its size
    source = DATA / "example-ilacs-2026.yaml"
    chosen_themes = [arg for theme in themes for arg in ("--theme", theme)]
    result = CliRunner().invoke(
        main, ["build", str(source), "--layout", "poster", *chosen_themes, "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    with pikepdf.open(tmp_path / f"{source.stem}.pdf") as pdf:
        assert len(pdf.pages) == 1
        box = [float(v) for v in pdf.pages[0].mediabox]
    assert (round(box[2] - box[0], 1), round(box[3] - box[1], 1)) == points
    said = f"is an {paper} sheet, so that its text keeps its size: print it on {paper}"
    assert (said in result.output) == (paper != "A4"), result.output
    assert "fewer points" not in result.output  # three of each, on the bigger sheet
    # and it fills that sheet, as the A4 one does
    from render.page import find_layout
    from render.page.fit import _laid_out, _room

    html = (tmp_path / f"{source.stem}.html").read_text(encoding="utf-8")
    layout = find_layout("poster", themes)
    used, spare = _room(_laid_out(html, layout, DATA))
    assert used / (used + spare) >= 0.95, (used, spare)


@pytest.mark.parametrize("source", INSPECTIONS, ids=lambda p: p.stem)
def test_a_poster_fills_its_sheet(posters, source):
    # its text grows (up to 1.5 times) and the room left goes between its
    # parts: measured from the sheet's marks, laid out as its PDF
    from render.page import find_layout
    from render.page.fit import _laid_out, _room

    html = (posters / f"{source.stem}.html").read_text(encoding="utf-8")
    assert re.search(r"--sheet-scale: ([0-9.]+);", html)
    used, spare = _room(_laid_out(html, find_layout("poster"), DATA))
    assert used / (used + spare) >= 0.95, (used, spare)


def test_a_poster_with_room_to_spare_grows_its_text(posters):
    # the 2016 annual report's poster has no one to talk to: the most room
    from test_pdf import _text_sizes_in_points

    stem = "ofsted-social-care-annual-report-2016"
    html = (posters / f"{stem}.html").read_text(encoding="utf-8")
    scale = float(re.search(r"--sheet-scale: ([0-9.]+);", html).group(1))
    assert 1.1 < scale <= 1.5
    body, _ = _text_sizes_in_points(posters / f"{stem}.pdf").most_common(1)[0]
    assert body == pytest.approx(16 * scale, abs=0.1)


def test_a_poster_that_came_out_on_two_sheets_is_our_fault_and_writes_nothing(
    tmp_path, monkeypatch
):
    # were fit.filled to grow a poster past its sheet, the PDF writer would
    # find two sheets: a fault of ours, said so, with no file written
    from render.errors import BuildError
    from render.page import fit

    monkeypatch.setattr(fit, "filled", lambda html, *rest: fit._with_sheet(html, 1.0, 3000.0))
    (result,) = build([SCHOOL], tmp_path, layout="poster")
    assert isinstance(result.error, BuildError), result.error
    assert re.search(r"came out as \d+ sheets, not 1", str(result.error)), result.error
    assert "easyread's fault" in str(result.error)
    assert not list(tmp_path.glob("*.pdf"))
