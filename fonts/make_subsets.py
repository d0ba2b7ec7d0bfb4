#!/usr/bin/env python3
"""Builds the two subset fonts shipped in fonts/ (run once at dev time; needs fonttools).

Usage: python3 fonts/make_subsets.py FANDOL_DIR WENKAI_TTF
  e.g. python3 fonts/make_subsets.py /tmp/fandol /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Light.ttf

- KaiSupplement-Regular.ttf: the CJK Unified Ideographs (U+4E00-U+9FFF) that LXGW WenKai Light (the
  weight closest to the thin strokes of 仿宋) has and
  that at least one shipped Fandol face lacks (personal-name characters such as 堃 喆 昇 珺 赟).
  Renamed "Workreport Kai Supplement": "LXGW" and "霞鹜" are Reserved Font Names under the OFL, and
  a subset is a Modified Version.
- FandolSong-Regular-Marks.otf: FandolSong Regular cut to Latin, punctuation and full-width forms,
  enough for page numbers and the copy number (宋体's only jobs in a report).
"""
import os
import subprocess
import sys

from fontTools.ttLib import TTFont

FANDOL_FACES = ["FandolSong-Bold", "FandolFang-Regular", "FandolHei-Regular", "FandolKai-Regular"]
here = os.path.dirname(os.path.abspath(__file__))


def main(fandol_dir, wenkai):
    common = None
    for face in FANDOL_FACES:
        cmap = set(TTFont(os.path.join(fandol_dir, face + ".otf"), lazy=True).getBestCmap())
        common = cmap if common is None else common & cmap
    wenkai_cmap = TTFont(wenkai, lazy=True).getBestCmap()
    wanted = sorted(u for u in wenkai_cmap if 0x4E00 <= u <= 0x9FFF and u not in common)
    unicodes = ",".join("U+%04X" % u for u in wanted)
    out = os.path.join(here, "KaiSupplement-Regular.ttf")
    subprocess.run(["pyftsubset", wenkai, "--unicodes=" + unicodes, "--layout-features=",
                    "--no-hinting", "--name-IDs=*", "--output-file=" + out], check=True)
    font = TTFont(out)
    names = {1: "Workreport Kai Supplement", 2: "Regular", 3: "Workreport Kai Supplement Regular",
             4: "Workreport Kai Supplement Regular", 6: "WorkreportKaiSupplement-Regular",
             16: "Workreport Kai Supplement", 17: "Regular"}
    table = font["name"]
    for rec in list(table.names):
        if rec.nameID in names or rec.nameID in (16, 17, 21, 22):
            table.removeNames(nameID=rec.nameID)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
    font.save(out)
    print(f"{out}: {len(wanted)} ideographs, {os.path.getsize(out)} bytes")

    marks = os.path.join(here, "FandolSong-Regular-Marks.otf")
    subprocess.run(["pyftsubset", os.path.join(fandol_dir, "FandolSong-Regular.otf"),
                    "--unicodes=U+0020-007E,U+00A0-00FF,U+2000-206F,U+3000-303F,U+FF00-FFEF",
                    "--layout-features=", "--name-IDs=*", "--output-file=" + marks], check=True)
    print(f"{marks}: {os.path.getsize(marks)} bytes")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
