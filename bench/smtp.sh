#!/usr/bin/env bash
# mailflow's SMTP commands side by side with swaks, the tool admins script today:
#  - the book's EHLO check against a private Postfix,
#  - the book's AUTH LOGIN test send over STARTTLS on submission,
#  - reachability of 20 servers that greet after 200 ms (mailflow probes them at once;
#    swaks goes one by one, as a shell loop would).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
need swaks

fifo=$(mktemp -u /tmp/mailflow-bench-smtp.XXXXXX)
mkfifo "$fifo"
node bench/smtp-servers.mjs 20 200 <"$fifo" >"$fifo.json" &
servers=$!
exec 3>"$fifo" # keeps the servers' stdin open until this script ends
trap 'exec 3>&-; wait $servers 2>/dev/null; rm -f "$fifo" "$fifo.json"' EXIT
for _ in $(seq 1 300); do [ -s "$fifo.json" ] && break; sleep 0.1; done
env_json=$(cat "$fifo.json")
get() { node -e 'const e=JSON.parse(process.argv[1]);const v=e[process.argv[2]];console.log(Array.isArray(v)?v.join(" "):v)' "$env_json" "$1"; }
host=$(get host) port=$(get port) sub=$(get submissionPort) ca=$(get caFile) user=$(get user) rcpt=$(get rcpt)
export MAILFLOW_PASSWORD=$(get password)
slow=($(get slow))

echo "== EHLO check (book ch. 5) against a private Postfix"
hyperfine_json ehlo -N --warmup 2 --runs "${RUNS:-15}" \
  -n swaks "swaks --server $host --port $port --quit-after EHLO --silent 1" \
  -n mailflow "node bin/mailflow.js ehlo $host --port $port --json"
ratio ehlo mailflow swaks

echo "== AUTH LOGIN test send over STARTTLS on submission (book ch. 7, Example 7)"
hyperfine_json send --warmup 1 --runs "${RUNS:-15}" \
  -n swaks "swaks --server $host --port $sub --tls --auth LOGIN --auth-user $user --auth-password \$MAILFLOW_PASSWORD --from $rcpt --to $rcpt --silent 1" \
  -n mailflow "node bin/mailflow.js send --server $host --port $sub --ca $ca --auth login --user $user --from $rcpt --to $rcpt --json"
ratio send mailflow swaks

echo "== reachability of ${#slow[@]} servers greeting after 200 ms"
loop=""
for s in "${slow[@]}"; do loop+="swaks --server ${s%:*} --port ${s#*:} --quit-after CONNECT --silent 1; "; done
targets=""
for s in "${slow[@]}"; do targets+="${s%:*} "; done
hyperfine_json probe --warmup 1 --runs "${RUNS:-5}" \
  -n swaks-loop "bash -c '$loop'" \
  -n mailflow "node bin/mailflow.js probe $targets --port ${slow[0]#*:} --json --timeout 5"
ratio probe mailflow swaks-loop
