#!/usr/bin/env bash
# Benchmark of the offer matcher (not a test; nothing asserts on the timings): ranks 1,000 offers against
# 100,000 open needs spread over China with donations-service's NeedIndex, and with the baseline that
# scores every need (ScanRanker), and prints p50/p90/p99/max per ranking of each. Every ranking of the
# index is checked to equal the scan's (the script fails otherwise). In memory only: no database, no Kafka.
#
#   bench/matcher.sh [--rebuild]
#
# Uses donations-service's compiled classes (built offline with ./mvnw when missing or older than their
# sources, or with --rebuild) and compiles bench/src/matcher (outside the bench module's Maven sources)
# into bench/target/matcher-classes.
#
# Settings (system properties of the run, as environment variables): BENCH_NEEDS (100000),
# BENCH_OFFERS (1000), BENCH_LIMIT (20), BENCH_SEED (20261121), BENCH_WARMUPS (3).
set -euo pipefail

rebuild=false
for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=true ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "matcher.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$bench_dir")
source "$repo/deploy/java-home.sh"

classes=$repo/donations-service/target/classes
marker=$classes/org/lifeline/donations/offer/NeedIndex.class
cd "$repo"
if $rebuild || [[ ! -f "$marker" ]] \
    || [[ -n $(find donations-service/src/main/java/org/lifeline/donations/offer \
                    donations-service/src/main/java/org/lifeline/donations/domain/offer -newer "$marker" -print -quit) ]]; then
  echo "Compiling donations-service (./mvnw -B -o -q -pl donations-service compile) with $JAVA_HOME ..."
  flock /tmp/donations-service-build.lock ./mvnw -B -o -q -pl donations-service compile
fi

out=$bench_dir/target/matcher-classes
rm -rf "$out"
mkdir -p "$out"
"$JAVA_HOME/bin/javac" --release 21 -d "$out" -cp "$classes" \
  "$bench_dir/src/matcher/java/org/lifeline/bench/MatcherBenchmark.java"

"$JAVA_HOME/bin/java" -Xmx1g \
  -Dbench.needs="${BENCH_NEEDS:-100000}" -Dbench.offers="${BENCH_OFFERS:-1000}" -Dbench.limit="${BENCH_LIMIT:-20}" \
  -Dbench.seed="${BENCH_SEED:-20261121}" -Dbench.warmups="${BENCH_WARMUPS:-3}" \
  -cp "$out:$classes" org.lifeline.bench.MatcherBenchmark
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
