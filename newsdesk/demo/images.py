"""Illustrations for the demo articles, drawn locally with Pillow (no network needed).

Each picture is a two-colour gradient with a motif (hills, a river, a skyline, …) and a
label, seeded by its name so that the same demo always draws the same pictures.
"""

from __future__ import annotations

import random
import unicodedata
from functools import cache
from io import BytesIO

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from newsdesk.articles.image_credits import ImageCredit

WIDTH, HEIGHT = 1200, 675

DEMO_CREDIT = {
    "credit": "Illustration: newsdesk demo",
    "copyright_notice": "© the newsdesk authors",
    "licence": "BSD-3-Clause",
    "licence_url": "https://opensource.org/license/bsd-3-clause",
}

# Top and bottom colours of the gradient, by palette name.
PALETTES = {
    "dawn": ((250, 204, 150), (196, 92, 96)),
    "dusk": ((58, 60, 120), (232, 140, 98)),
    "river": ((120, 190, 210), (24, 72, 110)),
    "meadow": ((190, 226, 160), (52, 112, 70)),
    "slate": ((180, 188, 200), (50, 58, 72)),
    "ember": ((255, 190, 90), (150, 40, 40)),
    "night": ((20, 24, 60), (80, 60, 130)),
    "stone": ((226, 214, 190), (120, 100, 80)),
    "lab": ((210, 236, 240), (60, 110, 150)),
    "pitch": ((130, 200, 110), (30, 90, 40)),
}


def _gradient(top: tuple, bottom: tuple) -> PILImage.Image:
    """A vertical gradient, drawn small and scaled up (fast at any size)."""
    strip = PILImage.new("RGB", (1, 256))
    strip.putdata(
        [
            tuple(round(t + (b - t) * y / 255) for t, b in zip(top, bottom, strict=True))
            for y in range(256)
        ]
    )
    return strip.resize((WIDTH, HEIGHT), PILImage.Resampling.BILINEAR)


def _shade(colour: tuple, factor: float) -> tuple:
    return tuple(max(0, min(255, round(c * factor))) for c in colour)


def _hills(draw, rng, colour):
    for layer in range(3):
        base = HEIGHT * (0.55 + layer * 0.12)
        points = [(0, HEIGHT)]
        for x in range(0, WIDTH + 100, 100):
            points.append((x, base - rng.randint(0, 90)))
        points.append((WIDTH, HEIGHT))
        draw.polygon(points, fill=_shade(colour, 0.55 - layer * 0.12))


def _river(draw, rng, colour):
    _hills(draw, rng, colour)
    water = _shade(colour, 1.5)
    draw.polygon(
        [(0, HEIGHT * 0.82), (WIDTH, HEIGHT * 0.74), (WIDTH, HEIGHT), (0, HEIGHT)], fill=water
    )
    for _ in range(14):
        x, y = rng.randint(0, WIDTH - 120), rng.randint(int(HEIGHT * 0.84), HEIGHT - 10)
        draw.line([(x, y), (x + rng.randint(40, 120), y)], fill=_shade(water, 1.25), width=3)


def _skyline(draw, rng, colour):
    x = 0
    while x < WIDTH:
        w = rng.randint(60, 140)
        h = rng.randint(120, 360)
        draw.rectangle([x, HEIGHT - h, x + w, HEIGHT], fill=_shade(colour, 0.4))
        for wy in range(HEIGHT - h + 20, HEIGHT - 20, 36):
            for wx in range(x + 12, x + w - 16, 26):
                if rng.random() < 0.45:
                    draw.rectangle([wx, wy, wx + 12, wy + 16], fill=(250, 230, 160))
        x += w + rng.randint(4, 20)


def _rings(draw, rng, colour):
    for _ in range(9):
        r = rng.randint(40, 220)
        cx, cy = rng.randint(0, WIDTH), rng.randint(0, HEIGHT)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=_shade(colour, 1.4), width=8)


def _bars(draw, rng, colour):
    count = 9
    gap = WIDTH // (count + 1)
    for i in range(count):
        h = rng.randint(80, 420)
        x = gap // 2 + i * gap
        draw.rectangle([x, HEIGHT - 60 - h, x + gap * 0.6, HEIGHT - 60], fill=_shade(colour, 0.5))
    draw.line([(40, HEIGHT - 60), (WIDTH - 40, HEIGHT - 60)], fill=(255, 255, 255), width=4)


def _sun(draw, rng, colour):
    cx, cy, r = rng.randint(200, WIDTH - 200), rng.randint(120, 260), rng.randint(70, 120)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(255, 236, 180))
    _hills(draw, rng, colour)


def _pitch(draw, rng, colour):
    line = (245, 245, 245)
    draw.rectangle([60, 60, WIDTH - 60, HEIGHT - 60], outline=line, width=6)
    draw.line([(WIDTH // 2, 60), (WIDTH // 2, HEIGHT - 60)], fill=line, width=6)
    draw.ellipse(
        [WIDTH // 2 - 110, HEIGHT // 2 - 110, WIDTH // 2 + 110, HEIGHT // 2 + 110],
        outline=line,
        width=6,
    )
    draw.rectangle([60, HEIGHT // 2 - 150, 240, HEIGHT // 2 + 150], outline=line, width=6)
    draw.rectangle(
        [WIDTH - 240, HEIGHT // 2 - 150, WIDTH - 60, HEIGHT // 2 + 150], outline=line, width=6
    )


def _stars(draw, rng, colour):
    for _ in range(160):
        x, y, r = rng.randint(0, WIDTH), rng.randint(0, HEIGHT), rng.choice([1, 1, 2, 3])
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 255, 240))
    _hills(draw, rng, colour)


MOTIFS = {
    "hills": _hills,
    "river": _river,
    "skyline": _skyline,
    "rings": _rings,
    "bars": _bars,
    "sun": _sun,
    "pitch": _pitch,
    "stars": _stars,
}


# Fonts with accents and typographic dashes, when the system has one; else Pillow's own.
FONT_FILES = ["DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Arial.ttf"]


@cache
def _font(size: int) -> tuple[ImageFont.FreeTypeFont, bool]:
    """A font of the size, and whether it draws more than ASCII."""
    for name in FONT_FILES:
        try:
            return ImageFont.truetype(name, size), True
        except OSError:
            continue
    return ImageFont.load_default(size=size), False


def _ascii(text: str) -> str:
    text = text.translate(
        str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."})
    )
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def draw_picture(label: str, palette: str = "dawn", motif: str = "hills") -> bytes:
    """A JPEG of WIDTH×HEIGHT with the motif and the label; the same arguments, same bytes."""
    top, bottom = PALETTES[palette]
    rng = random.Random(f"{label}|{palette}|{motif}")
    picture = _gradient(top, bottom)
    draw = ImageDraw.Draw(picture)
    MOTIFS[motif](draw, rng, bottom)

    font, full = _font(54)
    small, _ = _font(24)
    if not full:
        label = _ascii(label)
    box = draw.textbbox((0, 0), label, font=font)
    text_w, text_h = box[2] - box[0], box[3] - box[1]
    x, y = 60, 60
    draw.rounded_rectangle(
        [x - 24, y - 18, x + text_w + 24, y + text_h + 30], radius=14, fill=(0, 0, 0)
    )
    draw.text((x, y), label, font=font, fill=(255, 255, 255))
    credit = "newsdesk demo illustration"
    credit_w = draw.textlength(credit, font=small)
    draw.text((WIDTH - credit_w - 24, HEIGHT - 44), credit, font=small, fill=(255, 255, 255))

    out = BytesIO()
    picture.save(out, format="JPEG", quality=82, optimize=True)
    return out.getvalue()


def create_image(title: str, label: str, palette: str = "dawn", motif: str = "hills"):
    """Draw a picture and store it as a Wagtail image titled `title`, described by `label`."""
    Image = get_image_model()
    data = draw_picture(label, palette, motif)
    image = Image(
        title=title,
        description=label[:255],  # Wagtail's alt text for the image
        file=ImageFile(BytesIO(data), name=f"{slugify(label) or 'picture'}.jpg"),
        file_size=len(data),
        file_hash=hash_filelike(BytesIO(data)),
    )
    image.save()
    # Drawn by this code: credited to the project, under the project's licence.
    ImageCredit.objects.create(image=image, **DEMO_CREDIT)
    return image
