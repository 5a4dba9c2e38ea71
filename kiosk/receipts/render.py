"""Receipts as PDF with reportlab: A4 and 80 mm thermal roll, Greek text in DejaVu Sans
(shipped in resources/fonts with its licence), every font embedded, and a QR code
carrying the verification reference (no personal data)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from typing import Literal, get_args

from reportlab.lib.colors import white
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from kiosk.paths import resources_dir
from kiosk.receipts.data import (
    ReceiptData,
    check_code,
    mask_name,
    short_reference,
    verification_reference,
)
from kiosk.receipts.flow import (
    BOLD,
    LEADING,
    PRIMARY,
    REGULAR,
    SECONDARY,
    WARNING,
    Flow,
    wrap,
)
from kiosk.receipts.texts import athens_time, money, word

Layout = Literal["a4", "thermal80"]

__all__ = ["BOLD", "REGULAR", "Layout", "register_fonts", "render_receipt"]


@dataclass(frozen=True)
class _Page:
    width: float
    height: float  # 0: as long as the content (roll paper)
    margin: float
    size: float  # body text, points
    qr: float
    label_width: float  # 0: labels stacked over their values


_PAGES: dict[str, _Page] = {
    "a4": _Page(210 * mm, 297 * mm, 18 * mm, 10.0, 34 * mm, 42 * mm),
    # 80 mm roll, 72 mm printable: the usual 576 dots of a 203 dpi receipt printer.
    "thermal80": _Page(80 * mm, 0.0, 4 * mm, 8.0, 32 * mm, 0.0),
}


@cache
def register_fonts() -> None:
    """Once per process (~30 ms): TTF parsing is the slowest part of a receipt."""
    folder = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(REGULAR, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))


def render_receipt(data: ReceiptData, layout: Layout = "a4") -> bytes:
    """The receipt as a one-page PDF (A4 continues on further pages if it must)."""
    if layout not in _PAGES:
        raise ValueError(f"render_receipt layout: {layout!r}; use one of {get_args(Layout)}")
    register_fonts()
    page = _PAGES[layout]
    band = _band_height(data, page)
    height = page.height or band + _body_height(data, page) + page.margin
    buffer = io.BytesIO()
    # initialFontName: otherwise reportlab sets Helvetica first, an unembedded font.
    canvas = Canvas(
        buffer, pagesize=(page.width, height), initialFontName=REGULAR, initialFontSize=page.size
    )
    canvas.setTitle(word("title", data.locale))
    canvas.setAuthor(data.region_name)
    canvas.setSubject(str(data.submission_id))
    _draw_band(canvas, data, page, height, band)
    pages = [1]

    def new_page() -> float:
        _draw_footer(canvas, data, page, pages[0])
        canvas.showPage()
        pages[0] += 1
        canvas.setFillColor(PRIMARY)
        canvas.rect(0, height - 6 * mm, page.width, 6 * mm, stroke=0, fill=1)
        return float(height - 6 * mm - page.margin)

    top = height - band - page.margin * (0.45 if page.height else 1.0)
    flow = Flow(
        canvas,
        page.margin,
        page.width - 2 * page.margin,
        top,
        page.size,
        bottom=page.margin + 3 * page.size,
        new_page=new_page if page.height else None,
    )
    _compose(flow, data, page)
    if page.height:
        _draw_footer(canvas, data, page, pages[0])
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _body_height(data: ReceiptData, page: _Page) -> float:
    probe = Flow(None, page.margin, page.width - 2 * page.margin, 0.0, page.size)
    _compose(probe, data, page)
    return -probe.y + page.margin


def _band_rows(data: ReceiptData, page: _Page) -> tuple[list[str], list[str]]:
    width = page.width - 2 * page.margin
    region = wrap(data.region_name, BOLD, page.size * 1.35, width)
    office = wrap(data.office_name, REGULAR, page.size, width)
    return region, office


def _band_height(data: ReceiptData, page: _Page) -> float:
    region, office = _band_rows(data, page)
    rows = len(region) * page.size * 1.35 + len(office) * page.size
    return rows * LEADING + page.size * 2.4


def _draw_band(canvas: Canvas, data: ReceiptData, page: _Page, height: float, band: float) -> None:
    """The #003375 header band with the Region and the office, white on blue."""
    canvas.setFillColor(PRIMARY)
    canvas.rect(0, height - band, page.width, band, stroke=0, fill=1)
    canvas.setFillColor(white)
    y = height - page.size * 1.2
    region, office = _band_rows(data, page)
    for rows, font, size in ((region, BOLD, page.size * 1.35), (office, REGULAR, page.size)):
        canvas.setFont(font, size)
        for row in rows:
            y -= size * LEADING
            canvas.drawString(page.margin, y, row)


def _compose(flow: Flow, data: ReceiptData, page: _Page) -> None:
    """The receipt's content, top to bottom; run once to measure and once to draw."""
    locale = data.locale
    flow.text(word("title", locale), bold=True, size=page.size * 1.6, colour=PRIMARY)
    flow.space(0.8)
    _status_panel(flow, data)
    flow.space(0.8)
    _fields(flow, data, page)
    flow.heading(word("bring", locale))
    for document in data.documents_to_bring:
        flow.text(document, bullet="•")
    if not data.documents_to_bring:
        flow.text(word("nothing", locale))
    _fetched(flow, data)
    _fees(flow, data)
    flow.heading(word("status", locale))
    flow.text(word("status_how", locale).format(url=data.status_url))
    if not page.height:  # the roll: QR code centred at the end
        flow.space(1.0)
        x = page.margin + (flow.width - page.qr) / 2
        flow.qr(verification_reference(data.submission_id), x, flow.y - page.qr, page.qr)
        flow.y -= page.qr
        _caption(flow, word("qr", locale), page.width / 2)


def _fetched(flow: Flow, data: ReceiptData) -> None:
    """Who fetched what about the applicant, so that they can see it (never values)."""
    locale = data.locale
    flow.heading(word("fetched", locale))
    for item in data.fetched:
        when = athens_time(item.when, locale) if item.when else word("fetch_later", locale)
        line = f"{item.evidence} · {item.registry} · {when} · {item.on_behalf}"
        if not item.used:
            line += f" ({word('not_used', locale)})"
        flow.text(line, bullet="•")
    if not data.fetched:
        flow.text(word("fetched_none", locale))


def _status_panel(flow: Flow, data: ReceiptData) -> None:
    locale = data.locale
    if data.protocol_number:
        number = data.protocol_number

        def write(inner: Flow) -> None:
            inner.text(word("protocol", locale), size=inner.size * 0.9, colour=SECONDARY)
            inner.text(number, bold=True, size=inner.size * 1.5)

        flow.panel(PRIMARY, write)
        return
    title, body = (
        ("queued_title", "queued") if data.queued_offline else ("pending_title", "pending")
    )

    def explain(inner: Flow) -> None:
        inner.text(word(title, locale), bold=True, size=inner.size * 1.1)
        inner.space(0.2)
        inner.text(word(body, locale))

    flow.panel(WARNING if data.queued_offline else PRIMARY, explain)


def _fields(flow: Flow, data: ReceiptData, page: _Page) -> None:
    """The facts of the submission; on A4 the QR code stands beside them."""
    locale = data.locale
    width = flow.width - (page.qr + 6 * mm if page.height else 0)
    top = flow.y
    rows = [(word("procedure", locale), data.procedure_title)]
    if data.applicant_name:
        rows.append((word("applicant", locale), mask_name(data.applicant_name)))
    rows += [
        (word("when", locale), athens_time(data.submitted_at, locale)),
        (word("code", locale), short_reference(data.submission_id)),
        (word("check", locale), check_code(data.submission_id)),
    ]
    for label, value in rows:
        flow.field(label, value, label_width=page.label_width, width=width)
    if page.height:
        x = page.margin + flow.width - page.qr
        flow.qr(verification_reference(data.submission_id), x, top - page.qr, page.qr)
        below_qr = Flow(flow.canvas, flow.left, flow.width, top - page.qr, flow.size)
        _caption(below_qr, word("qr", locale), x + page.qr / 2)
        flow.y = min(flow.y, below_qr.y)


def _fees(flow: Flow, data: ReceiptData) -> None:
    locale = data.locale
    flow.heading(word("fee", locale))
    if not data.fees:
        flow.text(word("no_fee", locale))
    for fee in data.fees:
        flow.amount_row(fee.label, money(fee.amount, locale))
        if fee.e_paravolo_code:
            code = f"{word('e_paravolo', locale)}: {fee.e_paravolo_code}"
            flow.text(code, size=flow.size * 0.9, colour=SECONDARY, indent=flow.size)
        if fee.payment_code:
            state = word(f"payment_{fee.payment_status or 'pending'}", locale)
            paid = f"{word('payment_code', locale)}: {fee.payment_code} ({state})"
            flow.text(paid, size=flow.size * 0.9, colour=SECONDARY, indent=flow.size)
        flow.space(0.2)
    if len(data.fees) > 1:
        flow.rule()
        flow.amount_row(word("total", locale), money(data.total, locale), bold=True)
    if data.payment_instructions:
        flow.space(0.4)
        flow.text(data.payment_instructions)


def _caption(flow: Flow, text: str, centre: float) -> None:
    size = flow.size * 0.8
    flow.y -= size * LEADING
    if flow.canvas is not None:
        flow.canvas.setFont(REGULAR, size)
        flow.canvas.setFillColor(SECONDARY)
        flow.canvas.drawCentredString(centre, flow.y, text)


def _draw_footer(canvas: Canvas, data: ReceiptData, page: _Page, number: int) -> None:
    """A4 only: the verification reference in words, for whoever cannot scan, and the page."""
    size = page.size * 0.75
    y = page.margin
    canvas.setStrokeColor(SECONDARY)
    canvas.setLineWidth(0.4)
    canvas.line(page.margin, y + size * 1.6, page.width - page.margin, y + size * 1.6)
    canvas.setFont(REGULAR, size)
    canvas.setFillColor(SECONDARY)
    canvas.drawString(page.margin, y, verification_reference(data.submission_id))
    canvas.drawRightString(page.width - page.margin, y, f"{word('page', data.locale)} {number}")
