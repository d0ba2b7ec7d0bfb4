#!/usr/bin/env bash
# Runs target/dist/workreport.exe under Wine as a clerk would use it, and reads what it wrote
# back: the Chinese help; the sample built from a folder with a Chinese name (MD equal to the
# golden report, PDF and DOCX read back; with a Linux build given, its PDF byte for byte); every
# command with Chinese file and folder names; the double-click .bat; the official faces found
# under C:\windows\Fonts and the user's font folder and used in the PDF; a Windows path in double
# quotes refused with how to write it; an output open in another program named, nothing replaced;
# an output the clerk changed kept without --force.
#
# usage: scripts/wine_smoke.sh [LINUX_WORKREPORT]    (after scripts/dist.sh windows)
#
# Everything happens in a throwaway Wine prefix. Wine 8 lacks Windows 10's bcryptprimitives.dll,
# which the exe needs for random numbers; a stand-in (scripts/wine/bcryptprimitives.c) goes into
# that prefix only. Prints "N passed, N failed" and exits 1 on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
exe=$repo/target/dist/workreport.exe
linux=${1:+$(realpath "$1")}
[ -f "$exe" ] || { echo "wine_smoke.sh: $exe is missing: run scripts/dist.sh windows first" >&2; exit 2; }

need=()
command -v wine >/dev/null || need+=(wine wine64)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v unzip >/dev/null || need+=(unzip)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
python3 -c 'import docx' 2>/dev/null || python3 -m pip install -q --disable-pip-version-check python-docx

# Chinese arguments reach Windows through the Unix locale.
export LC_ALL=C.UTF-8 LANG=C.UTF-8
export WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES="mscoree,mshtml="
scratch=$(mktemp -d)
export WINEPREFIX=$scratch/prefix
cleanup() { wineserver -k 2>/dev/null || true; rm -rf "$scratch"; }
trap cleanup EXIT

wineboot -i >/dev/null 2>&1 || wine wineboot -i >/dev/null 2>&1
wineserver -w
x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  scripts/wine/bcryptprimitives.c -ladvapi32

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; [ -z "${2:-}" ] || printf '%s\n' "$2" | sed 's/^/     /'; }
# check NAME COMMAND...: the command's success is the check.
check() { local name=$1; shift; if out=$("$@" 2>&1); then ok "$name"; else bad "$name" "$out"; fi; }
# run ARGS...: the exe in the current folder, stdout and stderr into $out, status into $status.
run() { set +e; out=$(wine workreport.exe "$@" 2>&1 </dev/null); status=$?; set -e; }
has() { grep -qF -- "$2" <<<"$1"; }

# A clerk's folder with a Chinese name, the program put in it.
folder="$WINEPREFIX/drive_c/users/Public/青石镇 人大"
mkdir -p "$folder"
cp "$exe" "$folder/workreport.exe"
cp scripts/windows/生成报告.bat "$folder/"
cp sample-data/qingshi-2024.yaml "$folder/事实 2024.yaml"
cd "$folder"
win_folder='C:\users\Public\青石镇 人大'

run --help
[ "$status" = 0 ] && has "$out" "用法" && has "$out" "生成报告" && ok "--help prints the Chinese help" ||
  bad "--help prints the Chinese help" "$out"

# The sample, by an absolute Windows path, into a Chinese folder.
run build "$win_folder\\事实 2024.yaml" -o "输出 目录"
if [ "$status" = 0 ] && has "$out" "2024-annual.pdf"; then ok "build of the sample"; else bad "build of the sample" "$out"; fi
md="输出 目录/2024-annual.md" pdf="输出 目录/2024-annual.pdf" docx="输出 目录/2024-annual.docx"
# The report's body (after the front matter) is the golden report's.
body() { awk 'n >= 2; /^---$/ { n++ }' "$1"; }
check "the Markdown is the golden report" cmp <(body "$md") <(body "$repo/tests/golden/qingshi-2024-annual.md")
pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
pdf_text=$(pdftotext "$pdf" - 2>/dev/null | tr -d ' \n')
title=青石镇人民代表大会主席团工作报告
if [ "${pages:-0}" -ge 3 ] && has "$pdf_text" "$title" && has "$pdf_text" "各位代表" &&
  has "$pdf_text" "$(body "$md" | grep -m1 '^# ' | sed 's/^# //')"; then
  ok "the PDF reads back ($pages pages: title, salutation, headings)"
else
  bad "the PDF reads back" "pages=$pages"
fi
# Every paragraph of the Markdown's body is in the DOCX, after its title.
docx_check=$(python3 - "$docx" "$md" "$title" <<'EOF'
import re, sys, docx
paragraphs = [p.text for p in docx.Document(sys.argv[1]).paragraphs if p.text.strip()]
# The no-break joiners (U+200D) between a number and its unit steer Word's line breaking only.
text = "".join(paragraphs).replace(" ", "").replace("\u200d", "")
source = open(sys.argv[2], encoding="utf-8").read().split("\n---\n", 1)[1]
body = [re.sub(r"^#+ |[*_]", "", l).replace(" ", "") for l in source.splitlines() if l.strip()]
missing = [l[:12] for l in body if l[:12] not in text]
print(f"{len(paragraphs)} paragraphs, {len(body) - len(missing)} of {len(body)} Markdown paragraphs found")
sys.exit(1 if missing or sys.argv[3] not in text else 0)
EOF
) && ok "the DOCX reads back: $docx_check" || bad "the DOCX reads back" "$docx_check"
if [ -n "$linux" ]; then
  "$linux" build "$repo/sample-data/qingshi-2024.yaml" -o "$scratch/linux" >/dev/null
  check "the PDF is byte for byte the Linux build's" cmp "$pdf" "$scratch/linux/2024-annual.pdf"
  # The zip's own headers record the system that wrote it; every part inside is the same.
  mkdir -p "$scratch/docx-windows" "$scratch/docx-linux"
  (cd "$scratch/docx-windows" && unzip -q "$folder/$docx")
  (cd "$scratch/docx-linux" && unzip -q "$scratch/linux/2024-annual.docx")
  check "every part of the DOCX is byte for byte the Linux build's" diff -r "$scratch/docx-windows" "$scratch/docx-linux"
fi

# Every command with Chinese file and folder names, relative paths from the Chinese folder.
run init "新 事实.yaml"
[ "$status" = 0 ] && [ -f "新 事实.yaml" ] && ok "init writes a Chinese file name" || bad "init writes a Chinese file name" "$out"
run init "新 事实.yaml"
[ "$status" = 1 ] && has "$out" "已存在" && ok "init leaves an existing file alone" || bad "init leaves an existing file alone" "$out"
run check "新 事实.yaml"
[ "$status" = 0 ] && has "$out" "新 事实.yaml：未发现问题" && ok "check of a Chinese file name" || bad "check" "$out"
run stats "事实 2024.yaml"
[ "$status" = 0 ] && has "$out" "建议" && ok "stats of a Chinese file name" || bad "stats" "$out"
mkdir -p "我的 模板"
cp "$repo"/templates/*.tera "我的 模板/"
run build "事实 2024.yaml" --to md --templates "我的 模板" -o "模板 输出"
[ "$status" = 0 ] && cmp -s "模板 输出/2024-annual.md" "$md" && ok "build --templates from a Chinese folder" ||
  bad "build --templates from a Chinese folder" "$out"
run print "事实 2024.yaml" --copies 2 -o "印制 输出"
[ "$status" = 0 ] && ls "印制 输出"/*-印制-000001-000002.pdf >/dev/null 2>&1 && ok "print into a Chinese folder" ||
  bad "print into a Chinese folder" "$out"

# The double-click .bat: builds every facts file beside it into output\.
set +e; bat_out=$(wine cmd /c 生成报告.bat 2>&1 </dev/null); set -e
[ -f output/2024-annual.pdf ] && ok "生成报告.bat builds the facts files beside it" ||
  bad "生成报告.bat builds the facts files beside it" "$bat_out"

# A Windows path copied from Explorer, in double quotes: refused with how to write it.
sed 's/^年度: 2024$/年度: 2024\n字体:\n  仿宋: "D:\\字体\\x.ttf"/' "事实 2024.yaml" > "路径 错误.yaml"
run build "路径 错误.yaml" -o "错误 输出"
if [ "$status" = 1 ] && has "$out" "路径 错误.yaml:" && has "$out" "'D:\\字体\\x.ttf'" && has "$out" '"D:/字体/x.ttf"' &&
  [ ! -e "错误 输出" ]; then
  ok "a Windows path in double quotes is refused with how to write it"
else
  bad "a Windows path in double quotes is refused with how to write it" "$out"
fi

# The official faces: three under C:\windows\Fonts, 方正小标宋简体 in the user's own font folder.
cp "$repo"/tests/fixtures/windows-fonts/sim*.ttf "$WINEPREFIX/drive_c/windows/Fonts/"
user_dir=$(find "$WINEPREFIX/drive_c/users" -mindepth 1 -maxdepth 1 -type d ! -name Public | head -1)
user_fonts="$user_dir/AppData/Local/Microsoft/Windows/Fonts"
mkdir -p "$user_fonts"
cp "$repo/tests/fixtures/windows-fonts/FZXBSJW.TTF" "$user_fonts/"
run fonts
fonts_out=$out
if [ "$status" = 0 ] && has "$out" 'C:\windows\Fonts\simfang.ttf' && has "$out" 'C:\windows\Fonts\simkai.ttf' &&
  has "$out" 'C:\windows\Fonts\simhei.ttf' && has "$out" '\AppData\Local\Microsoft\Windows\Fonts\FZXBSJW.TTF'; then
  ok "fonts: the four official faces found under C:\\windows\\Fonts and the user's font folder"
else
  bad "fonts: the four official faces found" "$out"
fi
run build "事实 2024.yaml" --to pdf -o "官方 字体"
embedded=$(pdffonts "官方 字体/2024-annual.pdf" 2>/dev/null || true)
if [ "$status" = 0 ] && has "$embedded" "FangSong" && has "$embedded" "KaiTi" && has "$embedded" "SimHei" &&
  has "$embedded" "FZXBSJW"; then
  ok "the PDF is set in the installed official faces"
else
  bad "the PDF is set in the installed official faces" "$out
$embedded"
fi
# A profile whose AppData lives elsewhere (%LOCALAPPDATA% redirected, here to a Chinese folder).
redirected="$WINEPREFIX/drive_c/users/Public/本地 设置"
mkdir -p "$redirected/Microsoft/Windows/Fonts"
mv "$user_fonts/FZXBSJW.TTF" "$redirected/Microsoft/Windows/Fonts/"
set +e; out=$(WINEDEBUG=-all wine cmd /c "set LOCALAPPDATA=C:\\users\\Public\\本地 设置&& workreport.exe fonts" 2>&1 </dev/null); status=$?; set -e
[ "$status" = 0 ] && has "$out" '本地 设置\Microsoft\Windows\Fonts\FZXBSJW.TTF' &&
  ok "fonts: 方正小标宋简体 found under a redirected %LOCALAPPDATA%" ||
  bad "fonts: 方正小标宋简体 found under a redirected %LOCALAPPDATA%" "$out"

# An output open in Word: a program holds the DOCX as Word does (scripts/wine/hold_open.c).
# The previous Markdown and PDF are marked so that a replacement shows; marked, they are no
# longer the program's own files, so these builds take --force (which never replaces a file
# that is open).
x86_64-w64-mingw32-gcc -O2 -municode -o "$scratch/hold_open.exe" "$repo/scripts/wine/hold_open.c"
printf 'old report' > "$md"
printf 'old pdf' > "$pdf"
cp "$docx" "$scratch/docx.before"
wine "$scratch/hold_open.exe" "输出 目录\2024-annual.docx" 30 > "$scratch/holding" 2>&1 </dev/null &
holder=$!
for _ in $(seq 60); do grep -q holding "$scratch/holding" && break; sleep 0.5; done
run build "事实 2024.yaml" -o "输出 目录" --force
if [ "$status" = 3 ] && has "$out" '输出 目录\2024-annual.docx' && has "$out" "请先在 Word/WPS 或 PDF 阅读器中关闭" &&
  [ "$(cat "$md")" = "old report" ] && [ "$(cat "$pdf")" = "old pdf" ] && cmp -s "$docx" "$scratch/docx.before" &&
  [ "$(ls "输出 目录" | wc -l)" = 3 ]; then
  ok "a DOCX open in Word is named, exit 3, nothing of the set replaced"
else
  bad "a DOCX open in Word is named, exit 3, nothing of the set replaced" "status=$status $(cat "$scratch/holding")
$out"
fi
wineserver -k 2>/dev/null || true
wait "$holder" 2>/dev/null || true
# Without --force, the marked Markdown (a file the program did not write) is named and kept.
run build "事实 2024.yaml" -o "输出 目录"
[ "$status" = 1 ] && has "$out" '输出 目录\2024-annual.md' && has "$out" "--force" && [ "$(cat "$md")" = "old report" ] &&
  ok "an output the clerk changed is not written over without --force" ||
  bad "an output the clerk changed is not written over without --force" "status=$status $out"
run build "事实 2024.yaml" -o "输出 目录" --force
[ "$status" = 0 ] && [ "$(cat "$md")" != "old report" ] && ok "closed, the same build replaces the set" ||
  bad "closed, the same build replaces the set" "$out"

echo
echo "workreport fonts under Wine:"
sed 's/^/  /' <<<"$fonts_out"
echo
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
