#!/usr/bin/env bash
# JMH benchmark of SQL translation cost per statement over the corpus (decide step, full, cached).
# Not part of the test suite: it compiles src/jmh/java only under the bench profile.
# Extra arguments go to JMH, e.g.  bench/translation.sh -wi 1 -i 2
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
flock /tmp/qf-build.lock mvn -q -pl sql-dialects -Pbench test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
module=sql-dialects
"$JAVA_HOME/bin/java" -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")" \
    org.openjdk.jmh.Main TranslationBenchmark "$@"
