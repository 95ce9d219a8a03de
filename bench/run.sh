#!/usr/bin/env bash
# Runs every benchmark side by side with the tools people use today and prints ratios
# (not absolute times: they depend on the machine). Needs `npm run build` first and the
# tools from .ci/install-deps (hyperfine, dig, swaks, Sisimai, nsd, postfix).
set -uo pipefail
cd "$(dirname "$0")/.."
# Once for all scripts: checks for hyperfine, notes and unsets NODE_EXTRA_CA_CERTS (see lib.sh).
source bench/lib.sh
status=0
for script in bench/startup.sh bench/ndr.sh bench/mx.sh bench/smtp.sh bench/check.sh bench/logs.sh; do
  [ -x "$script" ] || continue
  bash "$script" || { echo "bench: $script failed" >&2; status=1; }
  echo
done
exit $status
