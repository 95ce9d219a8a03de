# Shared helpers for the bench scripts: run hyperfine quietly into JSON, print ratios.
BENCH_OUT=${BENCH_OUT:-$(mktemp -d)}

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "bench: $1 is not installed (run .ci/install-deps)" >&2; exit 3; }
}
need hyperfine

# NODE_EXTRA_CA_CERTS (set on some machines, e.g. these sandboxes, to a CA bundle) makes every
# Node process parse that bundle before running a line of JavaScript: measured here at about
# 50 ms, twice Node's own start-up. It is a property of the machine, not of mailflow, and dig,
# swaks and Sisimai do not read it; timed runs use the environment people normally have. Its
# cost is printed once so nobody mistakes this for a faster machine.
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -z "${BENCH_EXTRA_CA_NOTED:-}" ]; then
  export BENCH_EXTRA_CA_NOTED=1
  hyperfine -N --style none --warmup 3 --runs 20 --export-json "$BENCH_OUT/extra-ca.json" \
    -n with 'node -e 0' -n without 'env -u NODE_EXTRA_CA_CERTS node -e 0' >/dev/null 2>&1 || true
  extra=$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results;
      console.log(((r[0].mean - r[1].mean) * 1000).toFixed(0));' "$BENCH_OUT/extra-ca.json" 2>/dev/null || echo '?')
  echo "note: NODE_EXTRA_CA_CERTS is set; it adds ${extra} ms to every Node start here. Timed runs unset it."
fi
unset NODE_EXTRA_CA_CERTS

# hyperfine_json <name> <hyperfine args...>: results land in $BENCH_OUT/<name>.json
hyperfine_json() {
  local name=$1
  shift
  # -i: a command's exit code is its verdict (e.g. 2 = fail), not a benchmark error.
  hyperfine --style none -i --export-json "$BENCH_OUT/$name.json" "$@" 2>&1 >/dev/null |
    grep -v -e 'Statistical outliers' -e 'quiet PC' -e 'non-zero exit code' -e '^ *$' >&2 || true
}

# ratio <name> <command-a> <command-b>: prints "a / b = x.xx" from mean times.
ratio() {
  node -e '
    const [file, a, b] = process.argv.slice(1);
    const r = JSON.parse(require("fs").readFileSync(file, "utf8")).results;
    const get = (n) => r.find((x) => x.command === n);
    const [ra, rb] = [get(a), get(b)];
    const x = ra.mean / rb.mean;
    const verdict = x < 1 ? `${a} is ${(1 / x).toFixed(2)}x faster than ${b}` : `${a} takes ${x.toFixed(2)}x the time of ${b}`;
    console.log(`  ${a} / ${b} = ${x.toFixed(2)}  (${verdict})`);
  ' "$BENCH_OUT/$1.json" "$2" "$3"
}
