from __future__ import annotations

import pytest

from ui.theme import GOVGR, HIGH_CONTRAST, Palette, contrast_ratio, stylesheet, text_pairs


@pytest.mark.parametrize("palette", [GOVGR, HIGH_CONTRAST], ids=["govgr", "high-contrast"])
def test_every_text_colour_meets_wcag_aa_on_its_background(palette: Palette) -> None:
    for name, (foreground, background) in text_pairs(palette).items():
        assert contrast_ratio(foreground, background) >= 4.5, name


def test_govgr_secondary_blue_is_too_faint_for_text() -> None:
    assert contrast_ratio("#00b0f0", "#ffffff") < 3


def test_large_text_scales_the_body_size() -> None:
    assert "font-size: 19px" in stylesheet(GOVGR, 1.0)
    assert "font-size: 38px" in stylesheet(GOVGR, 2.0)
