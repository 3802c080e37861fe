"""Stages, translations and date formatting come from data files and agree with each other."""

from __future__ import annotations

import pytest

from geo.catalogue import LANGUAGES, format_date, stage_for, stages, texts
from geo.errors import AtlasError


@pytest.mark.parametrize("date, stage", [("1950-06-25", 1), ("1950-09-14", 1), ("1950-09-15", 2), ("1950-11-24", 2),
                                         ("1950-11-25", 3), ("1951-07-09", 3), ("1951-07-10", 4), ("1953-07-27", 4)])
def test_stage_for(date, stage):
    assert stage_for(date)["id"] == stage


def test_stages_are_contiguous_with_key_dates_inside():
    s = stages()
    assert [x["id"] for x in s] == [1, 2, 3, 4]
    assert s[0]["start"] == "1950-06-25" and s[-1]["end"] == "1953-07-27"
    for stage in s:
        assert stage["start"] <= stage["key_date"] <= stage["end"]


def _keys(value, prefix=""):
    if isinstance(value, dict):
        return {k for key, v in value.items() for k in _keys(v, f"{prefix}{key}.")} | {prefix}
    return {prefix}


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_every_translation_has_every_key(lang):
    assert _keys(texts(lang)) == _keys(texts("en"))
    assert len(texts(lang)["months"]) == 12


def test_korean_names_the_layers_as_teachers_expect():
    layers = texts("ko")["layers"]
    assert layers["parallel_38"] == "38선" and layers["pusan_perimeter"] == "낙동강 방어선"
    assert layers["inchon_landing"] == "인천 상륙 작전" and layers["yalu_river"] == "압록강"
    assert layers["armistice_line"].startswith("군사분계선")


def test_format_date_without_date_arithmetic():
    assert format_date("1950-09-15") == "15 Sep 1950"
    assert format_date("1950-09-15", "ko") == "1950년 9월 15일"


def test_unknown_language():
    with pytest.raises(AtlasError, match="unknown language 'fr'"):
        texts("fr")
