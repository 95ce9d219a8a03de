#!/usr/bin/env bash
# Start-up cost: mailflow against Node's own floor (`node -e 0`). Prints ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

echo "== start-up: mailflow vs node -e 0"
hyperfine_json startup -N --warmup 5 --runs "${RUNS:-30}" \
  -n node 'node -e 0' \
  -n version 'node bin/mailflow.js --version' \
  -n help 'node bin/mailflow.js --help' \
  -n ndr-line 'node bin/mailflow.js ndr --json "550 5.1.1 <x@example.com>: Recipient address rejected"'
ratio startup version node
ratio startup help node
ratio startup ndr-line node
