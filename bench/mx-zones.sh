#!/usr/bin/env bash
# Writes the mx benchmark's data into DIR: a bench.test zone with N domains (each one MX with
# an A record), the matching reverse zone, the domain list for mailflow, and dig's query files:
# the N MX questions, and the 2N questions mailflow itself asks (MX and PTR: NSD's authoritative
# MX answer carries the exchanger's A record and, by RFC 3596, would carry its AAAA too).
set -euo pipefail
N=$1
DIR=$2
{
  echo '$ORIGIN bench.test.'
  echo '$TTL 300'
  echo '@ SOA ns hostmaster 1 3600 600 86400 60'
  echo '@ NS ns'
  echo 'ns A 127.0.0.1'
} >"$DIR/bench.test.zone"
{
  echo '$ORIGIN 1.127.in-addr.arpa.'
  echo '$TTL 300'
  echo '@ SOA ns.bench.test. hostmaster.bench.test. 1 3600 600 86400 60'
  echo '@ NS ns.bench.test.'
} >"$DIR/reverse.zone"
: >"$DIR/domains.txt"
: >"$DIR/dig.txt"
: >"$DIR/dig-same-work.txt"
awk -v n="$N" -v dir="$DIR" 'BEGIN {
  for (i = 1; i <= n; i++) {
    d = sprintf("d%04d", i); hi = int(i / 256); lo = i % 256
    printf "%s MX 10 mx.%s\nmx.%s A 127.1.%d.%d\n", d, d, d, hi, lo >> (dir "/bench.test.zone")
    printf "%d.%d PTR mx.%s.bench.test.\n", lo, hi, d >> (dir "/reverse.zone")
    printf "%s.bench.test\n", d >> (dir "/domains.txt")
    printf "%s.bench.test MX\n", d >> (dir "/dig.txt")
    printf "%s.bench.test MX\n%d.%d.1.127.in-addr.arpa PTR\n", d, lo, hi >> (dir "/dig-same-work.txt")
  }
}'
