#!/usr/bin/env bash
# mailflow mx --file vs dig -f: the same 1,000 domains' MX questions, the same local NSD.
# mailflow does more per domain (AAAA, PTR, forward confirmation) and should still win,
# because it asks concurrently while dig asks one question at a time. That only shows when
# answers take network time, so the main run puts a 1 ms delay relay (bench/dns-delay.ts) in
# front of NSD; the direct-loopback run is printed too, where Node's start-up alone costs
# about what dig needs for all 1,000 questions. Needs `npm run build` (tsc + bundle) first.
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
RELAY_PID=
cleanup() {
  # `wait` reports the killed child's status (143); under set -e that would end the trap early.
  set +e
  for pid in $RELAY_PID $NSD_PID; do
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

# The relay adds DELAY_MS to every answer: a resolver on the network, not one in the same kernel.
DELAY_MS=${DELAY_MS:-1}
node dist/bench/dns-delay.js "$PORT" "$DELAY_MS" >"$WORK/relay.port" &
RELAY_PID=$!
for _ in $(seq 1 50); do [ -s "$WORK/relay.port" ] && break; sleep 0.1; done
RELAY=$(cat "$WORK/relay.port")

# Sanity: mailflow answers every domain (one JSON line each) before timing anything.
lines=$(node bin/mailflow.js mx --json --dns "127.0.0.1:$RELAY" --file "$WORK/domains.txt" | wc -l)
[ "$lines" -eq "$N" ] || { echo "bench: mailflow printed $lines results for $N domains" >&2; exit 3; }

echo "== mx: $N domains, mailflow mx --json --file vs dig -f, NSD behind ${DELAY_MS} ms of network delay"
echo "   (mailflow also asks AAAA and PTR for every exchanger: 3 questions per domain to dig's 1)"
hyperfine_json mx --warmup 1 --runs "${RUNS:-10}" \
  -n mailflow "node bin/mailflow.js mx --json --dns 127.0.0.1:$RELAY --file $WORK/domains.txt" \
  -n dig "dig @127.0.0.1 -p $RELAY +tries=1 +noall +answer -f $WORK/dig.txt" \
  -n dig-same-work "dig @127.0.0.1 -p $RELAY +tries=1 +noall +answer -f $WORK/dig-same-work.txt"
means mx
ratio mx mailflow dig
ratio mx mailflow dig-same-work

echo "== mx: the same against NSD directly on loopback (answers in microseconds; start-up dominates)"
hyperfine_json mx-direct --warmup 1 --runs "${RUNS:-10}" \
  -n mailflow "node bin/mailflow.js mx --json --dns 127.0.0.1:$PORT --file $WORK/domains.txt" \
  -n mailflow-no-ptr "node bin/mailflow.js mx --json --no-ptr --dns 127.0.0.1:$PORT --file $WORK/domains.txt" \
  -n dig "dig @127.0.0.1 -p $PORT +tries=1 +noall +answer -f $WORK/dig.txt"
means mx-direct
ratio mx-direct mailflow dig
ratio mx-direct mailflow-no-ptr dig
