#!/usr/bin/env bash
# Screenshots of an xent HTML report at a desktop (1280 px) and a phone (390 px) width, and a check that the
# page does not scroll sideways at either width.
#
#   scripts/report_screenshot.sh REPORT.html [OUT_DIR]
#
# Writes OUT_DIR/report-1280.png and OUT_DIR/report-390.png (OUT_DIR defaults to the report's directory) and
# exits 1 when the page is wider than the viewport. Installs Debian's chromium when it is missing (needs root
# and Debian's package mirror; nothing else is fetched).
set -euo pipefail

report=${1:?usage: $0 REPORT.html [OUT_DIR]}
report=$(readlink -f "$report")
out=${2:-$(dirname "$report")}
mkdir -p "$out"

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "chromium is not installed; as root: apt-get install -y chromium" >&2
    exit 2
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run_chromium() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$(mktemp -d -p "$tmp")" "$@" 2>/dev/null
}

# Headless chromium lays --dump-dom pages out at least 500 px wide, so the width is measured in an iframe of
# the exact width; the report itself has no scripts. --allow-file-access-from-files lets the probe read the
# framed file:// page.
probe_for() {
  cat > "$tmp/probe-$1.html" <<HTML
<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="file://$report" width="$1" height="2000" style="border:0"
 onload="document.body.setAttribute('data-scroll-width', this.contentDocument.documentElement.scrollWidth)"></iframe>
</body></html>
HTML
  echo "$tmp/probe-$1.html"
}

status=0
for width in 1280 390; do
  png="$out/report-$width.png"
  run_chromium --screenshot="$png" --window-size="$width,2000" "file://$report" >/dev/null
  scroll=$(run_chromium --allow-file-access-from-files --virtual-time-budget=5000 --dump-dom \
    --window-size=1400,2000 "file://$(probe_for "$width")" \
    | sed -n 's/.*data-scroll-width="\([0-9]*\)".*/\1/p' | head -1)
  if [ -z "$scroll" ]; then
    echo "width $width: could not measure the page width" >&2
    status=1
  elif [ "$scroll" -gt "$width" ]; then
    echo "width $width: OVERFLOW, the page is $scroll px wide; screenshot $png" >&2
    status=1
  else
    echo "width $width: ok (page $scroll px wide); screenshot $png"
  fi
done
exit $status
