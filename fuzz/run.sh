#!/usr/bin/env bash
# Runs the fuzz targets, each for a bounded time, seeded from the example and broken plans.
#
#   fuzz/run.sh                 # every target, 60 s each (what .ci/run does)
#   fuzz/run.sh 3600 load       # one target for an hour
#
# Needs the nightly toolchain and cargo-fuzz (`rustup toolchain install nightly`,
# `cargo install cargo-fuzz`). A crash leaves its input in fuzz/artifacts/TARGET/; copy it to
# tests/fuzz-regressions/ so `cargo test --test hostile` keeps checking it.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi

for target in "${targets[@]}"; do
    corpus="fuzz/corpus/$target"
    mkdir -p "$corpus"
    case "$target" in
        import_*) seeds=(tests/import/*.xml tests/import/*.gan tests/import/*.xlsx tests/import/*.csv) ;;
        *) seeds=(roadmaps/*.ron tests/broken/*.ron) ;;
    esac
    cp "${seeds[@]}" tests/fuzz-regressions/* "$corpus/" 2>/dev/null || true
    echo "fuzzing $target for ${seconds}s"
    cargo +nightly fuzz run "$target" "$corpus" -- \
        -max_total_time="$seconds" -dict=fuzz/ron.dict -max_len=65536 \
        -timeout=30 -rss_limit_mb=2048 -print_final_stats=1
done
