"""`build.py control`: who held a place on a date, for one place or a class list."""

from __future__ import annotations

import pytest

import build


def run(args, capsys):
    code = build.main(["control", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_one_place(capsys):
    code, out, _ = run(["1950-08-04", "128.59", "35.87"], capsys)
    assert code == 0 and out.strip() == "un (front line of 1950-08-04)"
    code, out, _ = run(["1950-08-20", "128.59", "35.87"], capsys)  # no line is traced for that day: said so
    assert out.strip() == "un (front line of 1950-08-18, 2 days old; the front was moving; no line is traced for this day)"
    code, out, _ = run(["1952-06-01", "127.0", "37.57"], capsys)
    assert out.strip().endswith("days old; the front barely moved in these months)")


def test_a_class_list_keeps_extra_columns(tmp_path, capsys):
    csv = tmp_path / "places.csv"
    csv.write_text("date,lon,lat,name\n1950-08-20,128.59,35.87,Taegu\n1950-11-24,125.75,39.02,Pyongyang\n"
                   "1951-01-10,126.98,37.57,Seoul\n")
    code, out, _ = run(["--file", str(csv)], capsys)
    assert code == 0
    assert out.splitlines() == [
        "date,lon,lat,name,side,front_date,front_note",
        "1950-08-20,128.59,35.87,Taegu,un,1950-08-18,"
        '"front line of 1950-08-18, 2 days old; the front was moving; no line is traced for this day"',
        "1950-11-24,125.75,39.02,Pyongyang,un,1950-11-24,",
        "1951-01-10,126.98,37.57,Seoul,communist,1951-01-08,"
        '"front line of 1951-01-08, 2 days old; the front was moving; no line is traced for this day"']


@pytest.mark.parametrize("content, message", [
    ("date,lon,lat\n1950-13-01,128.59,35.87\n", "row 1: date '1950-13-01' is not a real date"),
    ("date,lon,lat\n1950-08-20,east,35.87\n", "row 1: lon 'east' / lat '35.87' must be numbers"),
    ("date,lon\n1950-08-20,128.59\n", "missing column(s) lat"),
    ("date,lon,lat\n1950-08-20,131.5,36.0\n", "row 1: 131.5000 36.0000 is not on the Korean peninsula"),
    ("date,lon,lat\n1944-01-01,128.59,35.87\n", "row 1: date 1944-01-01 is outside 1945-"),
    # rows as a spreadsheet counts them: blank lines and a quoted newline do not shift the number
    ('date,lon,lat,note\n\n1950-08-20,128.59,35.87,"two\nlines"\n\n1950-08-20,128.59,nan,x\n', "row 2: lon '128.59' / lat 'nan' must be finite"),
    ("date,lon,lat\n19500820,128.59,35.87\n", "row 1: date '19500820' is not a real date"),
    ("date,lon,lat\n1950-W34-1,128.59,35.87\n", "row 1: date '1950-W34-1' is not a real date"),
    ("date,lon,lat\n", "has a header but no rows"),
])
def test_bad_rows_get_one_clear_line(tmp_path, capsys, content, message):
    csv = tmp_path / "places.csv"
    csv.write_text(content)
    code, out, err = run(["--file", str(csv)], capsys)
    assert code == 1 and message in err and "Traceback" not in err and out == ""


def test_bad_single_place(capsys):
    code, _, err = run(["1950-02-30", "128.59", "35.87"], capsys)
    assert code == 1 and "not a real date" in err
    code, _, err = run(["1950-08-20", "0", "0"], capsys)
    assert code == 1 and "not on the Korean peninsula" in err
    for date in ("19500820", "1950-W34-1", "1950-8-20"):
        code, _, err = run([date, "128.59", "35.87"], capsys)
        assert code == 1 and "not a real date written YYYY-MM-DD" in err, date
    code, _, err = run(["1950-08-20", "nan", "35.87"], capsys)
    assert code == 1 and "must be finite numbers" in err


def test_missing_file(tmp_path, capsys):
    code, _, err = run(["--file", str(tmp_path / "nope.csv")], capsys)
    assert code == 1 and "not a readable file" in err
    code, _, err = run(["--file", str(tmp_path)], capsys)
    assert code == 1 and "not a readable file" in err and str(tmp_path) in err


def test_a_bad_point_deep_in_a_long_file_is_named_by_its_row(tmp_path, capsys):
    csv = tmp_path / "many.csv"
    csv.write_text("date,lon,lat\n" + "1950-08-20,128.59,35.87\n" * 99_999 + "1950-08-20,131.5,36.0\n")
    code, _, err = run(["--file", str(csv)], capsys)
    assert code == 1 and "row 100000: 131.5000 36.0000 is not on the Korean peninsula" in err
