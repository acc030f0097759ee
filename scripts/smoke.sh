#!/usr/bin/env bash
# Smoke test of the real editor window: runs the app (release, or STACKPLAN_BIN: the test
# command passes the debug build `cargo test` made) under Xvfb at 1600x1000 on the
# example plan, drives it with xdotool as a person would (hover, press, drag in small steps,
# release, move away) and checks the screenshots, not the document:
#   1. a dragged bar is painted at its new place, and back at the old one after Undo;
#   2. Tab x80 through the items does not widen the right panel;
#   3. F5 shows the presentation and Esc brings the editor back as it was;
#   4. the triangle before the Compute lane's name collapses it to one row and expands it;
#   5. File -> New (Ctrl+N) leaves no bar of the old plan on the canvas.
# Needs xvfb, xauth, xdotool, imagemagick (import) and python3. Screenshots stay in
# $SMOKE_DIR (default: a temporary folder, printed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."

display=${DISPLAY_NUMBER:-:93}
shots=${SMOKE_DIR:-$(mktemp -d)}
mkdir -p "$shots"
compute=3B82F6   # the compute layer's colour in the example plan
check() { python3 scripts/smoke_check.py "$@"; }

# STACKPLAN_BIN runs another build (e.g. target/debug/stackplan) instead of the release one.
bin=${STACKPLAN_BIN:-}
if [[ -z "$bin" ]]; then
    cargo build --release --locked --quiet --bin stackplan
    bin=${CARGO_TARGET_DIR:-target}/release/stackplan
fi

runtime=$(mktemp -d)
data=$(mktemp -d)
cleanup() {
    [[ -n "${app:-}" ]] && kill "$app" 2>/dev/null || true
    [[ -n "${xvfb:-}" ]] && kill "$xvfb" 2>/dev/null || true
    rm -rf "$runtime" "$data"
}
trap cleanup EXIT
chmod 700 "$runtime"

Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
# Wait for the X server's socket (a loaded machine takes more than a second to start it).
for _ in $(seq 40); do
    [[ -S "/tmp/.X11-unix/X${display#:}" ]] && break
    sleep 0.5
done
[[ -S "/tmp/.X11-unix/X${display#:}" ]] || { echo "smoke: Xvfb did not start on $display" >&2; exit 1; }
export DISPLAY=$display
XDG_RUNTIME_DIR=$runtime XDG_DATA_HOME=$data "$bin" roadmaps/sovereign-stack-2035.ron \
    >"$shots/app.log" 2>&1 &
app=$!

window=""
for _ in $(seq 60); do
    window=$(xdotool search --name "Stackplan" 2>/dev/null | head -1 || true)
    [[ -n "$window" ]] && break
    sleep 0.5
done
[[ -n "$window" ]] || { echo "smoke: the editor window did not appear" >&2; exit 1; }
xdotool windowsize "$window" 1600 1000
sleep 4

failures=0
passes=0
pass() { echo "smoke: ok   - $*"; passes=$((passes + 1)); }
fail() { echo "smoke: FAIL - $*"; failures=$((failures + 1)); }
away() { xdotool mousemove 1590 995; sleep 1.2; }
shot() { away; import -window "$window" -depth 8 "$shots/$1.ppm"; }
# Without a window manager nothing gives the window the keyboard: focus it before each key.
key() { xdotool mousemove 900 400 windowfocus "$window"; sleep 0.3; xdotool key "$@"; sleep 0.8; }

# 1. Drag a compute bar 100 px right in small steps; it must be painted there at once.
shot start
read -r x0 x1 y0 y1 < <(check pick-bar "$shots/start.ppm" $compute)
echo "smoke: dragging the compute bar at x=$x0..$x1, y=$y0..$y1"
grab=$(((x0 + x1) / 2))
y=$(((y0 + y1) / 2))
# Whether a compute bar starts at x = want (+-tolerance) within `rows` pixels of the bar's row.
painted_at() {
    local shot=$1 want=$2 tolerance=$3 rows=$4 corner x top
    for corner in $(check starts "$shots/$shot.ppm" $compute); do
        x=${corner%,*} top=${corner#*,}
        (( x >= want - tolerance && x <= want + tolerance && top >= y0 - rows && top <= y0 + rows )) && return 0
    done
    return 1
}
# Hover first (the item's widget exists only under the pointer), then press.
xdotool mousemove $((grab - 10)) "$y"; sleep 0.3
xdotool mousemove "$grab" "$y"; sleep 1.5
xdotool mousedown 1; sleep 0.3
for step in $(seq 1 20); do
    xdotool mousemove $((grab + step * 5)) "$y"; sleep 0.05
done
sleep 0.3
xdotool mouseup 1; sleep 0.3
shot dragged
# The ruler along the top must not move: a panned chart would also move the bar.
ruler=$(check same "$shots/start.ppm" "$shots/dragged.ppm" 560 22 1280 48)
if python3 -c "import sys; sys.exit(0 if $ruler < 0.97 else 1)"; then
    fail "the time ruler moved ($ruler of it unchanged): the chart panned instead of the bar moving"
elif painted_at dragged $((x0 + 100)) 50 150 && ! painted_at dragged "$x0" 3 2; then
    pass "dragged bar painted at its new place, not at the old one; the ruler stays ($ruler)"
else
    fail "dragged bar: compute bars start at $(check starts "$shots/dragged.ppm" $compute), expected one at about x=$((x0 + 100)) and none at x=$x0,y=$y0"
fi

key ctrl+z
shot undone
if painted_at undone "$x0" 3 2; then
    pass "Undo paints the bar back at its old place (x=$x0)"
else
    fail "after Undo compute bars start at $(check starts "$shots/undone.ppm" $compute), expected one at x=$x0,y=$y0"
fi

# 2. Select a bar, Tab through 80 items: the right panel keeps its width.
edge_before=$(check panel-edge "$shots/undone.ppm")
xdotool mousemove "$grab" "$y"; sleep 0.4; xdotool click 1; sleep 0.5
xdotool windowfocus "$window"; sleep 0.3
for _ in $(seq 80); do xdotool key Tab; sleep 0.05; done
shot tabbed
edge_after=$(check panel-edge "$shots/tabbed.ppm")
if (( edge_before > 0 && edge_after == edge_before )); then
    pass "Tab x80 keeps the right panel's edge (x=$edge_before -> $edge_after)"
else
    fail "Tab x80 moved the right panel's edge from x=$edge_before to x=$edge_after"
fi
key Escape

# 3. F5 presents, Esc returns to the editor as it was.
shot before-present
key F5
sleep 1
shot presenting
share=$(check same "$shots/before-present.ppm" "$shots/presenting.ppm")
if python3 -c "import sys; sys.exit(0 if $share < 0.5 else 1)"; then
    pass "F5 shows the presentation ($share of pixels unchanged)"
else
    fail "F5: $share of pixels unchanged, the presentation did not appear"
fi
key Escape
sleep 1
shot after-present
share=$(check same "$shots/before-present.ppm" "$shots/after-present.ppm")
if python3 -c "import sys; sys.exit(0 if $share > 0.9 else 1)"; then
    pass "Esc returns to the editor as it was ($share of pixels unchanged)"
else
    fail "Esc: only $share of pixels as before the presentation"
fi

# 4. The triangle before a lane's name collapses the lane to one summary row and back.
# Tab scrolled the canvas to the item it reached: scroll back up with the wheel, as a person
# would, until the first lanes show.
xdotool mousemove 800 400; sleep 0.3
for _ in $(seq 15); do xdotool click 4; sleep 0.05; done
xdotool mousemove 800 420; sleep 1
shot before-collapse
read -r sx stop sbottom < <(check strip "$shots/before-collapse.ppm" $compute)
bars_in_lane() { check count "$shots/$1.ppm" $compute $((sx + 140)) "$stop" 1300 "$sbottom"; }
toggle_lane() {
    xdotool mousemove $((sx + 9)) $((stop + 12)); sleep 0.3
    xdotool mousemove $((sx + 13)) $((stop + 12)); sleep 0.6
    xdotool mousedown 1; sleep 0.2; xdotool mouseup 1; sleep 1.5
}
toggle_lane
shot collapsed
read -r _ ctop cbottom < <(check strip "$shots/collapsed.ppm" $compute)
open_px=$(bars_in_lane before-collapse)
if (( cbottom - ctop < (sbottom - stop) / 2 && ctop == stop )); then
    pass "collapse: the Compute lane is $((sbottom - stop)) px tall, then $((cbottom - ctop)) px"
else
    fail "collapse: the Compute lane was $stop..$sbottom, then $ctop..$cbottom"
fi
toggle_lane
shot expanded
read -r _ etop ebottom < <(check strip "$shots/expanded.ppm" $compute)
if (( etop == stop && ebottom == sbottom )) && (( $(bars_in_lane expanded) * 10 >= open_px * 9 )); then
    pass "expand: the Compute lane is $((ebottom - etop)) px tall again, its bars drawn"
else
    fail "expand: the Compute lane is $etop..$ebottom (was $stop..$sbottom), $(bars_in_lane expanded) of $open_px bar pixels"
fi

# 5. Ctrl+N: the canvas shows the new, empty plan at once.
key ctrl+n
sleep 0.5
shot new
left=$(check count "$shots/new.ppm" $compute 400 60 1300 900)
if (( left < 50 )); then
    pass "New: no compute bar of the old plan left on screen ($left pixels)"
else
    fail "New: $left compute-coloured pixels of the old plan still painted"
fi

if ! kill -0 "$app" 2>/dev/null; then fail "the editor exited"; fi
echo "smoke: screenshots in $shots"
echo "smoke: $passes passed, $failures failed"
(( failures == 0 ))
