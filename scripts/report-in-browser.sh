#!/usr/bin/env bash
# Opens the HTML report in a real headless browser, as a reader would: a screenshot and a
# printed PDF at A4 and at Letter, from a journal filled with the demo's sample weeks.
# Installs Chromium from the distribution's packages if it is missing (needs apt-get and
# root); CI does not run this. The files land in target/report-check/ to look at.
#   scripts/report-in-browser.sh
set -euo pipefail
cd "$(dirname "$0")/.."

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "report-in-browser: installing chromium from the distribution's packages" >&2
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  browser=$(command -v chromium)
fi

cargo build --release --locked --quiet
target="${CARGO_TARGET_DIR:-$PWD/target}"
out="$target/report-check"
rm -rf "$out" && mkdir -p "$out"
db="$out/sample.db"
kindly="$target/release/kindly"
KINDLY_CONFIG=/dev/null "$kindly" --db "$db" demo --weeks 16 --fill-only
"$kindly" --db "$db" session add --note "ask about sleep since the move" >/dev/null
"$kindly" --db "$db" report --weeks 12 --format html -o "$out/report.html"

# The report stands alone: no scripts, nothing fetched from outside.
if grep -Eqi '<script|src="https?:|href="https?:|@import|url\(https?:' "$out/report.html"; then
  echo "report-in-browser: the report reaches outside itself or carries a script" >&2
  exit 1
fi

run() { "$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer "$@" 2>/dev/null; }
run --window-size=1000,1400 --screenshot="$out/report.png" "file://$out/report.html"
# The report leaves the paper to the printer; to see each size, print a copy that asks for it.
for paper in A4 letter; do
  sed "s/@page{/@page{size:$paper;/" "$out/report.html" >"$out/report-$paper.html"
  run --print-to-pdf="$out/report-$paper.pdf" "file://$out/report-$paper.html"
done

python3 - "$out" <<'EOF'
import pathlib, re, sys, zlib
out = pathlib.Path(sys.argv[1])
png = (out / "report.png").read_bytes()
assert png[:8] == b"\x89PNG\r\n\x1a\n", "the screenshot is not a PNG"
print(f"screenshot: {out / 'report.png'} ({len(png) // 1024} KiB)")
# Page width and height in points: A4 is 595 x 842, Letter 612 x 792.
want = {"A4": (595, 842), "letter": (612, 792)}
for paper, (w, h) in want.items():
    path = out / f"report-{paper}.pdf"
    pdf = path.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    boxes = {tuple(round(float(v)) for v in b) for b in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)}
    print(f"{paper}: {path}: {pages} pages, page size {sorted(boxes)} pt")
    assert pages >= 2, "the printed report should run to at least two pages"
    assert boxes == {(w, h)}, f"{paper} pages should be {w} x {h} pt"
EOF
