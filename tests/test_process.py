"""Processing layers: figures against published values, clipping to land, the web's lighter land, the
movement arrows and the landing's arrowheads."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

from geo import process

MILE_KM = 1.609344


def figure(atlas, layer_id: str, column: str, row: int = 0) -> float:
    return float(atlas.layers[layer_id][column].iloc[row])


def test_pusan_perimeter_front_runs_its_west_and_north_sides(atlas):
    # Montross and Canzona, The Pusan Perimeter (USMC, 1954): in the first days of August a beachhead
    # about 90 miles long and 60 wide; its front is the west and north sides (150 miles), longer for the
    # Naktong's bends
    assert figure(atlas, "pusan_perimeter", "length_km") == pytest.approx(150 * MILE_KM, rel=0.2)


def test_pusan_perimeter_area_fits_its_90_by_60_mile_beachhead(atlas):
    area = figure(atlas, "pusan_perimeter", "area_km2")
    assert 0.7 * 90 * 60 * MILE_KM**2 < area < 1.1 * 90 * 60 * MILE_KM**2


def test_armistice_line_length(atlas):
    # The MDL runs about 148 miles (238 km); Natural Earth 1:10m smooths its bends
    assert figure(atlas, "armistice_line", "length_km") == pytest.approx(238, rel=0.15)


def test_38th_parallel_crosses_the_peninsula(atlas):
    line = atlas.layers["parallel_38"].geometry.iloc[0]
    assert line.coords[0][0] == pytest.approx(125.1, abs=0.1) and line.coords[-1][0] == pytest.approx(128.75, abs=0.1)
    assert figure(atlas, "parallel_38", "length_km") == pytest.approx(319, rel=0.02)


def test_inchon_is_about_20_miles_from_seoul(atlas):
    # Appleman, on the Inchon landing: Inchon lies some 20 to 25 miles west of Seoul; straight line about 20
    landing = atlas.layers["inchon_landing"]
    red_beach = landing[landing["name"] == "Red Beach, Inchon"]["distance_to_km"].iloc[0]
    assert red_beach == pytest.approx(20 * MILE_KM, rel=0.1)


def test_yalu_follows_the_river_to_paektu(atlas):
    yalu = atlas.layers["yalu_river"].geometry.iloc[0]
    assert len(yalu.coords) > 200, "traced from Natural Earth, not sketched"
    assert yalu.coords[0][0] == pytest.approx(124.37, abs=0.1)
    assert yalu.coords[-1][1] == pytest.approx(42.0, abs=0.05)
    hyesanjin = atlas.places.loc[atlas.places["name"] == "Hyesanjin"].to_crs(5179).geometry.iloc[0]
    assert gpd.GeoSeries([yalu], crs=4326).to_crs(5179).distance(hyesanjin).iloc[0] < 5000


def test_pusan_perimeter_is_clipped_to_land(atlas):
    perimeter = atlas.layers["pusan_perimeter"].geometry.iloc[0]
    assert atlas.korea.union_all().buffer(1e-6).contains(perimeter)


def test_simplify_for_web_drops_islets_and_rows_left_without_land():
    mainland, islet = shapely.box(127.0, 36.0, 128.0, 37.0), shapely.box(126.0, 34.0, 126.01, 34.01)
    frame = gpd.GeoDataFrame(
        {"name": ["islet", "mainland and islet"]}, geometry=[islet, shapely.MultiPolygon([mainland, islet])], crs="EPSG:4326"
    )
    web = process.simplify_for_web(frame)
    assert web["name"].tolist() == ["mainland and islet"]
    assert shapely.get_num_geometries(web.geometry.iloc[0]) == 1
    assert web.geometry.iloc[0].area == pytest.approx(mainland.area, rel=0.01)


def test_movements_become_tapered_arrows_pointing_where_they_went(atlas):
    routes = atlas.layers["movements"]
    arrows = process.tapered_arrows(routes)
    assert len(arrows) == len(routes) >= 12 and arrows.geom_type.isin(["Polygon", "MultiPolygon"]).all()
    assert arrows.is_valid.all()
    metric = arrows.to_crs(5179)
    tips = routes.to_crs(5179).geometry.apply(lambda line: shapely.Point(line.coords[-1]))
    tails = routes.to_crs(5179).geometry.apply(lambda line: shapely.Point(line.coords[0]))
    assert (metric.distance(tips, align=False) < 500).all(), "each arrow reaches its route's end"
    assert (metric.distance(tails, align=False) < 500).all()
    main, minor = routes["rank"] == 1, routes["rank"] == 2
    width = metric.area / routes.to_crs(5179).length
    assert width[main].median() > width[minor].median(), "main thrusts are drawn wider"


def test_assault_routes_get_an_arrowhead(atlas):
    landing = atlas.layers["inchon_landing"]
    drawn = process.with_arrowheads(landing)
    assert len(drawn) == len(landing) + int((landing.get("arrow") == True).sum())  # noqa: E712
