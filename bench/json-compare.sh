#!/usr/bin/env bash
# Runs the end-to-end suites of every command against the loopback test servers with
# MAILFLOW_JSON_LOG set (test/helpers/cli.ts logs each --json run), normalises what differs from
# run to run (ports, timings, temporary paths, message ids), and compares two builds' logs.
#
#   bench/json-compare.sh capture <worktree> <outdir>   build's logs → <outdir>/*.norm
#   bench/json-compare.sh diff <outdirA> <outdirB>      byte-for-byte comparison; exit 1 on a difference
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
case "${1:-}" in
  capture)
    tree=$(cd "$2" && pwd); out=$(mkdir -p "$3" && cd "$3" && pwd)
    rm -f "$out"/*.jsonl "$out"/*.norm
    suites=${SUITES:-"test/check/ test/mx/ test/probe/ test/ehlo/ test/relay/ test/send/ test/ndr/ test/headers/ test/logs/ test/blocklist/ test/dns/nsd test/dns/names"}
    # shellcheck disable=SC2086
    (cd "$tree" && MAILFLOW_JSON_LOG="$out" node test/run.mjs $suites >"$out/tests.log" 2>&1) || echo "some tests failed (see $out/tests.log)"
    echo "$tree" >"$out/tree"
    for f in "$out"/*.jsonl; do node "$here/json-normalise.mjs" "$tree" <"$f" >"${f%.jsonl}.norm"; done
    echo "captured $(cat "$out"/*.jsonl | wc -l) JSON runs in $(ls "$out"/*.norm | wc -l) files"
    ;;
  renormalise)
    for f in "$2"/*.jsonl; do node "$here/json-normalise.mjs" "$(cat "$2/tree" 2>/dev/null)" <"$f" >"${f%.jsonl}.norm"; done
    ;;
  diff)
    status=0
    for f in "$2"/*.norm; do
      g="$3/$(basename "$f")"
      if [ ! -f "$g" ]; then echo "missing in $3: $(basename "$f")"; status=1; continue; fi
      if cmp -s "$f" "$g"; then echo "same: $(basename "$f" .norm) ($(wc -l <"$f") runs)"; else echo "DIFFERENT: $(basename "$f" .norm)"; diff "$f" "$g" | cut -c1-400 | head -20 || true; status=1; fi
    done
    exit $status
    ;;
  *) echo "usage: $0 capture <worktree> <outdir> | renormalise <outdir> | diff <outdirA> <outdirB>" >&2; exit 3 ;;
esac
