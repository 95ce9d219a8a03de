#!/usr/bin/env bash
# Decoding speed: `mailflow ndr --json` over the whole corpus in one process versus Sisimai
# (Debian libsisimai-perl) decoding the same files to JSON. Prints hyperfine's table and the ratio.
# Usage: bash bench/ndr.sh [corpus-dir]   (default test/fixtures/ndr, the vendored corpus, or $MAILFLOW_NDR_CORPUS)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-${MAILFLOW_NDR_CORPUS:-test/fixtures/ndr}}
emails="$corpus/emails"
[ -d "$emails" ] || { echo "ndr.sh: no $emails" >&2; exit 3; }
command -v hyperfine >/dev/null || { echo "ndr.sh: hyperfine is not installed" >&2; exit 3; }
perl -MSisimai -e 1 2>/dev/null || { echo "ndr.sh: Sisimai is not installed (apt-get install libsisimai-perl)" >&2; exit 3; }
# Measure what users run: the esbuild bundle (bin/mailflow.js prefers it when it is the newest build).
npm run bundle >/dev/null

files=$(printf "%s " "$emails"/*.eml)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Exit code 3 (an ARF complaint is not a bounce) is expected for some files, hence -i.
hyperfine -N -i --warmup 2 --runs 20 --export-json "$out/ndr.json" \
  -n mailflow "node bin/mailflow.js ndr --json $files" \
  -n sisimai "perl -MSisimai -e 'print Sisimai->dump(\$_) // q(), qq(\\n) for @ARGV' $files"

node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results;
const get = (n) => r.find((x) => x.command === n);
const m = get("mailflow"), s = get("sisimai");
const cpu = (x) => (x.user + x.system) * 1000;
// Medians: one scheduling hiccup on a busy machine should not decide the comparison.
console.log(`wall (median): mailflow ${(m.median * 1000).toFixed(0)} ms, sisimai ${(s.median * 1000).toFixed(0)} ms -> mailflow is ${(s.median / m.median).toFixed(2)}x as fast`);
console.log(`cpu:  mailflow ${cpu(m).toFixed(0)} ms, sisimai ${cpu(s).toFixed(0)} ms -> mailflow is ${(cpu(s) / cpu(m)).toFixed(2)}x as fast`);
' "$out/ndr.json"

# Accuracy on the same corpus (needs the tsc build: npm run build).
if [ -f dist/bench/ndr-score.js ]; then node dist/bench/ndr-score.js "$corpus"; fi
