"""Draws the app icon, static/description/icon.png: an invoice with a "booked" check, on the
violet-to-navy of Remote and NetSuite. Drawn at 1024 px and scaled down, so its edges are smooth.
``python3 scripts/draw_icon.py``"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ICON = (
    Path(__file__).resolve().parent.parent / "remote_netsuite_connector/static/description/icon.png"
)
SIZE, OUT = 1024, 256
WHITE, VIOLET, NAVY = (255, 255, 255, 255), (96, 80, 230), (28, 38, 92)
LINE, FOLD, GREEN = (200, 205, 225, 255), (205, 210, 235, 255), (22, 163, 107, 255)


def background():
    gradient = Image.new("RGBA", (SIZE, SIZE))
    draw = ImageDraw.Draw(gradient)
    for y in range(SIZE):
        t = y / (SIZE - 1)
        color = tuple(round(a + (b - a) * t) for a, b in zip(VIOLET, NAVY, strict=True))
        draw.line([(0, y), (SIZE, y)], fill=(*color, 255))
    mask = Image.new("L", (SIZE, SIZE), 0)
    ImageDraw.Draw(mask).rounded_rectangle([0, 0, SIZE - 1, SIZE - 1], radius=190, fill=255)
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    image.paste(gradient, (0, 0), mask)
    return image


def invoice(image, x0=212, y0=170, x1=652, y1=810, fold=120):
    shadow = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    ImageDraw.Draw(shadow).rounded_rectangle(
        [x0 + 20, y0 + 26, x1 + 20, y1 + 26], radius=40, fill=(0, 0, 0, 90)
    )
    image.alpha_composite(shadow.filter(ImageFilter.GaussianBlur(24)))
    draw = ImageDraw.Draw(image)
    sheet = [(x0, y0), (x1 - fold, y0), (x1, y0 + fold), (x1, y1), (x0, y1)]
    draw.polygon(sheet, fill=WHITE)
    draw.polygon([(x1 - fold, y0), (x1 - fold, y0 + fold), (x1, y0 + fold)], fill=FOLD)
    draw.rounded_rectangle([x0 + 60, y0 + 80, x0 + 250, y0 + 120], radius=20, fill=(*VIOLET, 255))
    for row, width in enumerate((300, 260, 300, 200)):
        y = y0 + 210 + row * 80
        draw.rounded_rectangle([x0 + 60, y, x0 + 60 + width, y + 30], radius=15, fill=LINE)
    draw.rounded_rectangle([x0 + 60, y1 - 120, x0 + 220, y1 - 80], radius=20, fill=(*NAVY, 255))


def booked_badge(image, cx=690, cy=720, r=200):
    draw = ImageDraw.Draw(image)
    draw.ellipse([cx - r - 22, cy - r - 22, cx + r + 22, cy + r + 22], fill=WHITE)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=GREEN)
    tick = [(cx - 95, cy + 5), (cx - 25, cy + 80), (cx + 105, cy - 70)]
    draw.line(tick, fill=WHITE, width=58, joint="curve")
    for x, y in (tick[0], tick[-1]):
        draw.ellipse([x - 29, y - 29, x + 29, y + 29], fill=WHITE)


if __name__ == "__main__":
    icon = background()
    invoice(icon)
    booked_badge(icon)
    icon.resize((OUT, OUT), Image.LANCZOS).save(ICON, optimize=True)
