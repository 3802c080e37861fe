"""The atlas's own errors: one line a teacher can act on, shown without a traceback."""

from __future__ import annotations

from pathlib import Path


class AtlasError(Exception):
    """A problem with the input (a layer file, a date, a place) or the build, described in one line."""


class FeatureError(AtlasError):
    """A problem with one feature found after loading, when only its layer id is known; the pipeline,
    which knows the folder, names the file with :meth:`in_folder`."""

    def __init__(self, layer_id: str, feature: object, problem: str) -> None:
        self.layer_id, self.feature, self.problem = layer_id, feature, problem
        super().__init__(f"layer {layer_id}, feature {feature!r}: {problem}")

    def in_folder(self, folder: Path) -> AtlasError:
        return AtlasError(f"{Path(folder) / (self.layer_id + '.geojson')}, feature {self.feature!r}: {self.problem}")
