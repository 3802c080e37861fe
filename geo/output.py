"""Write outputs safely: to a temporary file beside the target, then rename, so a failed build
never leaves a half-written file or destroys the last good one."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import geopandas as gpd


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``path`` in one rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes private files; outputs are for sharing
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_text(path: Path, text: str) -> Path:
    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


def write_geopackage(path: Path, layers: dict[str, gpd.GeoDataFrame]) -> Path:
    """One GeoPackage layer per layer id, for QGIS."""
    with replacing(path) as tmp:
        tmp.unlink()  # GDAL creates the file itself
        for layer_id, frame in layers.items():
            frame.to_file(tmp, layer=layer_id, driver="GPKG")
    return Path(path)
