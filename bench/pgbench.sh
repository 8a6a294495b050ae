#!/usr/bin/env bash
# pgbench select-only (-S) against one PostgreSQL three ways: directly, through pgbouncer
# (transaction pooling) and through QueryFlux's PostgreSQL port routed to the postgres engine.
# Prints TPS and average latency for 1 and 32 clients, and the ratios proxy/pgbouncer and
# proxy/direct. A fourth target, a TCP relay doing no protocol work on the proxy's I/O model
# (blocking sockets on virtual threads, RelayFloor), shows the ceiling of that model: its ratio
# to pgbouncer bounds what trimming the proxy's per-query work can reach. Needs root (installs packages, runs PostgreSQL and pgbouncer as user postgres).
#
#   bench/pgbench.sh [duration-seconds] [scale]
#
# QF_CLIENTS="32" limits the client counts measured (default "1 32"). QF_MODE=extended runs
# pgbench's queries in the extended query protocol (-M extended, as pgjdbc and psycopg 3 send
# them) instead of the simple one. (-M prepared needs pgbouncer 1.21+ with max_prepared_statements;
# Debian 12 ships 1.18.)
set -euo pipefail

DURATION=${1:-20}
SCALE=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${QF_BENCH_DIR:-/tmp/qf-pgbench}
PG_PORT=55432
BOUNCER_PORT=56432
PROXY_PORT=57432
RELAY_PORT=58432
POOL=32
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME

need() { command -v "$1" >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/"$1" >/dev/null 2>&1; }
if ! need pgbench || ! need initdb || ! need pgbouncer; then
  echo "installing postgresql, postgresql-contrib, pgbouncer"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib pgbouncer >/dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGBENCH=$(command -v pgbench || echo "$PGBIN/pgbench")
as_postgres() { runuser -u postgres -- "$@"; }

PROXY_PID=""
RELAY_PID=""
cleanup() {
  [ -n "$PROXY_PID" ] && kill "$PROXY_PID" 2>/dev/null || true
  [ -n "$RELAY_PID" ] && kill "$RELAY_PID" 2>/dev/null || true
  [ -f "$WORK/pgbouncer.pid" ] && kill "$(cat "$WORK/pgbouncer.pid")" 2>/dev/null || true
  [ -d "$WORK/data" ] && as_postgres "$PGBIN/pg_ctl" -D "$WORK/data" -m fast stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

rm -rf "$WORK" && mkdir -p "$WORK" && chown postgres "$WORK"
echo "== PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PG_PORT"
as_postgres "$PGBIN/initdb" -A trust -U postgres -D "$WORK/data" >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$WORK/data" -l "$WORK/postgres.log" -w \
  -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB" start >/dev/null
"$PGBENCH" -h 127.0.0.1 -p $PG_PORT -U postgres -i -q -s "$SCALE" postgres >/dev/null 2>&1

echo "== pgbouncer (transaction pooling, pool $POOL) on port $BOUNCER_PORT"
cat > "$WORK/pgbouncer.ini" <<INI
[databases]
postgres = host=127.0.0.1 port=$PG_PORT dbname=postgres user=postgres
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $WORK/userlist.txt
pool_mode = transaction
default_pool_size = $POOL
max_client_conn = 500
pidfile = $WORK/pgbouncer.pid
logfile = $WORK/pgbouncer.log
INI
echo '"postgres" ""' > "$WORK/userlist.txt"
chown postgres "$WORK/pgbouncer.ini" "$WORK/userlist.txt"
as_postgres pgbouncer -d "$WORK/pgbouncer.ini"

echo "== QueryFlux (server/target/queryflux.jar) PostgreSQL frontend -> postgres engine (pool $POOL) on port $PROXY_PORT"
cd "$ROOT"
# The server as users run it, and the relay floor from protocol-pg's test classes (compiled too).
flock /tmp/qf-build.lock mvn -q -pl server,protocol-pg -am package -DskipTests >/dev/null
# QF_FORWARD_WIRE=false measures the pgjdbc path; QF_SHORT_QUERIES_FIRST=false its cursor-only variant.
cat > "$WORK/queryflux.yaml" <<YAML
queryflux:
  frontends:
    postgresWire:
      enabled: true
      host: 127.0.0.1
      port: $PROXY_PORT
  adminApi:
    port: 0
clusters:
  postgres:
    engine: postgres
    endpoint: 127.0.0.1:$PG_PORT
    database: postgres
    username: postgres
    poolSize: $POOL
    forwardWire: ${QF_FORWARD_WIRE:-true}
    shortQueriesFirst: ${QF_SHORT_QUERIES_FIRST:-true}
clusterGroups:
  postgres:
    members: [postgres]
    maxRunningQueries: $POOL
    maxQueuedQueries: 10000
routingFallback: postgres
YAML
# QF_JFR=file.jfr records a JFR profile of the proxy (method and allocation samples).
JFR_OPTS=${QF_JFR:+-XX:StartFlightRecording=filename=$QF_JFR,settings=profile}
# QF_JAVA_OPTS adds JVM options to the proxy (experiments).
"$JAVA_HOME/bin/java" -Xmx1g $JFR_OPTS ${QF_JAVA_OPTS:-} -jar server/target/queryflux.jar --config "$WORK/queryflux.yaml" \
  > "$WORK/proxy.log" 2>&1 &
PROXY_PID=$!
await_line() { # log file, text that says it is up
  for _ in $(seq 1 100); do
    grep -q "$2" "$1" 2>/dev/null && return
    sleep 0.2
  done
  cat "$1"
  exit 1
}
await_line "$WORK/proxy.log" "PostgreSQL on port"

echo "== relay floor (no protocol work, virtual threads) on port $RELAY_PORT"
"$JAVA_HOME/bin/java" -Xmx256m ${QF_JAVA_OPTS:-} -cp "protocol-pg/target/test-classes" \
  io.queryflux.protocol.pg.RelayFloor $RELAY_PORT 127.0.0.1:$PG_PORT > "$WORK/relay.log" 2>&1 &
RELAY_PID=$!
await_line "$WORK/relay.log" listening

MODE=${QF_MODE:-simple}
declare -A TPS LAT
TICK_US=$(( 1000000 / $(getconf CLK_TCK) ))
POSTMASTER_PID=$(head -1 "$WORK/data/postmaster.pid")
# CPU ticks a process used, its threads together; with "children", also that of its reaped children
# (PostgreSQL backends that ended: the relay opens one per client connection).
ticks() { awk -v c="${2:-}" '{print $14 + $15 + (c ? $16 + $17 : 0)}' "/proc/$1/stat" 2>/dev/null || echo 0; }
postgres_ticks() {
  local sum=0 pid
  for pid in $(pgrep -u postgres -x postgres); do sum=$(( sum + $(ticks "$pid") )); done
  echo $(( sum + $(ticks "$POSTMASTER_PID" children) - $(ticks "$POSTMASTER_PID") ))
}
# CPU time of this shell's children so far (pgbench), in ticks: the shell's times builtin, run in
# the shell itself (in a $(...) subshell it would report the subshell's).
children_ticks() { # file times wrote
  tail -1 "$1" | awk -v t="$(getconf CLK_TCK)" '{
    s = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); s += p[1] * 60 + p[2] } print int(s * t + 0.5) }'
}
# CPU per query of the target itself (none when direct), of PostgreSQL (all its processes) and of
# pgbench, in microseconds: 2 cores are shared, so what one spends per query the others cannot.
run() { # name port clients target-pid
  local out pg0 pb0 tg0 pg1 pb1 tg1 tx
  pg0=$(postgres_ticks); tg0=$([ -n "${4:-}" ] && ticks "$4" || echo 0); times > "$WORK/times.0"
  out=$("$PGBENCH" -h 127.0.0.1 -p "$2" -U postgres -n -S -M "$MODE" -T "$DURATION" -c "$3" -j "$(( $3 < 2 ? 1 : 2 ))" postgres 2>&1)
  times > "$WORK/times.1"; pg1=$(postgres_ticks); tg1=$([ -n "${4:-}" ] && ticks "$4" || echo 0)
  pb0=$(children_ticks "$WORK/times.0"); pb1=$(children_ticks "$WORK/times.1")
  TPS[$1-$3]=$(echo "$out" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1)
  LAT[$1-$3]=$(echo "$out" | sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' | head -1)
  tx=$(echo "$out" | sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p')
  if [ -z "${TPS[$1-$3]}" ] || [ -z "$tx" ]; then echo "$out"; exit 1; fi
  us() { echo "scale=1; ($2 - $1) * $TICK_US / $tx" | bc; }
  printf '%-10s %3s clients: %10s tps  %8s ms avg latency   CPU us/query: %5s target %5s postgres %5s pgbench\n' \
    "$1" "$3" "${TPS[$1-$3]}" "${LAT[$1-$3]}" "$([ -n "${4:-}" ] && us "$tg0" "$tg1" || echo -)" \
    "$(us "$pg0" "$pg1")" "$(us "$pb0" "$pb1")"
}

# The proxy is a JVM: let it settle before measuring, as it would be in service. Measured (session 4,
# 8 s windows at 32 clients after a 30 s warm-up): 13.9k, 16.7k, 17.2k, 19.1k, 18.2k, 20.4k TPS, the
# proxy's CPU a query falling from 56 to 32 us; after 60 s: 18.7k, then 19.5k-21.0k. QF_WARMUP sets
# the seconds (default 60).
WARMUP=${QF_WARMUP:-60}
"$PGBENCH" -h 127.0.0.1 -p $PROXY_PORT -U postgres -n -S -M "$MODE" -T "$WARMUP" -c 32 -j 2 postgres >/dev/null 2>&1
"$PGBENCH" -h 127.0.0.1 -p $RELAY_PORT -U postgres -n -S -M "$MODE" -T 10 -c 32 -j 2 postgres >/dev/null 2>&1

echo "== pgbench -S -M $MODE, ${DURATION}s per run, scale $SCALE, $(nproc) cores"
CLIENTS=${QF_CLIENTS:-1 32}
for clients in $CLIENTS; do
  run direct $PG_PORT $clients
  run pgbouncer $BOUNCER_PORT $clients "$(cat "$WORK/pgbouncer.pid")"
  run queryflux $PROXY_PORT $clients $PROXY_PID
  run relay $RELAY_PORT $clients $RELAY_PID
done
echo "== ratios"
for clients in $CLIENTS; do
  printf '%3s clients: proxy/pgbouncer %.2f   proxy/direct %.2f   relay/pgbouncer %.2f   proxy/relay %.2f\n' \
    "$clients" \
    "$(echo "${TPS[queryflux-$clients]} / ${TPS[pgbouncer-$clients]}" | bc -l)" \
    "$(echo "${TPS[queryflux-$clients]} / ${TPS[direct-$clients]}" | bc -l)" \
    "$(echo "${TPS[relay-$clients]} / ${TPS[pgbouncer-$clients]}" | bc -l)" \
    "$(echo "${TPS[queryflux-$clients]} / ${TPS[relay-$clients]}" | bc -l)"
done
