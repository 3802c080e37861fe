"""Property tests: whatever a teacher's layer file holds, the build either succeeds or stops with the
atlas's own one-line error naming the file, never a traceback."""

from __future__ import annotations

import datetime as dt
import json
import shutil

from conftest import ROOT
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from geo.errors import AtlasError
from geo.html import render_map
from geo.model import drawn_model
from geo.pipeline import build_atlas

lon = st.floats(min_value=120, max_value=134, allow_nan=False) | st.floats(allow_nan=True, allow_infinity=True)
lat = st.floats(min_value=32, max_value=44, allow_nan=False) | st.floats(allow_nan=True, allow_infinity=True)
position = st.lists(st.one_of(lon, lat), min_size=2, max_size=2) | st.lists(st.floats(), max_size=3)
dates = (
    st.dates().map(str)
    | st.sampled_from(["1950-06-25", "1953-07-27", "1950-02-30", "", "25/06/1950"])
    | st.none()
    | st.integers()
)
text = (
    st.text(max_size=30) | st.sampled_from(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</script>"]) | st.none()
)

geometry = st.one_of(
    st.builds(lambda p: {"type": "Point", "coordinates": p}, position),
    st.builds(lambda ps: {"type": "LineString", "coordinates": ps}, st.lists(position, max_size=4)),
    st.builds(lambda ps: {"type": "Polygon", "coordinates": [ps + ps[:1]]}, st.lists(position, min_size=3, max_size=5)),
    st.builds(lambda t: {"type": t, "coordinates": [127, 37]}, st.sampled_from(["Circle", "GeometryCollection", "Feature"])),
    st.none(),
)
properties = st.fixed_dictionaries(
    {"name": text, "start": dates, "end": dates, "description": text, "source": text},
    optional={"id": st.integers(0, 3) | st.text(max_size=2), "kind": text},
)
feature = st.builds(lambda g, p: {"type": "Feature", "geometry": g, "properties": p}, geometry, properties)
war_date = st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date(1953, 12, 31)).map(str)
words = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=40).filter(str.strip)
good_feature = st.builds(
    lambda x, y, start, name, hostile: {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [x, y]},
        "properties": {
            "name": name + hostile,
            "start": start,
            "end": None,
            "description": hostile or name,
            "source": "generated",
        },
    },
    st.floats(125, 130),
    st.floats(34, 42),
    war_date,
    words,
    st.sampled_from(["", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]),
)
collection = st.builds(
    lambda fs: {"type": "FeatureCollection", "features": fs},
    st.lists(st.one_of(good_feature, good_feature, good_feature, good_feature, feature), min_size=1, max_size=3),
)


@given(content=collection)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_layer_builds_or_fails_with_one_clear_line(tmp_path_factory, content):
    folder = tmp_path_factory.mktemp("layers")
    shutil.copytree(ROOT / "layers" / "base", folder / "base")
    for name in ("parallel_38", "armistice_line"):
        shutil.copy(ROOT / "layers" / f"{name}.geojson", folder)
    (folder / "generated.geojson").write_text(json.dumps(content))
    try:
        page = render_map(drawn_model(build_atlas(folder, for_web=True)))
        event("built")
    except AtlasError as error:
        event("refused")
        message = str(error)
        assert "generated.geojson" in message and "\n" not in message
    else:
        assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
