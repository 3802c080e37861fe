"""Write outputs safely: to a temporary file beside the target, then rename, so a failed build
never leaves a half-written file or destroys the last good one. Temporary files carry the writing
process's id, so those of a killed build are recognised and removed by the next one."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from .errors import AtlasError

# GDAL stamps each GeoPackage table with the time of writing; a fixed stamp keeps exports byte-identical
GEOPACKAGE_DATE = "2000-01-01T00:00:00.000Z"


def _temp_prefix(path: Path) -> str:
    return f".{path.name}.tmp-"


def remove_leftovers(path: Path) -> None:
    """Delete temporary files for ``path`` left by builds that were killed mid-write (their process is gone)."""
    pattern = re.compile(re.escape(_temp_prefix(path)) + r"(\d+)-")
    for leftover in path.parent.glob(_temp_prefix(path) + "*"):
        match = pattern.match(leftover.name)
        if match and not _running(int(match.group(1))):
            leftover.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but belongs to someone else
        return True
    return True


def check_folder(folder: Path) -> None:
    """One line if the folder outputs go to is a file (it may not exist yet: it is made when written)."""
    if folder.exists() and not folder.is_dir():
        raise AtlasError(f"{folder}: is a file, not a folder to write outputs in")


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``path`` in one rename. Any failure to
    write (a full disk, a read-only folder, ``--out`` naming a file) is one :class:`AtlasError`."""
    path = Path(path)
    tmp = None
    check_folder(path.parent)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(path)
        fd, name = tempfile.mkstemp(prefix=f"{_temp_prefix(path)}{os.getpid()}-", suffix=path.suffix, dir=path.parent)
        os.close(fd)
        tmp = Path(name)
        yield tmp
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes private files; outputs are for sharing
        os.replace(tmp, path)
    except OSError as exc:
        raise AtlasError(f"{path}: cannot write ({exc.strerror or exc}); the previous file, if any, is kept") from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> Path:
    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


DATE_COLUMNS = ("start", "end", "front_date", "date")
FAMILIES = {"Point": "points", "LineString": "lines", "Polygon": "areas"}


def geopackage_layers(atlas) -> dict[str, gpd.GeoDataFrame]:
    """What a GIS user gets: every layer by id, the territory per version and the drawn fronts, each
    with one geometry type (promoted to Multi*; a layer of lines and areas is split into ``id_lines`` and
    ``id_areas``) and its dates as dates; the armistice's territory and line have an open end."""
    from .catalogue import layer_for, war_span

    def lasting(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:  # the armistice line still stands: an open end
        return frame.assign(end=frame["end"].where(frame["end"] != war_span()[1], None))

    layers = {
        **atlas.layers,
        layer_for("territory"): lasting(atlas.control_on_land),
        layer_for("front_geometries"): lasting(atlas.fronts),
    }
    out: dict[str, gpd.GeoDataFrame] = {}
    for layer_id, frame in layers.items():
        frame = frame[[g is not None and not g.is_empty for g in frame.geometry.values]]
        family = frame.geom_type.str.replace("Multi", "").map(FAMILIES)
        for name in sorted(family.unique()):
            out[layer_id if family.nunique() == 1 else f"{layer_id}_{name}"] = frame[family == name]
    return out


def write_geopackage(path: Path, atlas) -> tuple[Path, list[str]]:
    """One GeoPackage layer per layer, for QGIS (its Temporal Controller reads the Date fields); the same
    atlas gives the same bytes."""
    import pyogrio  # only exports need it; the map's build stays as light as it can
    from pyogrio.raw import write

    layers = geopackage_layers(atlas)
    before = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": GEOPACKAGE_DATE})
    try:
        with replacing(path) as tmp:
            tmp.unlink()  # GDAL creates the file itself
            for layer_id, frame in layers.items():
                geometry = frame.geometry.values
                multi = shapely.get_type_id(geometry) < 4  # Point, LineString, LinearRing, Polygon
                geometry = np.where(multi, [_as_multi(g) for g in geometry], geometry)
                kind = "Multi" + FAMILIES_OF[shapely.get_type_id(geometry[0])]
                columns = [c for c in frame.columns if c != frame.geometry.name]
                try:
                    write(
                        str(tmp),
                        shapely.to_wkb(geometry),
                        [_field(frame[c], c) for c in columns],
                        columns,
                        layer=layer_id,
                        driver="GPKG",
                        geometry_type=kind,
                        crs=frame.crs.to_string(),
                        append=tmp.exists(),
                    )
                except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.FieldError) as exc:
                    raise AtlasError(
                        f"{path}: layer {layer_id} cannot be written ({str(exc).splitlines()[0][:160]}); "
                        "the previous file, if any, is kept"
                    ) from None
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": before})
    return Path(path), list(layers)


FAMILIES_OF = {4: "Point", 5: "LineString", 6: "Polygon"}


def _as_multi(shape):
    kind = shape.geom_type
    return (
        {"Point": shapely.MultiPoint, "LineString": shapely.MultiLineString, "Polygon": shapely.MultiPolygon}.get(
            kind, lambda g: g
        )([shape])
        if kind in ("Point", "LineString", "Polygon")
        else shape
    )


def _field(column, name: str) -> np.ndarray:
    """A column as GDAL should store it: dates as Date (None: null), numbers as numbers, the rest as text."""
    if name in DATE_COLUMNS:
        return np.array([v if isinstance(v, str) else "NaT" for v in column], dtype="datetime64[D]")
    values = column.to_numpy()
    if column.dtype.kind in "if":
        return values.astype("float64") if column.dtype.kind == "f" else values
    if column.dtype.kind == "b":
        return values.astype("int32")
    numeric = [v for v in values if v is not None and not (isinstance(v, float) and np.isnan(v))]
    if numeric and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in numeric):
        return np.array([np.nan if v is None else float(v) for v in values])
    return np.array([None if v is None or (isinstance(v, float) and np.isnan(v)) else str(v) for v in values], dtype=object)
