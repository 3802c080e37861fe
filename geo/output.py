"""Write outputs safely: to a temporary file beside the target, then rename, so a failed build
never leaves a half-written file or destroys the last good one. Temporary files carry the writing
process's id, so those of a killed build are recognised and removed by the next one."""

from __future__ import annotations

import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import geopandas as gpd

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


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``path`` in one rename. Any failure to
    write (a full disk, a read-only folder, ``--out`` naming a file) is one :class:`AtlasError`."""
    path = Path(path)
    tmp = None
    if path.parent.exists() and not path.parent.is_dir():
        raise AtlasError(f"{path.parent}: is a file, not a folder to write outputs in")
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


def write_geopackage(path: Path, layers: dict[str, gpd.GeoDataFrame]) -> Path:
    """One GeoPackage layer per layer id, for QGIS; the same layers give the same bytes."""
    import pyogrio  # only exports need it; the map's build stays as light as it can

    before = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": GEOPACKAGE_DATE})
    try:
        with replacing(path) as tmp:
            tmp.unlink()  # GDAL creates the file itself
            for layer_id, frame in layers.items():
                try:
                    frame.to_file(tmp, layer=layer_id, driver="GPKG")
                except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.FieldError) as exc:
                    raise AtlasError(f"{path}: layer {layer_id} cannot be written ({str(exc).splitlines()[0]})") from None
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": before})
    return Path(path)
