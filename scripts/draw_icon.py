from PIL import Image, ImageDraw, ImageFilter
S = 1024
img = Image.new("RGBA", (S, S), (0, 0, 0, 0))
# background: rounded square, violet to navy
grad = Image.new("RGBA", (S, S))
top, bottom = (96, 80, 230), (28, 38, 92)
gd = ImageDraw.Draw(grad)
for y in range(S):
    t = y / (S - 1)
    gd.line([(0, y), (S, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)) + (255,))
mask = Image.new("L", (S, S), 0)
ImageDraw.Draw(mask).rounded_rectangle([0, 0, S - 1, S - 1], radius=190, fill=255)
img.paste(grad, (0, 0), mask)
d = ImageDraw.Draw(img)
# shadow of the sheet
shadow = Image.new("RGBA", (S, S), (0, 0, 0, 0))
ImageDraw.Draw(shadow).rounded_rectangle([232, 196, 672, 836], radius=40, fill=(0, 0, 0, 90))
shadow = shadow.filter(ImageFilter.GaussianBlur(24))
img.alpha_composite(shadow)
d = ImageDraw.Draw(img)
# invoice sheet with a folded corner
x0, y0, x1, y1, fold = 212, 170, 652, 810, 120
d.polygon([(x0, y0), (x1 - fold, y0), (x1, y0 + fold), (x1, y1), (x0, y1)], fill=(255, 255, 255, 255))
d.polygon([(x1 - fold, y0), (x1 - fold, y0 + fold), (x1, y0 + fold)], fill=(205, 210, 235, 255))
# header bar and lines
d.rounded_rectangle([x0 + 60, y0 + 80, x0 + 250, y0 + 120], radius=20, fill=(96, 80, 230, 255))
for i, width in enumerate((300, 260, 300, 200)):
    y = y0 + 210 + i * 80
    d.rounded_rectangle([x0 + 60, y, x0 + 60 + width, y + 30], radius=15, fill=(200, 205, 225, 255))
# total line
d.rounded_rectangle([x0 + 60, y1 - 120, x0 + 220, y1 - 80], radius=20, fill=(28, 38, 92, 255))
# badge: booked (green circle with a check)
cx, cy, r = 690, 720, 200
d.ellipse([cx - r - 22, cy - r - 22, cx + r + 22, cy + r + 22], fill=(255, 255, 255, 255))
d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(22, 163, 107, 255))
d.line([(cx - 95, cy + 5), (cx - 25, cy + 80), (cx + 105, cy - 70)], fill=(255, 255, 255, 255), width=58, joint="curve")
for px, py in ((cx - 95, cy + 5), (cx + 105, cy - 70)):
    d.ellipse([px - 29, py - 29, px + 29, py + 29], fill=(255, 255, 255, 255))
out = img.resize((256, 256), Image.LANCZOS)
out.save(Path(__file__).resolve().parent.parent / "remote_netsuite_connector/static/description/icon.png", optimize=True)
