"""Draws the page's PNG icons (public/icon-192.png, icon-512.png, icon-maskable-512.png) as the
SVG icon (public/icon.svg) draws them: dendrites, a cell body and an axon. Run with a Python that
has Pillow: /usr/bin/python3 scripts/pwa/icons.py"""
import os
from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', '..', 'public')


def icon(size, maskable=False):
    s = size / 512
    img = Image.new('RGBA', (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    if maskable:  # full bleed, the drawing inside the 80% safe zone
        d.rectangle([0, 0, size, size], fill='#0f172a')
        k, o = 0.8, 0.1 * size
    else:
        d.rounded_rectangle([0, 0, size - 1, size - 1], radius=96 * s, fill='#0f172a')
        k, o = 1.0, 0.0
    p = lambda x, y: (o + x * s * k, o + y * s * k)
    w = max(1, round(22 * s * k))
    for a, b in [((196, 236), (96, 150)), ((190, 268), (78, 286)), ((214, 300), (132, 400)),
                 ((306, 256), (436, 256)), ((436, 256), (468, 220)), ((436, 256), (468, 292))]:
        d.line([p(*a), p(*b)], fill='#7dd3fc', width=w)
        for q in (a, b):
            x, y = p(*q)
            d.ellipse([x - w / 2, y - w / 2, x + w / 2, y + w / 2], fill='#7dd3fc')
    for r, c in [(70, '#f59e0b'), (26, '#0f172a')]:
        x, y = p(250, 256)
        d.ellipse([x - r * s * k, y - r * s * k, x + r * s * k, y + r * s * k], fill=c)
    return img


icon(192).save(os.path.join(OUT, 'icon-192.png'))
icon(512).save(os.path.join(OUT, 'icon-512.png'))
icon(512, maskable=True).save(os.path.join(OUT, 'icon-maskable-512.png'))
