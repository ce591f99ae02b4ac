"""A small, valid one-page PDF 1.4 for a billing document, built by hand (no library)."""

from decimal import Decimal

from .catalog import CURRENCIES
from .model import Document

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points


def format_amount(amount: int, currency: str) -> str:
    exponent = CURRENCIES[currency].exponent if currency in CURRENCIES else 2
    return f"{Decimal(amount).scaleb(-exponent):.{exponent}f} {currency}"


def _pdf_text(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("cp1252", errors="replace")


def document_pdf(document: Document) -> bytes:
    rows = [
        ("Remote billing document", 18),
        (f"Invoice number: {document.number}", 12),
        (f"Type: {document.type}", 12),
        (f"Period: {document.period}", 12),
        (f"Issued: {document.issued_date.isoformat()}", 12),
        (f"Bill from: {document.bill_from}", 12),
        (f"Total: {format_amount(document.total, document.currency)}", 14),
    ]
    return build_pdf(rows)


def build_pdf(rows: list[tuple[str, int]]) -> bytes:
    """One page with one text row per (text, font size), top to bottom."""
    content = [b"BT"]
    y = PAGE_HEIGHT - 72
    for text, size in rows:
        content.append(b"/F1 %d Tf 1 0 0 1 72 %d Tm (%s) Tj" % (size, y, _pdf_text(text)))
        y -= size + 10
    content.append(b"ET")
    stream = b"\n".join(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>" % (PAGE_WIDTH, PAGE_HEIGHT),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref_at,
    )
    return bytes(out)
