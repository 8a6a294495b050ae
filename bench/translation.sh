#!/usr/bin/env bash
# JMH benchmark of SQL translation cost per statement over the corpus (decide step, full, cached),
# then sqlglot (Debian's python3-sqlglot, installed if missing) on the same statements in the same
# run, and the ratio of their medians. Not part of the test suite: src/jmh/java compiles only under
# the bench profile. Extra arguments go to JMH, e.g.  bench/translation.sh -wi 1 -i 2
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
module=sql-dialects
flock /tmp/qf-build.lock mvn -q -pl "$module" -Pbench test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")"
results="$module/target/jmh-translation.json"
"$JAVA_HOME/bin/java" -cp "$classpath" org.openjdk.jmh.Main TranslationBenchmark -rf json -rff "$results" "$@"

# Debian's interpreter, which sees the Debian package (a pyenv python3 earlier in PATH would not).
py=/usr/bin/python3
if ! "$py" -c 'import sqlglot' 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y -q python3-sqlglot >/dev/null
    else
        echo "sqlglot baseline skipped: install python3-sqlglot (Debian) to compare" >&2
        exit 0
    fi
fi
p50() {
    python3 -c '
import json, sys
for r in json.load(open(sys.argv[1])):
    if r["benchmark"].endswith("." + sys.argv[2]):
        print(r["primaryMetric"]["scorePercentiles"]["50.0"])' "$results" "$1"
}
ours="$(p50 fullTranslation)"
jsqlparser_only="$(p50 fullTranslationJSqlParserOnly)"
sqlglot="$("$JAVA_HOME/bin/java" -cp "$classpath" io.queryflux.sql.CorpusExport | "$py" bench/sqlglot-translation.py)"
echo "$sqlglot"
theirs="$(sed -E 's/.*p50=([0-9.]+).*/\1/' <<<"$sqlglot")"
python3 -c "import sys; o, j, t = map(float, sys.argv[1:]); print(f'full translation p50: QueryFlux {o:.1f} us, sqlglot {t:.1f} us, sqlglot/QueryFlux = {t / o:.1f}x (JSQLParser alone {j:.1f} us, {t / j:.1f}x)')" "$ours" "$jsqlparser_only" "$theirs"
