"""The gov.gr look: palette and type from the digigov design tokens
(../shared/data/govgr-design), as one Qt stylesheet with a high-contrast variant and a
text scale for large-text mode (up to 200 %)."""

from __future__ import annotations

from string import Template
from typing import NamedTuple

from kiosk.paths import resources_dir


class Palette(NamedTuple):  # not a dataclass: made before the first screen
    header: str
    header_text: str
    page: str
    text: str
    secondary_text: str
    action: str
    action_hover: str
    action_text: str
    action_focus: str  # a focused primary button: it must differ from the yellow ring
    action_focus_text: str
    link: str
    error: str
    focus: str
    border: str
    panel: str


GOVGR = Palette(
    header="#003375",
    header_text="#ffffff",
    page="#fefefe",
    text="#252830",
    secondary_text="#6d6a71",
    action="#006736",
    action_hover="#154a2b",
    action_text="#ffffff",
    action_focus="#006736",
    action_focus_text="#ffffff",
    link="#0054ba",
    error="#b60202",
    focus="#ffdd00",
    border="#b1b4b6",
    panel="#f3f2f1",
)

HIGH_CONTRAST = Palette(
    header="#000000",
    header_text="#ffffff",
    page="#000000",
    text="#ffffff",
    secondary_text="#ffffff",
    action="#ffdd00",
    action_hover="#ffffff",
    action_text="#000000",
    action_focus="#000000",  # the button is yellow: focused, it turns black in its ring
    action_focus_text="#ffdd00",
    link="#8cc4ff",
    error="#ff8080",
    focus="#ffdd00",
    border="#ffffff",
    panel="#1a1a1a",
)

BODY_PX = 19


def stylesheet(palette: Palette = GOVGR, scale: float = 1.0) -> str:
    """The theme's QSS (resources/theme/govgr.qss) filled with a palette and a text scale."""
    template = Template((resources_dir() / "theme" / "govgr.qss").read_text(encoding="utf-8"))
    sizes = {
        "body": round(BODY_PX * scale),
        "small": round(16 * scale),
        "h1": round(32 * scale),
        "h2": round(24 * scale),
        "button": round(19 * scale),
        "pad": round(12 * scale),
        # A focused button's ring is 2 px wider than its border: the padding gives
        # those pixels back, so that the words keep their room («Πίσω στη λίστα»).
        "pad_focus": round(12 * scale) - 2,
    }
    values = {**palette._asdict(), **{f"px_{k}": f"{v}px" for k, v in sizes.items()}}
    return template.substitute(values)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_pairs(palette: Palette) -> dict[str, tuple[str, str]]:
    """Every (text, background) pair the stylesheet draws."""
    return {
        "body": (palette.text, palette.page),
        "secondary": (palette.secondary_text, palette.page),
        "header": (palette.header_text, palette.header),
        "button": (palette.action_text, palette.action),
        "button_hover": (palette.action_text, palette.action_hover),
        "button_focus": (palette.action_focus_text, palette.action_focus),
        "link": (palette.link, palette.page),
        "error": (palette.error, palette.page),
        "panel": (palette.text, palette.panel),
    }
