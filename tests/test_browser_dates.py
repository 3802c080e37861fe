"""One date rule in two languages: the page's rules (geo/assets/slider/dates.js) and Python's (geo/dates.py)
give the same answer for every day from June 1950 to December 1953: stage, traced line in force, its age,
moving or not, the next traced front, the words of the note and the sides' names."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.dates import front_note, side_name, situation

pytestmark = pytest.mark.browser

FIELDS = ("stage", "version", "front_date", "age_days", "line", "next_front", "move_km", "moving")


def every_day(first: str, last: str) -> list[str]:
    day, end, out = dt.date.fromisoformat(first), dt.date.fromisoformat(last), []
    while day <= end:
        out.append(day.isoformat())
        day += dt.timedelta(days=1)
    return out


@pytest.mark.parametrize("lang, page_fixture", [("en", "built_map"), ("ko", "korean_map")])
def test_python_and_the_page_agree_on_every_day_of_the_war(watched, web_atlas, request, lang, page_fixture):
    page = watched().open(request.getfixturevalue(page_fixture))
    days = every_day("1950-06-01", "1953-12-31")
    seen = page.evaluate("days => days.map(d => koreanWarMap.situation(d))", days)
    disagree = []
    for day, js in zip(days, seen):
        py = situation(web_atlas.versions, day)
        expected = {k: py[k] for k in FIELDS} | {
            "note": front_note(py, lang),
            "side_un": side_name("un", day, lang),
            "side_communist": side_name("communist", day, lang),
        }
        got = {k: js[k] for k in expected}
        if got != expected:
            disagree.append((day, {k: (got[k], expected[k]) for k in expected if got[k] != expected[k]}))
    assert not disagree, disagree[:5]
    assert len(days) == 1310


def test_the_page_shows_the_rules_answer(watched, built_map, web_atlas):
    page = watched().open(built_map)
    for day in ("1950-06-27", "1950-08-20", "1951-09-01", "1953-07-27"):
        page.evaluate(f"koreanWarMap.setDate('{day}')")
        assert front_note(situation(web_atlas.versions, day)) in page.locator(".kw-share").inner_text()
