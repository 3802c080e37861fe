"""The land split by a front line: the north side whichever way a line runs."""

import pytest
import shapely

from geo import split
from geo.errors import FeatureError


def test_north_side_of_a_west_east_line_is_north():
    frame = (0.0, 0.0, 10.0, 10.0)
    north = split.north_side(shapely.LineString([(1, 5), (9, 5)]), frame, shapely.Point(-50, -50))
    assert north.contains(shapely.Point(5, 8)) and not north.contains(shapely.Point(5, 2))


def test_north_side_of_a_perimeter_arc_is_everything_outside_the_pocket():
    frame = (0.0, 0.0, 10.0, 10.0)
    arc = shapely.LineString([(6, 1), (6, 6), (9, 6)])
    north = split.north_side(arc, frame, shapely.Point(-50, -50))
    assert north.contains(shapely.Point(2, 2)) and north.contains(shapely.Point(8, 8))
    assert not north.contains(shapely.Point(8, 3))


FRAME = (0.0, 0.0, 10.0, 10.0)
FAR = shapely.Point(-50, -50)  # a coastline nowhere near: every end is out at sea


def test_the_north_side_takes_the_frame_corner_on_its_side():
    """A line running up to the north-east cuts off the frame's north-west corner: that corner is its
    north side, and no other corner of the frame is."""
    north = split.north_side(shapely.LineString([(1, 2), (8, 9)]), FRAME, FAR)
    corner = shapely.Polygon([(0, 1), (0, 10), (9, 10)])  # the line carried on to the frame
    assert abs(north.area - corner.area) < 1e-9 and north.equals(corner)


def test_ends_out_at_sea_go_on_along_their_last_segment():
    west, east = split.sea_extensions(shapely.LineString([(2, 4), (4, 5), (6, 5), (8, 7)]), FRAME, FAR)
    assert list(west.coords) == [(2, 4), (0, 3)] and list(east.coords) == [(8, 7), (10, 9)]


def test_ends_on_the_coast_go_straight_west_and_east():
    coast = shapely.MultiPoint([(2, 4), (8, 7)])
    west, east = split.sea_extensions(shapely.LineString([(2, 4), (4, 5), (8, 7)]), FRAME, coast)
    assert list(west.coords) == [(2, 4), (0, 4)] and list(east.coords) == [(8, 7), (10, 7)]


def test_the_communist_side_is_the_same_whichever_way_the_line_runs():
    line = shapely.LineString([(0.5, 3), (5, 6), (9.5, 4)])
    north = split.communist_side(line, FRAME, FAR)
    assert north.equals(split.communist_side(line.reverse(), FRAME, FAR))
    assert north.contains(shapely.Point(5, 9)) and not north.contains(shapely.Point(5, 1))


def test_a_line_that_does_not_part_north_from_south_is_refused_by_name():
    loop = shapely.LineString([(2, 2), (8, 8), (8, 2), (2, 8)])  # crosses itself
    with pytest.raises(FeatureError) as error:
        split.communist_side(loop, FRAME, FAR, name="1950-08-04")
    assert str(error.value) == (
        "layer front_lines, feature '1950-08-04': the line must run from coast to coast without crossing "
        "itself or doubling back, with the north on one side and the south on the other"
    )
