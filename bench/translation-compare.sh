#!/usr/bin/env bash
# Full-translation cost of this checkout against another git revision (default: main), measured
# interleaved in one JVM (see InterleavedComparison), which stays fair on a shared, loaded machine.
#   bench/translation-compare.sh [git-ref]
# The other revision is exported with git archive into a temporary folder and only compiled.
set -euo pipefail
cd "$(dirname "$0")/.."
ref="${1:-main}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
module=sql-dialects
base="$(mktemp -d)"
trap 'rm -rf "$base"' EXIT
git archive "$ref" | tar -x -C "$base"
flock /tmp/qf-build.lock mvn -q -f "$base/pom.xml" -pl "$module" compile
flock /tmp/qf-build.lock mvn -q -pl "$module" -Pbench test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
"$JAVA_HOME/bin/java" -cp "$module/target/test-classes:$(cat "$module/target/bench-classpath.txt")" \
    io.queryflux.sql.InterleavedComparison "$module/target/test-classes" "$base/$module/target/classes" "$module/target/classes"
