#!/usr/bin/env bash
# sysbench oltp_point_select against MariaDB directly and through QueryFlux's MySQL port
# (routed to the starRocks engine pointing at the same MariaDB), in one run.
# MariaDB stands in for StarRocks, which cannot run here.
# Needs: sysbench, mariadb-server (Debian), JDK 25 at $JAVA_HOME, Maven.
# Usage: bench/sysbench-mysql.sh [seconds=20] [threads=8] [table_size=100000]
# PROXY_JAVA_OPTS adds proxy JVM flags, e.g. a JFR recording:
#   PROXY_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/proxy.jfr,settings=profile"
set -euo pipefail
SECONDS_PER_RUN=${1:-20}
THREADS=${2:-8}
TABLE_SIZE=${3:-100000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
WORK=$(mktemp -d)
MARIADB_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
PROXY_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== building (protocol-mysql test classes and classpath)"
(cd "$ROOT" && JAVA_HOME=$JAVA_HOME flock /tmp/qf-build.lock mvn -q -pl protocol-mysql -am test-compile \
    dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test)
CP="$ROOT/protocol-mysql/target/test-classes:$ROOT/protocol-mysql/target/classes:$(cat "$WORK/cp.txt")"

echo "== starting MariaDB on $MARIADB_PORT"
USER_ARGS=(); [ "$(id -u)" = 0 ] && USER_ARGS=(--user=root)
mariadb-install-db --no-defaults --datadir="$WORK/data" --user="$(id -un)" \
    --auth-root-authentication-method=normal --skip-test-db > "$WORK/install.log" 2>&1
mariadbd --no-defaults "${USER_ARGS[@]}" --datadir="$WORK/data" --port="$MARIADB_PORT" --bind-address=127.0.0.1 \
    --socket="$WORK/mysqld.sock" --skip-log-bin --innodb-buffer-pool-size=256M --max-connections=500 \
    > "$WORK/mariadbd.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do mysql -h127.0.0.1 -P"$MARIADB_PORT" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.2; done
mysql -h127.0.0.1 -P"$MARIADB_PORT" -uroot -e 'CREATE DATABASE sbtest'

SB=(sysbench oltp_point_select --db-driver=mysql --mysql-host=127.0.0.1 --mysql-db=sbtest --tables=1
    --table-size="$TABLE_SIZE" --threads="$THREADS" --time="$SECONDS_PER_RUN" --report-interval=0)
echo "== preparing sbtest1 ($TABLE_SIZE rows) directly on MariaDB"
"${SB[@]}" --mysql-port="$MARIADB_PORT" --mysql-user=root prepare > "$WORK/prepare.log"

echo "== starting the QueryFlux MySQL frontend on $PROXY_PORT"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g ${PROXY_JAVA_OPTS:-} -cp "$CP" io.queryflux.protocol.mysql.BenchProxyMain \
    "$PROXY_PORT" "127.0.0.1:$MARIADB_PORT" root "" sb sbpw "$((THREADS * 2))" > "$WORK/proxy.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do mysql -h127.0.0.1 -P"$PROXY_PORT" -usb -psbpw --skip-ssl -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.2; done

run() { # label port user password
    "${SB[@]}" --mysql-port="$2" --mysql-user="$3" --mysql-password="$4" --mysql-ssl=off run > "$WORK/$1.log"
    local qps lat p95
    qps=$(awk '/queries:/ {gsub(/[()]/,"",$3); print $3}' "$WORK/$1.log")
    lat=$(awk '/avg:/ {print $2}' "$WORK/$1.log")
    p95=$(awk '/95th percentile:/ {print $3}' "$WORK/$1.log")
    echo "$1 $qps $lat $p95"
}
echo "== warm-up through the proxy (5 s, not counted)"
"${SB[@]}" --time=5 --mysql-port="$PROXY_PORT" --mysql-user=sb --mysql-password=sbpw --mysql-ssl=off run > /dev/null
echo "== oltp_point_select, $THREADS threads, $SECONDS_PER_RUN s each"
read -r _ DQ DL DP <<< "$(run direct "$MARIADB_PORT" root "")"
read -r _ PQ PL PP <<< "$(run proxy "$PROXY_PORT" sb sbpw)"
printf '%-28s %12s %14s %14s\n' "target" "QPS" "avg latency ms" "p95 ms"
printf '%-28s %12s %14s %14s\n' "MariaDB direct" "$DQ" "$DL" "$DP"
printf '%-28s %12s %14s %14s\n' "QueryFlux -> starRocks eng." "$PQ" "$PL" "$PP"
python3 -c "print('proxy/direct QPS ratio: %.2f' % ($PQ / $DQ))"
