"""The land split by a front line: the north side whichever way a line runs."""

import shapely

from geo import split


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
