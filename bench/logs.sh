#!/usr/bin/env bash
# Log summary speed: `mailflow logs summary` versus pflogsumm (Debian package pflogsumm) on the
# same generated Postfix log (bench/gen-postfix-log.mjs: content filter, greylisting, deferrals,
# bounces, rejections, SASL). Prints wall and CPU time, peak memory and the ratios.
# Usage: bash bench/logs.sh [megabytes]   (default 200; the issue's target is 1024 in under 60 s)
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-200}
command -v pflogsumm >/dev/null || { echo "logs.sh: pflogsumm is not installed (apt-get install pflogsumm)" >&2; exit 3; }
npm run bundle >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
log="$out/mail.log"
node bench/gen-postfix-log.mjs "$mb" > "$log"
lines=$(wc -l < "$log")
echo "generated: $(du -m "$log" | cut -f1) MB, $lines lines"
unset NODE_EXTRA_CA_CERTS # see bench/lib.sh: a property of the machine, not of mailflow

# /usr/bin/time -f: wall seconds, CPU seconds, peak resident KB. Exit 1 (a warning finding) is fine.
measure() {
  local name=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$out/$name.time" "$@" > "$out/$name.out" 2>/dev/null || true
  # A non-zero exit adds a "Command exited with non-zero status" line first.
  read -r wall user sys rss < <(tail -n 1 "$out/$name.time")
  echo "$name $wall $(echo "$user + $sys" | bc) $rss" >> "$out/results"
}
for run in 1 2; do
  : > "$out/results"
  measure mailflow node bin/mailflow.js logs summary --json "$log"
  measure pflogsumm pflogsumm "$log"
  node -e '
    const rows = Object.fromEntries(require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n")
      .map((l) => l.split(" ")).map(([n, w, c, m]) => [n, { wall: +w, cpu: +c, mb: +m / 1024 }]));
    const m = rows.mailflow, p = rows.pflogsumm, run = process.argv[2];
    console.log(`run ${run}: mailflow ${m.wall.toFixed(2)} s wall, ${m.cpu.toFixed(2)} s CPU, ${m.mb.toFixed(0)} MB peak; ` +
      `pflogsumm ${p.wall.toFixed(2)} s, ${p.cpu.toFixed(2)} s CPU, ${p.mb.toFixed(0)} MB -> mailflow is ${(p.wall / m.wall).toFixed(2)}x as fast (wall), ${(p.cpu / m.cpu).toFixed(2)}x (CPU)`);
  ' "$out/results" "$run"
done
# What each counted: pflogsumm counts a message twice when it passes the content filter.
node -e '
  const o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8").split("\n")[0]);
  const c = o.data.counts;
  console.log(`mailflow: ${c.received} received, ${c.delivered} delivered, ${c.deferred} deferred, ${c.bounced} bounced, ${c.rejected + c.tempRejected} rejected (${c.filtered} content-filter hand-overs not counted)`);
' "$out/mailflow.out"
grep -E '^ +[0-9]+ +(received|delivered|deferred|bounced|rejected)' "$out/pflogsumm.out" | head -5 | sed 's/^/pflogsumm: /'
