#!/usr/bin/env bash
# mailflow mx --file vs dig -f: N (default 1,000) distinct domains' MX questions against one NSD.
#
# Headline: where users are, a resolver across a network. A relay (bench/dns-delay.ts) in front
# of NSD adds 1 ms, and another 10 ms, to every answer. mailflow runs as people run it, PTR checks
# on (MX + PTR per domain; the exchanger's addresses come in the MX answer's additional section),
# against `dig -f` asking only the N MX questions. Targets: mailflow at least 1.5x faster than
# dig at 1 ms, and at least 5x at 10 ms; the script says whether each is met.
#
# Then NSD directly on loopback, where dig's C start-up wins: the ratio that counts there is at
# equal questions (mailflow against dig -f asking mailflow's own 2N questions, dig-same-work), and
# the target is within 1.5x. Also printed for context:
#   mailflow-no-ptr   --no-ptr: exactly dig's N MX questions
#   node-floor        bench/dns-floor.ts: Node start-up plus sending the same questions and
#                     counting replies, nothing else; the least any Node tool can take
#   mailflow-1-domain mailflow's start-up and one lookup
# Needs `npm run build` (tsc + bundle) first. RUNS (default 10) sets the runs per command,
# RUNS_SLOW (default 3) those at 10 ms, where dig takes seconds per run.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
need dig
need nsd

N=${DOMAINS:-1000}

# means <name>: each command's mean time, so the ratios can be read against absolute numbers.
means() {
  node -e '
    for (const r of JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results)
      console.log(`  ${r.command.padEnd(16)} ${(r.mean * 1000).toFixed(0).padStart(6)} ms ± ${(r.stddev * 1000).toFixed(0)} ms`);
  ' "$BENCH_OUT/$1.json"
}
WORK=$(mktemp -d)
NSD_PID=
cleanup() {
  # `wait` reports the killed child's status (143); under set -e that would end the trap early.
  set +e
  for pid in $RELAY_PIDS $NSD_PID; do
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

bash bench/mx-zones.sh "$N" "$WORK"
PORT=$(node -e '
  const s = require("dgram").createSocket("udp4");
  s.bind(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
cat > "$WORK/nsd.conf" <<CONF
server:
  ip-address: 127.0.0.1@$PORT
  port: $PORT
  username: ""
  chroot: ""
  database: ""
  zonesdir: "$WORK"
  pidfile: "$WORK/nsd.pid"
  logfile: "$WORK/nsd.log"
  xfrdfile: "$WORK/xfrd.state"
  zonelistfile: "$WORK/zone.list"
  xfrdir: "$WORK"
  server-count: 1
  verbosity: 0
  # Response rate limiting would throttle the burst of NODATA (AAAA) answers mailflow asks for.
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
remote-control:
  control-enable: no
zone:
  name: bench.test
  zonefile: bench.test.zone
zone:
  name: 1.127.in-addr.arpa
  zonefile: reverse.zone
CONF
nsd -d -c "$WORK/nsd.conf" >"$WORK/nsd.out" 2>&1 &
NSD_PID=$!
for _ in $(seq 1 100); do
  dig +short +tries=1 +time=1 @127.0.0.1 -p "$PORT" bench.test SOA >/dev/null 2>&1 && break
  sleep 0.1
done
dig +short @127.0.0.1 -p "$PORT" d0001.bench.test MX | grep -q . || { echo "bench: NSD did not start" >&2; cat "$WORK/nsd.out" >&2; exit 3; }

# relay <delay-ms>: starts a relay adding that delay to every answer (in this shell, so that
# cleanup knows its pid); its port lands in $WORK/relay-<delay>.port.
RELAY_PIDS=
relay() {
  node dist/bench/dns-delay.js "$PORT" "$1" >"$WORK/relay-$1.port" &
  RELAY_PIDS="$RELAY_PIDS $!"
  for _ in $(seq 1 50); do [ -s "$WORK/relay-$1.port" ] && break; sleep 0.1; done
}
relay 1
relay 10
RELAY1=$(cat "$WORK/relay-1.port")
RELAY10=$(cat "$WORK/relay-10.port")

# bin/mailflow.js runs whichever build is newer; timing tsc's many files instead of the bundle
# would measure module loading, not mailflow.
if [ dist/src/cli/main.js -nt dist/bundle/main.js ]; then
  echo "bench: dist/bundle is older than tsc's output; run npm run build" >&2
  exit 3
fi

# Sanity: mailflow answers every domain (one JSON line each) before timing anything, and says
# (-v) how many questions it asked.
node bin/mailflow.js mx --json -v --dns "127.0.0.1:$PORT" --file "$WORK/domains.txt" >"$WORK/out.json" 2>"$WORK/err.txt" || true
lines=$(wc -l <"$WORK/out.json")
[ "$lines" -eq "$N" ] || { echo "bench: mailflow printed $lines results for $N domains" >&2; exit 3; }
asked=$(grep -o '[0-9]* DNS questions' "$WORK/err.txt" | cut -d' ' -f1)
head -1 "$WORK/domains.txt" >"$WORK/one.txt"
# The floor must really run (hyperfine -i would time a failing one too).
node dist/bench/dns-floor.js "$PORT" "$WORK/dig-same-work.txt" || { echo "bench: dns-floor failed" >&2; exit 3; }

# target <name> <faster> <slower> <min-ratio>: how many times faster, and whether that meets the target.
target() {
  node -e '
    const [file, a, b, min] = process.argv.slice(1);
    const r = JSON.parse(require("fs").readFileSync(file, "utf8")).results;
    const t = (n) => r.find((x) => x.command === n).mean;
    const x = t(b) / t(a);
    console.log(`  TARGET ${a} at least ${min}x faster than ${b}: ${x.toFixed(2)}x, ${x >= Number(min) ? "met" : "NOT MET"}`);
  ' "$BENCH_OUT/$1.json" "$2" "$3" "$4"
}

echo "== mx: $N distinct domains, PTR checks on, NSD behind 1 ms of network delay ($(uptime | sed 's/.*load/load/'))"
echo "   questions sent: mailflow $asked (MX + PTR per domain; A/AAAA from the MX answer), dig $(wc -l <"$WORK/dig.txt") (MX only)"
hyperfine_json mx-1ms --warmup 1 --runs "${RUNS:-10}" \
  -n mailflow "node bin/mailflow.js mx --json --dns 127.0.0.1:$RELAY1 --file $WORK/domains.txt" \
  -n dig "dig @127.0.0.1 -p $RELAY1 +tries=1 +noall +answer -f $WORK/dig.txt" \
  -n dig-same-work "dig @127.0.0.1 -p $RELAY1 +tries=1 +noall +answer -f $WORK/dig-same-work.txt"
means mx-1ms
target mx-1ms mailflow dig 1.5
ratio mx-1ms mailflow dig-same-work

echo "== mx: the same, NSD behind 10 ms of network delay"
hyperfine_json mx-10ms --warmup 0 --runs "${RUNS_SLOW:-3}" \
  -n mailflow "node bin/mailflow.js mx --json --dns 127.0.0.1:$RELAY10 --file $WORK/domains.txt" \
  -n dig "dig @127.0.0.1 -p $RELAY10 +tries=1 +noall +answer -f $WORK/dig.txt"
means mx-10ms
target mx-10ms mailflow dig 5

echo "== mx: the same, NSD directly on loopback"
echo "   dig-same-work asks mailflow's $(wc -l <"$WORK/dig-same-work.txt") questions one by one"
hyperfine_json mx-direct --warmup 2 --runs "${RUNS:-10}" \
  -n mailflow "node bin/mailflow.js mx --json --dns 127.0.0.1:$PORT --file $WORK/domains.txt" \
  -n dig "dig @127.0.0.1 -p $PORT +tries=1 +noall +answer -f $WORK/dig.txt" \
  -n dig-same-work "dig @127.0.0.1 -p $PORT +tries=1 +noall +answer -f $WORK/dig-same-work.txt" \
  -n mailflow-1-domain "node bin/mailflow.js mx --json --dns 127.0.0.1:$PORT --file $WORK/one.txt" \
  -n mailflow-no-ptr "node bin/mailflow.js mx --json --no-ptr --dns 127.0.0.1:$PORT --file $WORK/domains.txt" \
  -n node-floor "node dist/bench/dns-floor.js $PORT $WORK/dig.txt" \
  -n node-floor-same-work "node dist/bench/dns-floor.js $PORT $WORK/dig-same-work.txt"
means mx-direct
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results;
  const t = (n) => r.find((x) => x.command === n).mean;
  const x = t("mailflow") / t("dig-same-work");
  console.log(`  TARGET mailflow within 1.5x of dig at equal questions: ${x.toFixed(2)}x the time, ${x <= 1.5 ? "met" : "NOT MET"}`);
' "$BENCH_OUT/mx-direct.json"
ratio mx-direct mailflow dig
ratio mx-direct mailflow-no-ptr dig
ratio mx-direct node-floor dig
ratio mx-direct node-floor-same-work dig-same-work
ratio mx-direct mailflow-1-domain dig
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results;
  const t = (n) => r.find((x) => x.command === n).mean * 1000;
  const own = t("mailflow") - t("mailflow-1-domain");
  console.log(`  mailflow beyond its start-up: ${own.toFixed(0)} ms for ${process.argv[2]} domains; dig: ${t("dig").toFixed(0)} ms`);
  console.log(`  above the Node floor: mailflow ${(t("mailflow") - t("node-floor-same-work")).toFixed(0)} ms, mailflow --no-ptr ${(t("mailflow-no-ptr") - t("node-floor")).toFixed(0)} ms`);
' "$BENCH_OUT/mx-direct.json" "$N"
