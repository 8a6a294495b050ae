#!/usr/bin/env bash
# Rows per second out of the engines' cursors (DuckDB rows vs Arrow, Trino over HTTP).
# Starts the test Trino 476 server from engines/target/trino-server (unpacked by the build).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
flock /tmp/qf-build.lock mvn -q -pl engines test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="engines/target/test-classes:engines/target/classes:$(cat engines/target/bench.classpath)"
exec "$JAVA_HOME/bin/java" -Xmx2g --add-opens=java.base/java.nio=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow -Dtrino.server.dir=engines/target/trino-server \
    -cp "$CP" io.queryflux.engine.bench.EngineStreamBench "$@"
