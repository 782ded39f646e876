"""The mood rule: a guessed picture never says the opposite of its sentence.

Sentences written to tempt the keyword rules (children, smile, happy, help,
home, phone, called): problems under to_improve never get a `good` picture,
good things under going_well never a `worry` one. The choice is read from
the page's data-picture attributes.
"""

from __future__ import annotations

import re
import subprocess

from conftest import ROOT, require_tool

from render import load
from render.model.document import Point
from render.page.drawings import draw_figures
from render.page.html import render_html
from render.page.layouts import find_layout

EASY_READ = find_layout("booklet")

PROBLEMS = [
    "They are still not doing enough for children. That is not good enough.",
    "Children did not smile when they talked about their home.",
    "Some children are not happy at home.",
    "Children did not get help fast enough.",
    "Nobody phoned the family back.",
    "It is called a child protection plan, and it was late.",
    "Some children waited too long for help at home.",
    "Staff were not pleased with the help children got.",
    "Children said they were not happy with their social worker.",
    "The phone line was often busy, so children could not get help.",
    "Children who called the helpline did not always get an answer.",
    "Some children could not go home safely.",
    "Not every child had a plan to make them happy and safe.",
    "Children were not proud of their school reports, because nobody helped.",
    "Some children did not enjoy their visits home.",
    "Staff did not always smile or say hello to children.",
    "Families were not glad about how long help took.",
    "Children who lost their phone had no way to call for help.",
    "The council was too slow to help children who were hurt at home.",
    "Some children were scared at home and nobody called back.",
    "Children did not get the support they needed to be happy.",
    "Staff did not always listen to children who called.",
    "Some homes were not safe for children.",
    "Help for children with worries came too late.",
    "Children did not have fun at the centre.",
    "Not enough children had a friend to talk to.",
    "Children who smile may still be sad inside, and staff missed it.",
    "The help at home stopped too soon.",
    "Some children were not kept well at home.",
    "Children were happy to talk but nobody phoned them.",
]

GOOD_THINGS = [
    "Children smile when they talk about their home.",
    "Children are happy and safe at home.",
    "Staff help children quickly when they are worried.",
    "Children who phone the helpline get help straight away.",
    "It is called a good plan, and it works.",
    "Children who were scared now feel safe.",
    "Staff called families back the same day.",
    "Children said staff are kind when they are sad.",
    "Children who were hurt got help fast.",
    "Staff help children stay at home with their family.",
    "Children are proud of their school.",
    "Children who are worried can phone their social worker.",
    "Children who were lonely now have friends.",
    "Staff listen to children who are angry or upset.",
    "The council helps children who feel unsafe at home.",
    "Children enjoy the help they get.",
    "Staff stop harm quickly.",
    "Children who had problems at home now smile more.",
    "Staff help children with their worries.",
    "Children get help when they are crying or scared.",
    "Children who called were happy with the answer.",
    "Families are glad of the help at home.",
    "Children who were in danger now live somewhere safe.",
    "Staff make sure children are not afraid at home.",
    "Children with problems get a plan quickly.",
    "Children are pleased with their new home.",
    "Staff check that children are safe at home.",
    "Children feel happy to tell someone when things are wrong.",
    "Help on the phone is quick and kind.",
    "Staff see that children who were sad now smile.",
]


def _pictures(html: str, section: str) -> list[str]:
    part = html[html.index(f'class="points points-{section}"') :]
    part = part[: part.index("</ul>")]
    return re.findall(r'data-picture="([a-z-]+)"', part)


def test_sixty_tempting_sentences_get_no_picture_of_the_wrong_mood():
    assert len(PROBLEMS) == len(GOOD_THINGS) == 30
    document = load(ROOT / "data" / "stockton-2018-jtai.yaml")
    inspection = document.inspection.model_copy(
        update={
            "to_improve": tuple(Point(text=t) for t in PROBLEMS),
            "going_well": tuple(Point(text=t) for t in GOOD_THINGS),
        }
    )
    document = document.model_copy(update={"inspection": inspection})
    html = render_html(document, EASY_READ, draw_figures(document, EASY_READ))
    icons = EASY_READ.icons
    worse = _pictures(html, "better")
    better = _pictures(html, "good")
    assert len(worse) == len(better) == 30
    wrong = [(t, p) for t, p in zip(PROBLEMS, worse, strict=True) if icons.mood(p) == "good"]
    wrong += [(t, p) for t, p in zip(GOOD_THINGS, better, strict=True) if icons.mood(p) == "worry"]
    assert wrong == []
    # the temptations are real: without the mood rule some would be wrong
    unruled = [icons.pick(t) for t in PROBLEMS]
    assert any(icons.mood(p) == "good" for p in unruled)


def test_a_points_own_icon_wins_over_the_mood_rule():
    assert EASY_READ.icons.resolve("happy") == "smiling-face"
    document = load(ROOT / "data" / "stockton-2018-jtai.yaml")
    inspection = document.inspection.model_copy(
        update={"to_improve": (Point(text="Children were not happy.", icon="happy"),)}
    )
    document = document.model_copy(update={"inspection": inspection})
    html = render_html(document, EASY_READ, draw_figures(document, EASY_READ))
    assert _pictures(html, "better") == ["smiling-face"]


def test_the_attribution_is_printed_only_with_bundled_pictures():
    document = load(ROOT / "data" / "stockton-2018-jtai.yaml")
    html = render_html(document, EASY_READ, draw_figures(document, EASY_READ))
    line = "Pictures: OpenMoji (openmoji.org), CC BY-SA 4.0"
    footer = html[html.index('<footer class="page-footer"') :]
    assert line in footer


def test_pictures_are_big_on_a_phone_and_bigger_on_a_desktop(browser, built):
    html = built / "stockton-2013-child-protection.html"
    widths = {}
    for width in (375, 1280):
        with browser.page(html, width) as page:
            widths[width] = page.evaluate(
                "Math.min(...[...document.querySelectorAll('.pic')]"
                ".map(e => e.getBoundingClientRect().width))"
            )
    assert widths[375] >= 72
    assert widths[1280] > widths[375]


def test_pictures_print_at_least_3_cm_wide_in_a_left_column(built, tmp_path):
    """On page 2 (the first points) the text starts right of a 3.2 cm picture
    column; the picture's ink fills most of that column."""
    from PIL import Image

    pdf = built / "stockton-2013-child-protection.pdf"
    tool = require_tool("pdftotext")
    out = subprocess.run(
        [tool, "-f", "2", "-l", "2", "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"', out)
    lefts = [float(x) for x, y in words if float(y) < 250]  # the first two points
    text_left_cm = min(lefts) / 72 * 2.54
    margin_cm = 2.0  # print.css: the left page margin is 20 mm
    assert text_left_cm - margin_cm >= 3.5  # a 3.2 cm picture and the gap
    ppm = require_tool("pdftoppm")
    subprocess.run(
        [ppm, "-png", "-r", "100", "-f", "2", "-l", "2", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    right = int(text_left_cm / 2.54 * 100) - 5
    box = image.crop((0, 0, right, image.height // 2)).point(lambda v: 255 if v < 200 else 0)
    left, _, end, _ = box.getbbox()
    assert (end - left) / 100 * 2.54 >= 2.5  # ink, for a picture taller than wide
