#!/usr/bin/env bash
# The whole test suite in one command: installs the Debian packages the tests need (fonts for
# every script the exports render, PDF tools that check exports, a software renderer and Xvfb
# for the UI tests and the smoke test, D-Bus, the AT-SPI bus and pyatspi for the screen-reader
# test tests/atspi.rs), then runs `cargo test` and the real-window smoke test (scripts/smoke.sh).
#
#   scripts/test.sh                 # everything (what README and .ci/run use)
#   scripts/test.sh --test cli      # extra arguments go to `cargo test`; the smoke test is skipped
#   scripts/test.sh --setup         # only install the packages
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi

packages=(
  build-essential pkg-config ca-certificates
  fonts-noto-core fonts-noto-cjk
  poppler-utils qpdf
  libvulkan1 mesa-vulkan-drivers libegl1 libegl-mesa0 libgl1-mesa-dri
  libxkbcommon-x11-0 libxcursor1 libxrandr2 libxi6
  xvfb xauth xdotool imagemagick python3 git
  dbus at-spi2-core python3-pyatspi
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ "${1:-}" = "--setup" ]; then exit 0; fi

# egui and wgpu want a runtime folder; a private one keeps the tests off the user's session.
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"

cargo test --locked "$@"
if [ $# -eq 0 ]; then
  # The real window, driven as a person would: what is painted after a drag, Undo, Tab, F5, New.
  # It drives the editor `cargo test` has just built (its dependencies are optimised, see
  # Cargo.toml): a release build for it alone took CI a quarter of an hour.
  STACKPLAN_BIN="${STACKPLAN_BIN:-${CARGO_TARGET_DIR:-target}/debug/stackplan}" bash scripts/smoke.sh
fi
