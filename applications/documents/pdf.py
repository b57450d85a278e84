"""Drawing a document's content as an A4 PDF with reportlab: the "Azərişıq" header, the title,
tables of fields, and a QR code plus printed address of the public verification page — or, for a
draft, a diagonal "LAYİHƏ / DRAFT / ПРОЕКТ" across every page and no verification at all."""

import io
from xml.sax.saxutils import escape

import segno
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from applications.documents.content import DocumentContent, Section
from applications.documents.fonts import BOLD, REGULAR, fonts_register, glyphs_check

BRAND = colors.HexColor("#0b4f8a")
MUTED = colors.HexColor("#484949")
RULE = colors.HexColor("#b1b4b6")
SHADE = colors.HexColor("#f3f2f1")
MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN
LABEL_WIDTH = 62 * mm
QR_SIZE = 24 * mm
WATERMARK = colors.Color(0.75, 0.1, 0.1, alpha=0.16)
WATERMARK_SIZE = 46

STYLES = {
    "title": ParagraphStyle("title", fontName=BOLD, fontSize=16, leading=20, spaceAfter=4),
    "reference": ParagraphStyle("reference", fontName=REGULAR, fontSize=9.5, leading=12, textColor=MUTED),
    "status": ParagraphStyle(
        "status",
        fontName=BOLD,
        fontSize=9.5,
        leading=12,
        backColor=SHADE,
        borderPadding=5,
        spaceBefore=8,
    ),
    "heading": ParagraphStyle(
        "heading", fontName=BOLD, fontSize=11, leading=14, textColor=BRAND, spaceBefore=6, spaceAfter=2
    ),
    "label": ParagraphStyle("label", fontName=REGULAR, fontSize=9.5, leading=12, textColor=MUTED),
    "value": ParagraphStyle("value", fontName=REGULAR, fontSize=9.5, leading=12),
    "column": ParagraphStyle("column", fontName=BOLD, fontSize=9, leading=11.5),
    "body": ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=12.5),
    "note": ParagraphStyle(
        "note", fontName=REGULAR, fontSize=8.5, leading=11, textColor=MUTED, spaceBefore=4
    ),
    "verify": ParagraphStyle("verify", fontName=REGULAR, fontSize=9, leading=12),
}

TABLE_STYLE = [
    ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # else reportlab declares Helvetica for every table
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
]


def render_pdf(content: DocumentContent) -> bytes:
    """The document as PDF bytes; checks the font covers every character first (fonts.glyphs_check)."""
    fonts_register()
    glyphs_check(content.texts())
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=28 * mm,
        bottomMargin=20 * mm,
        initialFontName=REGULAR,
        title=content.title,
        author=content.issuer,
        subject=content.reference,
        creator=content.issuer,
        lang=content.language,
    )
    draw_page = _page_decorator(content)
    template.build(_story(content), onFirstPage=draw_page, onLaterPages=draw_page)
    return buffer.getvalue()


def _text(value: str, style: str) -> Paragraph:
    return Paragraph(escape(value), STYLES[style])


def _story(content: DocumentContent) -> list:
    story = [_text(content.title, "title"), _text(content.reference, "reference")]
    if content.status_note:
        story.append(_text(content.status_note, "status"))
    for section in content.sections:
        story.extend(_section(section))
    if not content.is_draft:
        story.append(Spacer(1, 6))
        story.append(KeepTogether(_verification_block(content)))
    return story


def _section(section: Section) -> list:
    parts = [_text(section.heading, "heading")]
    if section.fields:
        rows = [[_text(label, "label"), _text(value, "value")] for label, value in section.fields]
        parts.append(_table(rows, [LABEL_WIDTH, WIDTH - LABEL_WIDTH]))
    if section.columns:
        rows = [[_text(column, "column") for column in section.columns]]
        rows += [[_text(cell, "value") for cell in row] for row in section.rows]
        column_width = WIDTH / len(section.columns)
        parts.append(_table(rows, [column_width] * len(section.columns), header=True))
    if section.items:
        items = [ListItem(_text(item, "body"), leftIndent=14) for item in section.items]
        parts.append(
            ListFlowable(
                items, bulletType="1", bulletFormat="%s.", bulletFontName=REGULAR, bulletFontSize=9.5
            )
        )
    if section.note:
        parts.append(_text(section.note, "note"))
    return parts


def _table(rows: list, widths: list[float], *, header: bool = False) -> Table:
    style = list(TABLE_STYLE)
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, 0), 1, MUTED)]
    return Table(rows, colWidths=widths, style=TableStyle(style), hAlign="LEFT")


def _verification_block(content: DocumentContent) -> list:
    qr = segno.make(content.verification_url, error="m")
    png = io.BytesIO()
    qr.save(png, kind="png", scale=4, border=2)
    png.seek(0)
    text = (
        f"{escape(content.verify_prompt)}<br/><b>{escape(content.verification_url)}</b><br/>"
        f"{escape(content.verification_code_line)}"
    )
    table = Table(
        [[Image(png, width=QR_SIZE, height=QR_SIZE), Paragraph(text, STYLES["verify"])]],
        colWidths=[QR_SIZE + 8, WIDTH - QR_SIZE - 8],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BOX", (0, 0), (-1, -1), 0.75, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ]
        ),
        hAlign="LEFT",
    )
    return [table]


def _watermark(canvas, text: str) -> None:
    """`text` large and faint, corner to corner across the page, under the content."""
    width, height = A4
    canvas.saveState()
    canvas.translate(width / 2, height / 2)
    canvas.rotate(45)
    canvas.setFillColor(WATERMARK)
    canvas.setFont(BOLD, WATERMARK_SIZE)
    canvas.drawCentredString(0, -WATERMARK_SIZE / 3, text)
    canvas.restoreState()


def _page_decorator(content: DocumentContent):
    """Header (issuer) and footer (verification address, page number) on every page; a draft's
    watermark instead of the verification address."""

    def draw(canvas, document):
        width, height = A4
        if content.is_draft:
            _watermark(canvas, content.watermark)
        canvas.saveState()
        canvas.setFillColor(BRAND)
        canvas.setFont(BOLD, 14)
        canvas.drawString(MARGIN, height - 16 * mm, content.issuer)
        canvas.setFillColor(MUTED)
        canvas.setFont(REGULAR, 8.5)
        canvas.drawString(MARGIN, height - 21 * mm, content.issuer_line)
        canvas.setStrokeColor(BRAND)
        canvas.setLineWidth(1.5)
        canvas.line(MARGIN, height - 24 * mm, width - MARGIN, height - 24 * mm)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, 15 * mm, width - MARGIN, 15 * mm)
        canvas.setFont(REGULAR, 8)
        if not content.is_draft:
            canvas.drawString(MARGIN, 10 * mm, content.verification_url)
        canvas.drawRightString(width - MARGIN, 10 * mm, f"{content.page_label} {document.page}")
        canvas.restoreState()

    return draw
