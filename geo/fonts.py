"""Type for the matplotlib pictures (snapshots, slides, the handout, the animation): the font family for
a language, with a Korean face that has a real bold, and the rc settings every picture is drawn with."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from matplotlib import font_manager

CHAR_EM = {"en": 0.6, "ko": 1.0}  # a character's average width, in ems, for wrapping text to its column


@cache
def korean_family() -> list[str]:
    """A Korean font family with a real bold face: NanumGothic from the koreanize-matplotlib package,
    else Noto Sans CJK from the system; if neither is found, one warning line and DejaVu Sans."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    folder = Path(spec.submodule_search_locations[0]) / "fonts" if spec else None
    faces = [folder / "NanumGothic.ttf", folder / "NanumGothicBold.ttf"] if folder else []
    if faces and all(f.is_file() for f in faces):
        font_manager.fontManager.addfont(str(faces[0]))
        name = font_manager.FontProperties(fname=str(faces[0])).get_name()
        # the bold face declares itself semibold (600); registered as bold, titles find it without a warning
        font_manager.fontManager.ttflist.append(
            font_manager.FontEntry(
                fname=str(faces[1]), name=name, style="normal", variant="normal", weight=700, stretch="normal", size="scalable"
            )
        )
        return [name]
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in ("Noto Sans CJK KR", "Noto Sans KR", "NanumGothic"):
        if name in installed:
            return [name]
    print("warning: no Korean font found (install fonts-noto-cjk); Korean text is drawn without Hangul glyphs")
    return []


def style_rc(lang: str) -> dict:
    """matplotlib settings for a picture in ``lang``: its fonts, deterministic SVG ids, data text never read as TeX."""
    family = [*korean_family(), "DejaVu Sans"] if lang == "ko" else ["DejaVu Sans"]
    return {
        "font.family": family,
        "svg.hashsalt": "korean-war-atlas",
        "svg.fonttype": "none",
        "pdf.fonttype": 42,  # TrueType with its character map: a worksheet's Korean can be searched and copied
        "hatch.linewidth": 0.6,
        "axes.unicode_minus": False,
        "text.parse_math": False,
    }  # text from data is never TeX
