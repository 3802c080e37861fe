"""The atlas's own error: one line a teacher can act on, shown without a traceback."""


class AtlasError(Exception):
    """A problem with the input (a layer file, a date, a place) or the build, described in one line."""
