"""A QR code as inline SVG: one path with presentation attributes, no style attribute and no
script, so it passes the strict Content-Security-Policy. A text alternative names what it holds;
pages always show the same content as text beside it."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str, *, title: str, ident: str = "qr") -> SafeString:
    """``data`` as an SVG QR code with ``title`` as its accessible name."""
    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M,
                         image_factory=qrcode.image.svg.SvgPathImage)
    code.add_data(data)
    code.make(fit=True)
    svg = code.make_image().to_string(encoding="unicode")
    head, rest = svg.split(">", 1)
    attributes = head.removeprefix("<svg").split(" viewBox=", 1)[1]
    opening = (f'<svg class="mm-qr" role="img" aria-labelledby="{ident}-title" '
               f'viewBox={attributes}>')
    # A white field behind the modules: scanners need the light border (quiet zone).
    background = '<rect width="100%" height="100%" fill="#ffffff"/>'
    return mark_safe(f'{opening}<title id="{ident}-title">{escape(title)}</title>{background}{rest}')  # noqa: S308 - generated SVG, the title escaped
