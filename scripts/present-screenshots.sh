#!/usr/bin/env bash
# Runs the editor under Xvfb on the bundled example plan, presents it (F5), steps with the
# keys and opens the presenter window (P), saving docs/present-overview.png,
# docs/present-milestone.png, docs/present-summary.png, docs/present-sovereignty.png and
# docs/present-presenter.png, with the
# main window at 1600x1000 (a projector). Needs: xvfb, xauth, xdotool,
# imagemagick (import), mesa (EGL or lavapipe).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-docs}
display=${DISPLAY_NUMBER:-:96}

cargo build --quiet --bin stackplan
bin=target/debug/stackplan

runtime=$(mktemp -d)
data=$(mktemp -d)
cleanup() {
    [[ -n "${app:-}" ]] && kill "$app" 2>/dev/null || true
    [[ -n "${xvfb:-}" ]] && kill "$xvfb" 2>/dev/null || true
    rm -rf "$runtime" "$data"
}
trap cleanup EXIT

Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
export DISPLAY=$display
XDG_RUNTIME_DIR=$runtime XDG_DATA_HOME=$data "$bin" &
app=$!
sleep "${WAIT_SECONDS:-8}"
main=$(xdotool search --sync --name "Stackplan" | head -1)
# No window manager: give the window the keyboard and move the pointer out of the way.
xdotool windowsize "$main" 1600 1000
sleep 4
# No window manager: give the window the keyboard before each key.
key() {
    xdotool windowfocus "$main"
    xdotool mousemove 700 900
    sleep 0.3
    xdotool key "$1"
    sleep "${2:-1.5}"
}
mkdir -p "$out"
key F5 5
import -window "$main" "$out/present-overview.png"
key Right
key n
import -window "$main" "$out/present-milestone.png"
key n 0.5
key End
import -window "$main" "$out/present-summary.png"
key Left
import -window "$main" "$out/present-sovereignty.png"
key Home 0.5
key Right
key p 3
presenter=$(xdotool search --name "presenter" | head -1)
import -window "$presenter" "$out/present-presenter.png"
echo "present-screenshots: wrote $out/present-{overview,milestone,summary,sovereignty,presenter}.png"
