#!/usr/bin/env python3
"""Builds the subset fonts shipped in fonts/ (run at dev time; needs fonttools).

Usage (each part is optional; give the source files of the parts to rebuild):
  python3 fonts/make_subsets.py \
      [--fandol /tmp/fandol --wenkai /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Light.ttf] \
      [--noto-serif-extralight /usr/share/fonts/opentype/noto/NotoSerifCJK-ExtraLight.ttc] \
      [--noto-serif-semibold /usr/share/fonts/opentype/noto/NotoSerifCJK-SemiBold.ttc] \
      [--noto-sans /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]

- KaiSupplement-Regular.ttf (--wenkai, --fandol): the CJK Unified Ideographs (U+4E00-U+9FFF)
  that LXGW WenKai Light has and that at least one shipped Fandol face lacks (personal-name
  characters such as 堃 喆 昇 珺 赟). The last resort of every face, and the 楷体 face's own
  supplement. Renamed: "LXGW" and "霞鹜" are Reserved Font Names under the OFL.
- FandolSong-Regular-Marks.otf (--fandol): FandolSong Regular cut to Latin, punctuation and
  full-width forms, enough for page numbers and the copy number (宋体's only jobs in a report).
- The supplements of the same design class (traditional characters, issue #8): what a report
  can contain (every Big5 and GB 2312 character, and CJK punctuation) that the shipped Fandol
  face of the role lacks, cut from the Simplified Chinese face (mainland glyph forms) of the Noto CJK weight whose ink
  is closest to the Fandol face's (mean ink of 260 common characters: Fandol Fang 0.137, Noto
  Serif ExtraLight 0.159, Light 0.178; Fandol Song Bold 0.276, Noto Serif SemiBold 0.263, Bold
  0.309; Fandol Hei 0.301, Noto Sans Regular 0.278, Medium 0.343). Debian fonts-noto-cjk and
  fonts-noto-cjk-extra; OFL 1.1.
  - FangSupplement-Regular.otf (--noto-serif-extralight): for 仿宋 body text, with every CJK
    Unified Ideograph besides (rare name characters: 堃 喆 赟), so body text never needs the 楷
    supplement. No free 仿宋 has mainland traditional forms at Fandol Fang's weight; a thin 宋
    keeps the body's look.
  - SongSupplement-Bold.otf (--noto-serif-semibold): for 小标宋 titles, Big5 level 1 only
    (titles use common characters; the shipped program stays small).
  - HeiSupplement-Regular.otf (--noto-sans): for 黑体 headings, Big5 level 1 only.
  Noto's glyphs sit on the ideographic em box, 80 units above Fandol's: they are moved down by
  as much, so a supplied glyph stands on the same line as its neighbours.
  Each is renamed "Workreport ... Supplement" so no one takes a subset for the original face.
"""
import argparse
import os
import statistics
import subprocess

from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

FANDOL_FACES = ["FandolSong-Bold", "FandolFang-Regular", "FandolHei-Regular", "FandolKai-Regular"]
here = os.path.dirname(os.path.abspath(__file__))

# CJK punctuation a report may contain beside its characters: general punctuation, CJK symbols
# and punctuation, full-width forms.
PUNCTUATION = (set(range(0x2010, 0x205F)) | set(range(0x3000, 0x3040))
               | set(range(0xFF01, 0xFF66)))


def decodable(encoding, leads, trails, last=None):
    """The characters a double-byte encoding has in the given lead and trail byte ranges."""
    out = set()
    for hi in leads:
        for lo in trails:
            if last is not None and hi * 256 + lo > last:
                continue
            try:
                text = bytes([hi, lo]).decode(encoding)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                out.add(ord(text))
    return out


BIG5_TRAILS = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))
GB2312 = decodable("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))
BIG5 = decodable("big5", range(0x81, 0xFF), BIG5_TRAILS)
# Big5's symbols and its 5401 常用字 (level 1), A140-C67E.
BIG5_LEVEL1 = decodable("big5", range(0xA1, 0xC7), BIG5_TRAILS, last=0xC67E)

# CJK Unified Ideographs: personal and place names (堃 喆 昇 珺 赟) beyond the two charsets.
UNIFIED_IDEOGRAPHS = set(range(0x4E00, 0xA000))

REPORT_CHARS = GB2312 | BIG5 | PUNCTUATION
BODY_CHARS = REPORT_CHARS | UNIFIED_IDEOGRAPHS
COMMON_REPORT_CHARS = GB2312 | BIG5_LEVEL1 | PUNCTUATION


def cmap_of(path, number=0):
    return set(TTFont(path, fontNumber=number, lazy=True).getBestCmap())


def subset(source, number, wanted, out):
    subprocess.run(["pyftsubset", source, f"--font-number={number}",
                    "--unicodes=" + ",".join("U+%04X" % u for u in sorted(wanted)),
                    "--layout-features=", "--no-hinting", "--desubroutinize",
                    "--drop-tables+=vhea,vmtx,VORG", "--name-IDs=*",
                    "--output-file=" + out], check=True)


def rename(font, family, style):
    """Gives the font its own family name; copyright (0) and licence (13, 14) stay."""
    postscript = family.replace(" ", "") + "-" + style
    names = {1: family, 2: style, 3: f"{family} {style}", 4: f"{family} {style}",
             6: postscript, 16: family, 17: style}
    table = font["name"]
    for rec in list(table.names):
        if rec.nameID in names or rec.nameID in (21, 22, 25):
            table.removeNames(nameID=rec.nameID)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)


def median_box(font, codes):
    """Median width, height and centre (x, y) of the glyphs of `codes` in `font`."""
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    boxes = []
    for u in codes:
        pen = BoundsPen(glyphs)
        glyphs[cmap[u]].draw(pen)
        if pen.bounds:
            boxes.append(pen.bounds)
    med = statistics.median
    return (med(b[2] - b[0] for b in boxes), med(b[3] - b[1] for b in boxes),
            med((b[0] + b[2]) / 2 for b in boxes), med((b[1] + b[3]) / 2 for b in boxes))


def ideographs_in_both(a, b, limit=3000):
    return [u for u in sorted(set(a.getBestCmap()) & set(b.getBestCmap()))
            if 0x4E00 <= u <= 0x9FFF][:limit]


def shift_cff(font, dy):
    """Moves every glyph of a CFF font up by dy (advances unchanged)."""
    cff = font["CFF "].cff
    top = cff[cff.fontNames[0]]
    charstrings = top.CharStrings
    glyphs = font.getGlyphSet()
    hmtx = font["hmtx"]
    for name in font.getGlyphOrder():
        old = charstrings[name]
        private = old.private
        advance = hmtx[name][0]
        width = None if advance == private.defaultWidthX else advance - private.nominalWidthX
        pen = T2CharStringPen(width, glyphs)
        glyphs[name].draw(TransformPen(pen, (1, 0, 0, 1, 0, dy)))
        charstrings[name] = pen.getCharString(private=private, globalSubrs=old.globalSubrs)


def set_vertical_metrics(font, like):
    """Ascender and descender as the Fandol face states them."""
    for table, asc, desc in (("hhea", "ascent", "descent"), ("OS/2", "sTypoAscender", "sTypoDescender")):
        setattr(font[table], asc, getattr(like[table], asc))
        setattr(font[table], desc, getattr(like[table], desc))
    font["OS/2"].usWinAscent = like["OS/2"].usWinAscent
    font["OS/2"].usWinDescent = like["OS/2"].usWinDescent


def supplement(source, number, fandol_name, chars, out_name, family, style):
    fandol = TTFont(os.path.join(here, fandol_name))
    wanted = (chars - set(fandol.getBestCmap())) & cmap_of(source, number)
    out = os.path.join(here, out_name)
    subset(source, number, wanted, out)
    font = TTFont(out)
    original = TTFont(source, fontNumber=number)
    shared = ideographs_in_both(fandol, original)
    (fw, fh, _, fy) = median_box(fandol, shared)
    (ow, oh, _, oy) = median_box(original, shared)
    dy = round(fy - oy)
    shift_cff(font, dy)
    print(f"  moved {dy:+d} units (glyph boxes {fw / ow:.3f} x {fh / oh:.3f} of Fandol's)")
    set_vertical_metrics(font, fandol)
    rename(font, family, style)
    font.save(out)
    print(f"{out}: {len(wanted)} characters, {os.path.getsize(out)} bytes")


def kai_and_marks(fandol_dir, wenkai):
    common = None
    for face in FANDOL_FACES:
        cmap = cmap_of(os.path.join(fandol_dir, face + ".otf"))
        common = cmap if common is None else common & cmap
    wanted = [u for u in cmap_of(wenkai) if 0x4E00 <= u <= 0x9FFF and u not in common]
    out = os.path.join(here, "KaiSupplement-Regular.ttf")
    subprocess.run(["pyftsubset", wenkai, "--unicodes=" + ",".join("U+%04X" % u for u in sorted(wanted)),
                    "--layout-features=", "--no-hinting", "--name-IDs=*",
                    "--output-file=" + out], check=True)
    font = TTFont(out)
    rename(font, "Workreport Kai Supplement", "Regular")
    font.save(out)
    print(f"{out}: {len(wanted)} ideographs, {os.path.getsize(out)} bytes")

    marks = os.path.join(here, "FandolSong-Regular-Marks.otf")
    subprocess.run(["pyftsubset", os.path.join(fandol_dir, "FandolSong-Regular.otf"),
                    "--unicodes=U+0020-007E,U+00A0-00FF,U+2000-206F,U+3000-303F,U+FF00-FFEF",
                    "--layout-features=", "--name-IDs=*", "--output-file=" + marks], check=True)
    print(f"{marks}: {os.path.getsize(marks)} bytes")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--fandol", help="folder with the Fandol 0.3 .otf files")
    p.add_argument("--wenkai", help="LXGWWenKai-Light.ttf")
    p.add_argument("--noto-serif-extralight", help="NotoSerifCJK-ExtraLight.ttc")
    p.add_argument("--noto-serif-semibold", help="NotoSerifCJK-SemiBold.ttc")
    p.add_argument("--noto-sans", help="NotoSansCJK-Regular.ttc")
    args = p.parse_args()
    if args.fandol and args.wenkai:
        kai_and_marks(args.fandol, args.wenkai)
    # Noto CJK collections: face 2 is the Simplified Chinese one (SC), mainland glyph forms.
    if args.noto_serif_extralight:
        supplement(args.noto_serif_extralight, 2, "FandolFang-Regular.otf", BODY_CHARS,
                   "FangSupplement-Regular.otf", "Workreport Fang Supplement", "Regular")
    if args.noto_serif_semibold:
        supplement(args.noto_serif_semibold, 2, "FandolSong-Bold.otf", COMMON_REPORT_CHARS,
                   "SongSupplement-Bold.otf", "Workreport Song Supplement", "Bold")
    if args.noto_sans:
        supplement(args.noto_sans, 2, "FandolHei-Regular.otf", COMMON_REPORT_CHARS,
                   "HeiSupplement-Regular.otf", "Workreport Hei Supplement", "Regular")


if __name__ == "__main__":
    main()
