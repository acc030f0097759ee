#!/usr/bin/env bash
# Builds the editor, runs it under Xvfb on the bundled example plan and saves a screenshot
# to docs/editor.png. Needs: xvfb, xauth, xdotool, imagemagick (import), mesa (EGL or
# lavapipe).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/editor.png}
size=${SIZE:-1440x900}
display=${DISPLAY_NUMBER:-:97}

cargo build --quiet --bin stackplan
bin=${CARGO_TARGET_DIR:-target}/debug/stackplan

runtime=$(mktemp -d)
data=$(mktemp -d)
cleanup() {
    [[ -n "${app:-}" ]] && kill "$app" 2>/dev/null || true
    [[ -n "${xvfb:-}" ]] && kill "$xvfb" 2>/dev/null || true
    rm -rf "$runtime" "$data"
}
trap cleanup EXIT

Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
# A fresh data folder: no recovery dialog, no recent files from this machine.
DISPLAY=$display XDG_RUNTIME_DIR=$runtime XDG_DATA_HOME=$data "$bin" ${PLAN:+"$PLAN"} &
app=$!
sleep "${WAIT_SECONDS:-8}"
DISPLAY=$display xdotool mousemove 5 5 2>/dev/null || true
sleep 1
if ! kill -0 "$app" 2>/dev/null; then
    echo "screenshot: the editor exited early" >&2
    exit 1
fi
mkdir -p "$(dirname "$out")"
# The window itself (without a window manager it does not fill the screen).
window=$(DISPLAY=$display xdotool search --name "Stackplan" 2>/dev/null | head -1 || true)
DISPLAY=$display import -window "${window:-root}" "$out"
echo "screenshot: wrote $out"
