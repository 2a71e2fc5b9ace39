#!/usr/bin/env bash
# Benchmarks (not tests; nothing asserts on their timings).
#
#   bench/run.sh [kernel] [--rebuild]    the event-sourcing kernel on a durable PostgreSQL (below)
#   bench/run.sh matcher [--rebuild]     the offer matcher, in memory (bench/matcher.sh runs this too)
#   bench/run.sh durability [--rebuild]  what the local stack's durable PostgreSQL costs (below)
#
# durability: starts the local stack's embedded PostgreSQL (zonky, as the launcher runs it) twice on this disk,
# durable (fsync, synchronous_commit, full_page_writes on: the default of deploy/local.sh) and throwaway (all off:
# LIFELINE_PG_DURABLE=false), and runs the same single-row JSONB INSERT transactions (autocommit, 8 writers) on
# each in interleaved rounds; prints tx/s and p50/p99 per round and per kind, and the ratio durable/throwaway
# (org.lifeline.bench.DurabilityBenchmark). Data in bench/target/durability (wiped on each run). Settings:
# BENCH_SECONDS (measured seconds per round, 10), BENCH_WARMUP_SECONDS (2 here), BENCH_ROUNDS (3 of each).
#
# matcher: ranks 1,000 offers against 100,000 open needs spread over China with donations-service's
# NeedIndex and with the baseline that scores every need (ScanRanker), and prints p50/p90/p99/max per
# ranking of each (org.lifeline.bench.MatcherBenchmark). Every ranking of the index is checked to equal
# the scan's (the run fails otherwise). No database, no Kafka. Settings: BENCH_NEEDS (100000),
# BENCH_OFFERS (1000), BENCH_LIMIT (20), BENCH_SEED (20261121), BENCH_WARMUPS (3).
#
# kernel: measures, with 8 concurrent writers (platform threads, each blocking on its own transaction):
#   a. the baseline: plain JDBC single-row INSERT INTO raw_events (id uuid, stream_id text, payload jsonb),
#      autocommit, ~150 B JSON payloads;
#   b. the kernel as a service runs it: CommandExecutor.execute(null, tx -> EventStore.append(...)), one
#      event per transaction to a new stream (with its outbox row; commit, then OutboxSignal.poke()), on a
#      pool that caches prepared statements;
#   c. the same with three events per transaction to existing streams (transactions/s and events/s);
#   r1/r2. the raw INSERT through the Vert.x pool, without and with BEGIN/COMMIT (the cost of the reactive
#      client and of a transaction), and phase a again at the end (a2) to show the drift;
#   d. the outbox relay's commit-to-Kafka latency (p50/p90/p99/max) at a moderate paced load (d1) and in a
#      burst (d2), and its throughput draining a backlog (d3), with an in-JVM KRaft broker.
# Each phase has a warm-up, then a fixed measured window; the table shows transactions/s, events/s, the
# p50/p99 latency of a whole transaction, the ratio to the raw INSERT rate, CPU per transaction, the load
# average and other processes' CPU share (other builds on the machine skew the figures: run it on a quiet
# machine and quote the load).
#
# PostgreSQL is Debian's `postgresql` package (installed with apt-get when missing), in a throwaway
# cluster under bench/target/pgdata owned by the postgres OS user, on port 5544, with fsync=on,
# synchronous_commit=on and full_page_writes=on stated explicitly (they are the defaults). The script
# stops that cluster when it exits. Kafka keeps its data in bench/target/kafka (wiped on each run).
#
# Settings: BENCH_SECONDS (measured seconds per phase, 10), BENCH_WARMUP_SECONDS (3),
# BENCH_RELAY_RATE (events/s of the moderate relay load, 500), BENCH_PG_PORT (5544).
set -euo pipefail

rebuild=false
benchmark=kernel
for arg in "$@"; do
  case "$arg" in
    kernel|matcher|durability) benchmark=$arg ;;
    --rebuild) rebuild=true ;;
    -h|--help) sed -n '2,43p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$bench_dir")
target=$bench_dir/target
port=${BENCH_PG_PORT:-5544}
seconds=${BENCH_SECONDS:-10}
warmup=${BENCH_WARMUP_SECONDS:-3}
relay_rate=${BENCH_RELAY_RATE:-500}

# --- a JDK >= 21 (exports JAVA_HOME or fails) ------------------------------------------------------

source "$repo/deploy/java-home.sh"

# --- the benchmark jar (with donations-service's jar for the matcher) ----------------------------

cd "$repo"
# Built when any of its inputs changed since the last build (the jar itself is only rewritten when bench's
# own classes change, so a stamp marks the build).
stamp=$target/build.stamp
jar=$(ls "$target"/lifeline-bench-*.jar 2>/dev/null | head -n 1 || true)
if $rebuild || [[ -z "$jar" || ! -d "$target/lib" || ! -f "$stamp" ]] \
    || [[ -n $(find "$bench_dir/src" "$bench_dir/pom.xml" kernel/src kernel/pom.xml local-infra/src \
                    local-infra/pom.xml donations-service/src/main donations-service/pom.xml pom.xml \
                    -newer "$stamp" -print -quit) ]]; then
  echo "Building the benchmark (./mvnw -B -q -pl bench -am install -DskipTests) with $JAVA_HOME ..."
  # Under the repository's install lock: it installs bench's upstream modules, which other builds read.
  flock /tmp/lifeline-install.lock ./mvnw -B -q -pl bench -am install -DskipTests
  touch "$stamp"
  jar=$(ls "$target"/lifeline-bench-*.jar | head -n 1)
fi

if [[ $benchmark == matcher ]]; then
  "$JAVA_HOME/bin/java" -Xmx1g \
    -Dbench.needs="${BENCH_NEEDS:-100000}" -Dbench.offers="${BENCH_OFFERS:-1000}" -Dbench.limit="${BENCH_LIMIT:-20}" \
    -Dbench.seed="${BENCH_SEED:-20261121}" -Dbench.warmups="${BENCH_WARMUPS:-3}" \
    -cp "$jar:$target/lib/*" org.lifeline.bench.MatcherBenchmark
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

if [[ $benchmark == durability ]]; then
  rm -rf "$target/durability"
  mkdir -p "$target/tmp"
  "$JAVA_HOME/bin/java" -Xmx1g -Djava.io.tmpdir="$target/tmp" \
    -Dbench.seconds="$seconds" -Dbench.warmupSeconds="${BENCH_WARMUP_SECONDS:-2}" -Dbench.rounds="${BENCH_ROUNDS:-3}" \
    -Dbench.workDir="$target" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$jar:$target/lib/*" org.lifeline.bench.DurabilityBenchmark
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

# --- PostgreSQL (Debian's package) --------------------------------------------------------------

if ! command -v pg_ctlcluster >/dev/null || ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  echo "Installing Debian's postgresql ..."
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
fi
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgdata=$target/pgdata
pg_log=$target/postgresql.log

as_postgres() { runuser -u postgres -- "$@"; }

mkdir -p "$target"
# A cluster left running by an interrupted earlier run of this script: stop it by its own data directory.
if [[ -f "$pgdata/postmaster.pid" ]] && as_postgres "$pg_bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
  as_postgres "$pg_bin/pg_ctl" -D "$pgdata" -m fast -w stop
fi
rm -rf "$pgdata" "$target/kafka"
install -d -o postgres -g postgres -m 700 "$pgdata"
as_postgres "$pg_bin/initdb" -D "$pgdata" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
: > "$pg_log"
chown postgres:postgres "$pg_log"

stop_postgres() {
  as_postgres "$pg_bin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null || true
}
trap stop_postgres EXIT
as_postgres "$pg_bin/pg_ctl" -D "$pgdata" -l "$pg_log" -w start -o "-p $port -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories=$pgdata -c fsync=on -c synchronous_commit=on -c full_page_writes=on" >/dev/null
as_postgres "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c 'CREATE DATABASE lifeline_bench' postgres

mkdir -p "$target/tmp"
"$JAVA_HOME/bin/java" -Xmx2g -Djava.io.tmpdir="$target/tmp" \
  -Dbench.seconds="$seconds" -Dbench.warmupSeconds="$warmup" -Dbench.relayRate="$relay_rate" \
  -Dbench.workDir="$target" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$jar:$target/lib/*" org.lifeline.bench.KernelBenchmark \
  "jdbc:postgresql://127.0.0.1:$port/lifeline_bench" postgres
