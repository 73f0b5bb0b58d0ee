#!/usr/bin/env bash
# Runs the interceptor benchmark (EnrichmentBenchmark) on one core over a decoded capture, one JVM
# per configuration (geoip, customer, resolver, chained = the three interceptors one after the
# other, combined = the three stages in one EnrichmentInterceptor).
#   flume-interceptors/bench.sh [AVRO_FILE [passes [warmup [batch [events per pass]]]]]
# Without AVRO_FILE, the bundled-style sample capture is decoded first with ./pcap2hdfs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
avro="${1:-target/bench/knot-example.ca-geo.avro}"
if [[ ! -f "$avro" ]]; then
  mkdir -p "$(dirname "$avro")"
  ./pcap2hdfs decode --format avro --out "$avro" \
    "${PCAP:-../shared/testdata/pcap/generated__knot-example.ca-geo.pcap}"
fi
avro="$(cd "$(dirname "$avro")" && pwd)/$(basename "$avro")"
mkdir -p target/bench
./mvnw -B -q -pl flume-interceptors -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$root/target/bench/classpath.txt" \
  -Dspotless.check.skip=true
cp="flume-interceptors/target/test-classes:flume-interceptors/target/classes:flume-source-pcap/target/classes"
cd flume-interceptors
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c "${BENCH_CPU:-1}"); fi
for configuration in ${BENCH_CONFIGURATIONS:-geoip customer resolver chained combined}; do
  "${pin[@]}" java -Xms1g -Xmx1g -XX:+AlwaysPreTouch ${BENCH_JAVA_OPTS:-} \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "../${cp//:/:../}:$(cat "$root/target/bench/classpath.txt")" \
    org.pcap2hdfs.interceptor.bench.EnrichmentBenchmark "$avro" "${2:-10}" "${3:-5}" "${4:-100}" \
    "${5:-500000}" "$configuration"
done
