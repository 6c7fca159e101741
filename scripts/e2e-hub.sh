#!/usr/bin/env bash
# The hub the browser tests run against: a fresh data folder each run, the built kiosk,
# the real content, and a known demo admin password so tests can sign in.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="$(mktemp -d "${TMPDIR:-/tmp}/kepu-e2e-XXXXXX")"
trap 'rm -rf "$DATA"' EXIT
export KEPU_DATA_DIR="$DATA"
export KEPU_WEB_DIR="${KEPU_OUT_DIR:-dist}"
export KEPU_DEMO_ADMIN_PASSWORD="${KEPU_DEMO_ADMIN_PASSWORD:-e2e-admin-password}"
export LOG_LEVEL="${LOG_LEVEL:-warn}"
# Browser tests sign in many times a minute from one address; a real hub keeps the default 10.
export KEPU_AUTH_ATTEMPTS_PER_MINUTE="${KEPU_AUTH_ATTEMPTS_PER_MINUTE:-600}"
# Alerts are judged every 2 s (60 s by default), so a browser test sees one without waiting a minute.
export KEPU_ALERT_CHECK_SECONDS="${KEPU_ALERT_CHECK_SECONDS:-2}"
npx tsx src/hub/main.ts
