#!/usr/bin/env bash
# Rows per second through the Trino HTTP frontend to a Trino cluster: raw passthrough vs
# decoded and re-encoded, with Trino read directly as the baseline, all in one run.
# Usage: bench/trino-passthrough.sh [rows, default 1000000] [runs, default 5]
# Starts the test Trino 476 server from engines/target/trino-server (unpacked by the build).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
flock /tmp/qf-build.lock mvn -q -pl server -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="server/target/test-classes:server/target/classes:$(cat server/target/bench.classpath)"
exec "$JAVA_HOME/bin/java" -Xmx2g --add-opens=java.base/java.nio=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow -Dpolyglot.engine.WarnInterpreterOnly=false \
    -Dtrino.server.dir=engines/target/trino-server \
    -cp "$CP" io.queryflux.server.TrinoPassthroughBench "$@"
