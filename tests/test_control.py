"""`control`: who held a place on a date, for one place or a class list, with how old the front used is
and whether the place was changing hands that day."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from conftest import run

from geo.control import answer_file, answers
from geo.dates import format_date


def output(capfd, argv):
    code = run(["control", *argv])
    captured = capfd.readouterr()
    return code, captured.out, captured.err


def untraced_day(atlas, after: str) -> tuple[str, str, str]:
    """(a day with no traced front, the front in force, the next traced front) after ``after``."""
    v = atlas.versions[(atlas.versions["line"] == "front") & (atlas.versions["start"] > after)].iloc[0]
    day = (pd.Timestamp(v["front_date"]) + pd.Timedelta(days=1)).strftime("%Y-%m-%d")
    assert day < v["next_front"]
    return day, v["front_date"], v["next_front"]


def test_one_place_on_a_traced_day(capfd):
    code, out, _ = output(capfd, ["1950-08-04", "128.59", "35.87"])
    assert code == 0 and out.strip() == "un (front line of 4 Aug 1950)"


def test_one_place_on_an_untraced_day_says_how_old_the_front_is(atlas, capfd):
    day, front, nxt = untraced_day(atlas, "1950-08-05")
    code, out, _ = output(capfd, [day, "128.59", "35.87"])
    assert code == 0 and out.startswith("un (front line of " + format_date(front) + ", 1 day old; the front moved ")
    assert f"by {format_date(nxt)}" in out


def test_korean_answers_in_korean(capfd, tmp_path):
    code, out, _ = output(capfd, ["1950-08-04", "128.59", "35.87", "--lang", "ko"])
    assert code == 0 and out.strip() == "un (1950년 8월 4일 전선)"
    csv = tmp_path / "places.csv"
    csv.write_text("date,lon,lat\n1950-08-04,128.59,35.87\n")
    code, out, _ = output(capfd, ["--file", str(csv), "--lang", "ko"])
    assert code == 0 and out.splitlines()[1].endswith(",un,1950-08-04,1950년 8월 4일 전선,")


def test_after_the_armistice_the_line_is_named(capfd):
    _code, out, _ = output(capfd, ["1953-08-05", "127.0", "37.0"])
    assert out.strip() == "un (the armistice line, signed at Panmunjom on 27 Jul 1953)"


def test_a_place_changing_hands_before_the_next_front_is_uncertain(atlas):
    """On an untraced day, a place held by one side at the front in force and by the other at the next
    traced front gets an answer that says so, with both dates; a place that did not change hands does not."""
    v = atlas.versions[(atlas.versions["line"] == "front") & (atlas.versions["start"] < "1951-06-15")]
    days = (pd.to_datetime(v["front_date"]) + pd.Timedelta(days=1)).dt.strftime("%Y-%m-%d")
    v = v[days.to_numpy() < v["next_front"].to_numpy()].sort_values("move_km").iloc[-1]  # the longest move
    lons, lats = (
        [x / 10 for x in range(1250, 1300, 2) for _ in range(34, 43)],
        [y for _ in range(1250, 1300, 2) for y in range(34, 43)],
    )
    before = answers(atlas, [v["front_date"]] * len(lons), lons, lats)["side"]
    after = answers(atlas, [v["next_front"]] * len(lons), lons, lats)["side"]
    changed = ((before != after) & before.notna() & after.notna()).to_numpy()
    kept = ((before == after) & before.notna()).to_numpy()
    assert changed.any() and kept.any()
    day = (pd.Timestamp(v["front_date"]) + pd.Timedelta(days=1)).strftime("%Y-%m-%d")
    i, j = changed.argmax(), kept.argmax()
    for lang, words in (("en", "this place changed hands between"), ("ko", format_date(v["next_front"], "ko"))):
        notes = answers(atlas, [day, day], [lons[i], lons[j]], [lats[i], lats[j]], lang)["note"]
        assert words in notes[0] and format_date(v["front_date"], lang) in notes[0].split(";")[-1], notes[0]
        assert notes[0].startswith(notes[1].split(";")[0]) and len(notes[0].split("; ")) == len(notes[1].split("; ")) + 1
        assert format_date(v["next_front"], lang) in notes[0].split("; ")[-1]


def test_a_class_list_keeps_every_column_and_adds_answers_that_cannot_clash(tmp_path, capfd):
    csv = tmp_path / "places.csv"
    csv.write_text("date,lon,lat,name,side\n1950-08-04,128.59,35.87,Taegu,my answer\n1950-11-24,125.75,39.02,Pyongyang,\n")
    code, out, _ = output(capfd, ["--file", str(csv)])
    table = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    assert code == 0
    assert list(table.columns) == [
        "date",
        "lon",
        "lat",
        "name",
        "side",
        "atlas_side",
        "atlas_front_date",
        "atlas_note",
        "atlas_problem",
    ]
    assert table["side"].tolist() == ["my answer", ""], "a teacher's own answer key is kept"
    assert table["atlas_side"].tolist() == ["un", "un"] and table["atlas_problem"].tolist() == ["", ""]


def test_every_row_is_answered_and_the_ones_that_cannot_be_say_why(tmp_path, capfd):
    csv = tmp_path / "places.csv"
    csv.write_text(
        "date,lon,lat\n1950-08-04,128.59,35.87\n1950-08-20,131.5,36.0\n1950-13-01,128.59,35.87\n"
        "1950-08-20,east,35.87\n1950-08-04,128.59,35.87\n"
    )
    code, out, err = output(capfd, ["--file", str(csv)])
    table = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    assert code == 1 and err.count("\n") == 1 and "atlas_problem" in err
    assert table["atlas_side"].tolist() == ["un", "", "", "", "un"]
    problems = table["atlas_problem"].tolist()
    assert problems[0] == problems[4] == ""
    assert problems[1] == "131.5000 36.0000 is not on the Korean peninsula"
    assert problems[2] == "date '1950-13-01' is not a real date written YYYY-MM-DD"
    assert problems[3] == "lon 'east' / lat '35.87' must be numbers"


def test_a_spreadsheets_class_list_is_read_as_written(tmp_path, capfd):
    """A byte-order mark, semicolons, a blank line, "NA" as a name and an id with leading zeros: kept as the
    teacher wrote them, the answers added, one line per row with plain newlines."""
    csv = tmp_path / "places.csv"
    csv.write_bytes(
        "\ufeffid;date;lon;lat;name\r\n007;1950-08-04;128.59;35.87;NA\r\n\r\n010;1950-08-04;128.59;35.87;Taegu\r\n".encode()
    )
    code, out, _ = output(capfd, ["--file", str(csv)])
    assert code == 0 and "\r" not in out and out.count("\n") == 3
    table = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    assert table["id"].tolist() == ["007", "010"] and table["name"].tolist() == ["NA", "Taegu"]
    assert table["atlas_side"].tolist() == ["un", "un"] and table["atlas_front_date"].tolist() == ["1950-08-04"] * 2


@pytest.mark.parametrize(
    "content, message",
    [
        ("date,lon\n1950-08-20,128.59\n", "missing column(s) lat"),
        ("date,lon,lat,atlas_side\n1950-08-20,128.59,35.87,x\n", "already has a column 'atlas_side'"),
        ("date,lon,lat\n", "has a header but no rows"),
        ("\xff\xfe", "not a readable CSV file"),
    ],
)
def test_a_file_that_is_not_a_class_list_is_one_line(tmp_path, capfd, content, message):
    csv = tmp_path / "places.csv"
    csv.write_bytes(content.encode("latin-1"))
    code, out, err = output(capfd, ["--file", str(csv)])
    assert code == 1 and message in err and "Traceback" not in err and out == "" and err.count("\n") == 1


def test_bad_single_place(capfd):
    for argv, message in (
        (["1950-02-30", "128.59", "35.87"], "date '1950-02-30' is not a real date written YYYY-MM-DD"),
        (["1950-08-20", "0", "0"], "0.0000 0.0000 is not on the Korean peninsula"),
        (["1950-W34-1", "128.59", "35.87"], "date '1950-W34-1' is not a real date written YYYY-MM-DD"),
        (["1950-08-20", "nan", "35.87"], "lon 'nan' / lat '35.87' must be finite numbers"),
        (["1950-08-20", "east", "37"], "lon 'east' / lat '37' must be numbers"),
        (["1944-08-20", "128", "37"], "date 1944-08-20 is outside 1945-08-15 to 1953-12-31"),
    ):
        code, _, err = output(capfd, argv)
        assert code == 1 and err == f"error: control: {message}\n", argv


def test_missing_file(tmp_path, capfd):
    code, _, err = output(capfd, ["--file", str(tmp_path / "nope.csv")])
    assert code == 1 and "not a readable file" in err


def test_a_long_class_list_answers_every_row(tmp_path, atlas):
    csv = tmp_path / "many.csv"
    csv.write_text("date,lon,lat\n" + "1950-08-20,128.59,35.87\n" * 20_000 + "1950-08-20,131.5,36.0\n")
    out = io.StringIO()
    assert answer_file(atlas, csv, out) is False
    table = pd.read_csv(io.StringIO(out.getvalue()), dtype=str, keep_default_na=False)
    assert len(table) == 20_001 and (table["atlas_side"].iloc[:-1] == "un").all()
    assert "not on the Korean peninsula" in table["atlas_problem"].iloc[-1]
