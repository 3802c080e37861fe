"""The drawn model: what every output draws, in the page's language, with display windows, numbered
events, slider steps and play times, and no front drawn over the 38th parallel or the armistice line."""

from __future__ import annotations

from geo.catalogue import layer_for, war_span
from geo.model import drawn_model, play_schedule, shown_on


def test_layers_in_drawing_order_with_their_roles(model):
    roles = [layer.role for layer in model.layers.values()]
    assert roles.index("territory") == 0 and roles.index("front") > roles.index("previous_front")
    assert "held_areas" not in roles and "tour" not in roles, "data the map uses but does not draw"
    assert model.role("events").symbol == "point" and model.role("movements").symbol == "arrows"


def test_events_are_numbered_in_the_order_they_happened(model):
    events = model.role("events").features
    assert events["number"].tolist() == list(range(1, len(events) + 1))
    assert events["start"].is_monotonic_increasing


def test_the_front_is_never_drawn_over_the_parallel_or_the_armistice_line(model):
    fronts = model.role("front").features
    assert fronts["line"].eq("front").all()
    assert shown_on(fronts, "1953-07-27").empty, "on the armistice day the armistice line is drawn, not a front"
    assert not shown_on(model.layers[layer_for("armistice_line")].features, "1953-07-27").empty


def test_events_stay_on_the_map_while_their_stage_lasts(model):
    events = model.role("events").features
    inchon = events[events["name"] == "Landing at Inchon"].iloc[0]
    assert inchon["shown_from"] == "1950-09-15" and inchon["shown_until"] == "1950-11-24"


def test_slider_steps_reach_every_front_and_every_first_day(model):
    first, last = war_span()
    fronts = set(model.role("front").features["start"])
    assert fronts <= set(model.steps) and model.steps[0] == first and model.steps[-1] == last
    appears = {d for layer in model.layers.values() for d in layer.features["shown_from"] if first <= d <= last}
    assert appears <= set(model.steps)


def test_play_spends_time_by_the_story_not_by_the_number_of_steps(model):
    schedule = play_schedule(model)
    assert len(schedule) == len(model.steps) and min(schedule) > 0
    assert 55_000 <= sum(schedule) <= 65_000, "the whole war in about a minute at 1x"
    in_1950 = sum(ms for d, ms in zip(model.steps, schedule) if d < "1951-01-01")
    assert in_1950 < 0.55 * sum(schedule), "1950 no longer takes half of it"
    per_stage = {s["id"]: sum(ms for d, ms in zip(model.steps, schedule) if s["start"] <= d <= s["end"]) for s in model.stages}
    assert max(per_stage.values()) < 2 * min(per_stage.values())


def test_korean_texts_come_from_the_data(atlas):
    korean = drawn_model(atlas, "ko")
    fronts = korean.role("front").features
    assert fronts["name"].str.endswith("전선").all()
    assert fronts["description"].str.contains("[가-힣]").all(), "front descriptions in Korean"
    assert fronts["confidence"].str.contains("[가-힣]").all(), "their precision too"
    events = korean.role("events").features
    assert events["name"].str.contains("[가-힣]").all() and "name_today" not in events.columns
