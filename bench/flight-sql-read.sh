#!/usr/bin/env bash
# Reads a 10M-row, 4-column DuckDB result in-process (duckdb_jdbc, the limit) and through the
# proxy's Flight SQL port, and prints rows/s, MB/s and the ratio. Usage: bench/flight-sql-read.sh [rows] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
flock /tmp/qf-build.lock mvn -q -pl protocol-flight -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="protocol-flight/target/test-classes:protocol-flight/target/classes:routing/target/test-classes"
CP="$CP:$(cat protocol-flight/target/bench.classpath)"
exec "$JAVA_HOME/bin/java" -Xmx2g --add-opens=java.base/java.nio=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow -cp "$CP" io.queryflux.protocol.flight.bench.FlightReadBenchmark "$@"
