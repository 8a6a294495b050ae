#!/usr/bin/env bash
# Routing decision latency (JMH, sample mode: p50/p99 per decision) for a chain of 20 routers,
# with and without a Python router at the end. Usage: bench/routing-decision.sh [jmh args]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cp_file=$(mktemp)
# Each module of the reactor writes the file in turn; routing comes last, so it holds routing's.
flock /tmp/qf-build.lock mvn -q -pl routing -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
classpath="routing/target/test-classes:routing/target/classes:$(cat "$cp_file")"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dpolyglot.engine.WarnInterpreterOnly=false -cp "$classpath" org.openjdk.jmh.Main RoutingDecisionBenchmark \
    -f 1 -wi 3 -w 3s -i 5 -r 3s "$@"
