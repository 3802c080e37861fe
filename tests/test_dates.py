"""The date rules in Python: one strict date parser, the stage of a date, the front in force, its age,
whether the front was moving, and the words for it. (test_browser_dates checks the page agrees.)"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.catalogue import moving_km
from geo.dates import checked_date, day_after, day_before, format_date, front_note, side_name, situation, stage_for
from geo.errors import AtlasError


@pytest.mark.parametrize(
    "date, stage",
    [
        ("1950-06-25", 1),
        ("1950-09-14", 1),
        ("1950-09-15", 2),
        ("1950-11-24", 2),
        ("1950-11-25", 3),
        ("1951-07-09", 3),
        ("1951-07-10", 4),
        ("1953-07-27", 4),
    ],
)
def test_stage_for(date, stage):
    assert stage_for(date)["id"] == stage


def test_format_date_without_date_arithmetic():
    assert format_date("1950-09-15") == "15 Sep 1950"
    assert format_date("1950-09-15", "ko") == "1950년 9월 15일"


def test_the_communist_side_is_named_as_it_was():
    assert side_name("communist", "1950-10-18") == "North Korea"
    assert side_name("communist", "1950-10-19") == "North Korea and China"
    assert side_name("un", "1950-07-01") == "UN Command and South Korea"


def test_one_strict_date_parser():
    assert checked_date("1952-02-29", "x") == "1952-02-29"
    for bad in ("1951-02-29", "1950-13-01", "19500625", "1950-W34-1", "1950-6-25", 19500625, None):
        with pytest.raises(AtlasError, match=r"^x: date .* is not a real date"):
            checked_date(bad, "x")


def test_a_traced_day_names_its_front(atlas):
    s = situation(atlas.versions, "1950-08-04")
    assert (s["front_date"], s["age_days"], s["line"]) == ("1950-08-04", 0, "front")
    assert front_note(s) == "front line of 4 Aug 1950"


def test_an_untraced_day_says_how_old_the_front_is_and_how_far_it_moved(atlas):
    import pandas as pd

    versions = atlas.versions[atlas.versions["line"] == "front"]
    days_after = (pd.to_datetime(versions["front_date"]) + pd.Timedelta(days=1)).dt.strftime("%Y-%m-%d")
    row = versions[days_after.to_numpy() < versions["next_front"].to_numpy()].iloc[5]
    front, nxt = row["front_date"], row["next_front"]
    day_after = (pd.Timestamp(front) + pd.Timedelta(days=1)).strftime("%Y-%m-%d")
    s = situation(atlas.versions, day_after)
    note = front_note(s)
    assert s["age_days"] == 1 and ", 1 day old;" in note and "1 days" not in note
    assert s["moving"] == (s["move_km"] >= moving_km())
    assert (" moved up to " if s["moving"] else " moved less than ") in note and format_date(nxt) in note


def test_the_stalemate_is_static_or_moving_by_the_data(atlas):
    v = atlas.versions[(atlas.versions["line"] == "front") & (atlas.versions["start"] > "1951-07-10")]
    assert (v["move_km"] < moving_km()).any() and (v["move_km"] >= moving_km()).any(), "both happened in the stalemate"
    for row in v.itertuples():
        s = situation(atlas.versions, row.front_date)
        assert s["moving"] == (row.move_km >= moving_km())


def test_before_and_after_the_war_the_lines_are_named(atlas):
    assert front_note(situation(atlas.versions, "1950-06-01")) == "the 38th parallel, the border before the war"
    for date in ("1953-07-27", "1953-08-01", "1953-12-31"):
        assert front_note(situation(atlas.versions, date)) == "the armistice line, signed at Panmunjom on 27 Jul 1953"
    assert front_note(situation(atlas.versions, "1953-08-01"), "ko") == "1953년 7월 27일 판문점에서 조인된 정전선"


def test_before_the_first_line_is_refused(atlas):
    first = atlas.versions["start"].iloc[0]
    with pytest.raises(AtlasError, match=rf"^date 1944-01-01 is before the first front \({first}\)$"):
        situation(atlas.versions, "1944-01-01")


@given(st.text(max_size=12) | st.dates().map(str) | st.from_regex(r"\d{4}-?\d{2}-?\d{2}|\d{4}-W\d{2}-\d", fullmatch=True))
@settings(max_examples=300, deadline=None)
def test_any_text_is_a_date_or_refused_in_one_line(value):
    try:
        date = checked_date(value, "x")
    except AtlasError as error:
        assert str(error).startswith("x: ") and "\n" not in str(error)
    else:
        assert date == value and len(value) == 10 and value[4] == value[7] == "-"


def _untraced(atlas, moving: bool, age: int) -> tuple[dict, pd.Series]:
    """The situation ``age`` days after the first traced front that stood that long, moving or not."""
    v = atlas.versions[(atlas.versions["line"] == "front") & ((atlas.versions["move_km"] >= moving_km()) == moving)]
    ends = (pd.to_datetime(v["front_date"]) + pd.Timedelta(days=age)).dt.strftime("%Y-%m-%d")
    row = v[ends.to_numpy() < v["next_front"].to_numpy()].iloc[0]
    return situation(atlas.versions, ends[row.name]), row


def test_a_front_days_old_says_its_age_and_how_far_the_line_moved(atlas):
    s, row = _untraced(atlas, moving=False, age=2)
    km = max(1, math.ceil(row["move_km"]))
    assert s["age_days"] == 2 and s["index"] == row.name and s["version"] == row["start"]
    expected = f"front line of {format_date(row['front_date'])}, 2 days old; the front moved less than {km} km by "
    assert front_note(s) == expected + format_date(row["next_front"])
    assert front_note(s, "ko").startswith(f"{format_date(row['front_date'], 'ko')} 전선 (2일 전); ")
    s, row = _untraced(atlas, moving=True, age=1)
    assert front_note(s).endswith(f"moved up to {math.ceil(row['move_km'])} km by {format_date(row['next_front'])}: "
                                  "places that close to this line may have changed hands")  # fmt: skip
    assert s["stage"] == stage_for(s["date"])["id"] and s["date"] > row["front_date"]


def test_a_range_includes_its_first_and_last_day():
    assert checked_date("1950-06-25", "x", ("1950-06-25", "1953-07-27")) == "1950-06-25"
    assert checked_date("1953-07-27", "x", ("1950-06-25", "1953-07-27")) == "1953-07-27"
    with pytest.raises(AtlasError, match=r"^x: date 1953-07-28 is outside 1950-06-25 to 1953-07-27$"):
        checked_date("1953-07-28", "x", ("1950-06-25", "1953-07-27"))


def test_days_after_and_before_cross_months_and_leap_days():
    assert day_after("1952-02-28") == "1952-02-29" and day_after("1950-12-31") == "1951-01-01"
    assert day_before("1951-03-01") == "1951-02-28" and day_before("1952-03-01") == "1952-02-29"


def test_days_outside_the_war_belong_to_the_first_or_last_stage():
    assert stage_for("1945-08-15")["id"] == 1 and stage_for("1953-12-31")["id"] == 4
