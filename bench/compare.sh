#!/usr/bin/env bash
# Whole-process decode time, ours against ENTRADA's decoder library (pcap-lib, decode only), on
# the same capture, runs interleaved:
#   bench/compare.sh [RUNS] [CAPTURE]     (defaults: 3, /tmp/gen-4.25m.pcap, generated if missing)
# Ours: ./pcap2hdfs decode --format avro (read, decode, join, rows, Avro container file written).
# ENTRADA: bench/entrada (reads and decodes every DNS message, counts them; no join, no output).
# Each run waits for /tmp/pcap2hdfs-bench.lock, so benchmarks of others on the machine queue.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
capture="${2:-/tmp/gen-4.25m.pcap}"
out="${TMPDIR:-/tmp}/pcap2hdfs-compare.avro"
entrada="$root/bench/entrada/target/lib"

if [[ ! -f "$capture" ]]; then
  "$root/pcap2hdfs" generate --packets 4250000 --seed 7 --out "$capture"
fi
if [[ ! -f "$entrada/entrada-decode-1.jar" ]]; then
  "$root/mvnw" -B -q -f "$root/bench/entrada/pom.xml" package >&2
fi
"$root/pcap2hdfs" --version >/dev/null # builds the launcher's classpath if needed

timed() {
  local name="$1"
  shift
  local t
  t=$(mktemp)
  flock /tmp/pcap2hdfs-bench.lock /usr/bin/time -o "$t" -f "%e %U %S" "$@" >/dev/null 2>&1
  read -r wall user sys <"$t"
  rm -f "$t"
  awk -v n="$name" -v w="$wall" -v u="$user" -v s="$sys" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "%-8s wall %6.2f s  cpu %6.2f s (user %.2f, sys %.2f)  load %s\n", n, w, u + s, u, s, l }'
}

for ((i = 1; i <= runs; i++)); do
  timed ours "$root/pcap2hdfs" decode --format avro --out "$out" "$capture"
  timed entrada java -Xmx2g -cp "$entrada/*" org.pcap2hdfs.bench.entrada.EntradaDecode "$capture"
done
rm -f "$out"
