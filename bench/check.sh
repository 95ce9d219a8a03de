#!/usr/bin/env bash
# mailflow check over many domains: a private NSD serves N domains whose MX all point at a
# local scripted SMTP server that delays its greeting (like a real server across the Internet).
# Shows that --concurrency makes N domains cost about as much as a few, not N times one.
# Usage: bench/check.sh [N] (default 200). Needs nsd; starts and stops only its own processes.
set -euo pipefail
N=${1:-200}
DELAY_MS=${DELAY_MS:-100}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN="$ROOT/bin/mailflow.js"
TMP=$(mktemp -d /tmp/mailflow-bench-check.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
DNS_PORT=$(free_port)
SMTP_PORT=$(free_port)

{
  echo '$ORIGIN bench.test.'; echo '$TTL 300'
  echo '@ SOA ns hostmaster 1 3600 600 86400 60'; echo '@ NS ns'; echo 'ns A 127.0.0.1'
  for i in $(seq 1 "$N"); do
    echo "d$i MX 10 mx.d$i"; echo "mx.d$i A 127.0.0.1"
    echo "d$i TXT \"v=spf1 ip4:127.0.0.1 -all\""; echo "_dmarc.d$i TXT \"v=DMARC1; p=reject; rua=mailto:d@d$i.bench.test\""
  done
} >"$TMP/bench.zone"
seq 1 "$N" | sed 's/^/d/; s/$/.bench.test/' >"$TMP/domains.txt"
cat >"$TMP/nsd.conf" <<CONF
server:
  ip-address: 127.0.0.1@$DNS_PORT
  port: $DNS_PORT
  username: ""
  chroot: ""
  database: ""
  zonelistfile: "$TMP/zone.list"
  xfrdfile: "$TMP/xfrd.state"
  pidfile: "$TMP/nsd.pid"
  logfile: "$TMP/nsd.log"
  server-count: 1
  verbosity: 0
remote-control:
  control-enable: no
zone:
  name: bench.test
  zonefile: "$TMP/bench.zone"
CONF
/usr/sbin/nsd -d -c "$TMP/nsd.conf" & PIDS+=($!)

# A scripted SMTP server: greeting after DELAY_MS, EHLO, QUIT. Bounded per connection.
node -e '
const delay = Number(process.argv[2]);
require("net").createServer((s) => {
  s.on("error", () => {});
  setTimeout(() => s.writable && s.write("220 mx.bench.test ESMTP\r\n"), delay);
  let buf = "", n = 0;
  s.on("data", (d) => {
    buf += d;
    for (let i; (i = buf.indexOf("\n")) >= 0 && n++ < 20; ) {
      const l = buf.slice(0, i).trim().toUpperCase(); buf = buf.slice(i + 1);
      if (l.startsWith("EHLO")) s.write("250-mx.bench.test\r\n250 PIPELINING\r\n");
      else if (l.startsWith("QUIT")) { s.end("221 bye\r\n"); return; }
      else s.write("250 ok\r\n");
    }
  });
}).listen(Number(process.argv[1]), "127.0.0.1");
' "$SMTP_PORT" "$DELAY_MS" & PIDS+=($!)

for _ in $(seq 1 100); do dig +short +time=1 +tries=1 -p "$DNS_PORT" @127.0.0.1 d1.bench.test MX >/dev/null 2>&1 && break; sleep 0.1; done

COMMON=(--dns "127.0.0.1:$DNS_PORT" --port "$SMTP_PORT" --only mx --only smtp --only spf --only dmarc --json --timeout 5)
t() { local s e; s=$(date +%s.%N); "$@" >"$TMP/out.jsonl" || true; e=$(date +%s.%N); echo "$e - $s" | bc; }

one=$(t node "$BIN" check d1.bench.test "${COMMON[@]}")
ten_serial=$(head -10 "$TMP/domains.txt" >"$TMP/ten.txt"; t node "$BIN" check --file "$TMP/ten.txt" --concurrency 1 "${COMMON[@]}")
all=$(t node "$BIN" check --file "$TMP/domains.txt" --concurrency 50 "${COMMON[@]}")
lines=$(wc -l <"$TMP/out.jsonl")
order_ok=$(node -e 'const l=require("fs").readFileSync(process.argv[1],"utf8").trim().split("\n").map(JSON.parse);process.stdout.write(String(l.every((r,i)=>r.target===`d${i+1}.bench.test`)))' "$TMP/out.jsonl")

printf 'mailflow check, greeting delay %s ms, local NSD + scripted SMTP\n' "$DELAY_MS"
printf '  1 domain                          : %6.2f s\n' "$one"
printf '  10 domains, --concurrency 1       : %6.2f s\n' "$ten_serial"
printf '  %s domains, --concurrency 50      : %6.2f s  (%s JSON lines, input order kept: %s)\n' "$N" "$all" "$lines" "$order_ok"
printf '  ratio %s domains / 1 domain       : %6.1fx   (serial would be ~%sx)\n' "$N" "$(echo "$all / $one" | bc -l)" "$N"
printf '  per-domain cost, serial vs concurrent: %.3f s vs %.3f s\n' "$(echo "$ten_serial / 10" | bc -l)" "$(echo "$all / $N" | bc -l)"
