#!/usr/bin/env bash
# Starts Chromium full-screen as a kiosk on a station's touchscreen.
#   deploy/kiosk-launch.sh https://hub.example.org/?station=南溪社区e站&idle=90&lang=zh-CN
# Run it from the station user's session autostart (see README, "Deploy on a station").
set -euo pipefail

URL="${1:-${KEPU_KIOSK_URL:-http://localhost:8080/}}"
PROFILE="${KEPU_KIOSK_PROFILE:-$HOME/.local/share/kepu-kiosk}"
BROWSER="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$BROWSER" ]; then
  echo "No Chromium found: install it with 'sudo apt-get install -y chromium fonts-noto-cjk'." >&2
  exit 1
fi
mkdir -p "$PROFILE"

args=(
  --kiosk "$URL"
  --user-data-dir="$PROFILE"
  --noerrdialogs
  --disable-infobars
  --no-first-run
  --disable-translate
  --disable-features=TranslateUI,OverscrollHistoryNavigation
  --overscroll-history-navigation=0
  --disable-pinch
  --disable-session-crashed-bubble
  --check-for-update-interval=31536000
  --autoplay-policy=no-user-gesture-required
)
# A hub on a closed network without HTTPS: let Chromium treat it as secure (service worker,
# WebCrypto). Prefer real HTTPS; see README.
if [ -n "${KEPU_INSECURE_ORIGIN:-}" ]; then
  args+=(--unsafely-treat-insecure-origin-as-secure="$KEPU_INSECURE_ORIGIN")
fi

# Restart the browser if it ever exits, so the station never shows a desktop.
while true; do
  "$BROWSER" "${args[@]}" || true
  sleep 2
done
