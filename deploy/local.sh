#!/usr/bin/env bash
# Runs the whole Lifeline stack on this machine: PostgreSQL, Kafka and the four services.
#
#   deploy/local.sh [--rebuild] [--fast] [--demo]
#   deploy/local.sh demo                                  (seeds the demo data into the running stack)
#   deploy/local.sh reconcile [--json] [--wait SECONDS]   (against the running stack; --help says more)
#
# Builds first when a service or the launcher is missing or older than the sources (--rebuild forces it),
# then runs until Ctrl-C; it prints the URL to open. --demo (or `deploy/local.sh demo` later) seeds a realistic
# earthquake response through the public API and prints the demo accounts; seeding again adds nothing.
# Data (databases, topics, JWT keys, admin password, logs) stays in .lifeline/ at the repository root, or in
# $LIFELINE_HOME. Other settings: LIFELINE_PORT (8080, the gateway; the services take the next three),
# LIFELINE_PG_PORT (5432), LIFELINE_KAFKA_PORT (9092), LIFELINE_START_TIMEOUT (90 s), LIFELINE_ADMIN_EMAIL, LIFELINE_ADMIN_PASSWORD.
#
# Everything listens on 127.0.0.1 only. LIFELINE_GATEWAY_HOST=0.0.0.0 serves the gateway (the only public door,
# with its rate limits and body cap) to other machines too, for a team that runs this stack as its server.
# LIFELINE_SERVICES_HOST (127.0.0.1) does the same for the three services, which then skip the gateway: avoid it.
#
# PostgreSQL is durable (fsync, synchronous_commit and full_page_writes on): a pledge acknowledged is on disk.
# --fast (or LIFELINE_PG_DURABLE=false) turns the three off for throwaway runs, where a power cut or a crash of
# the machine may lose the last acknowledged writes (bench/run.sh durability measures the difference).
#
# A process of the stack that crashes is started again (after 1 s, 2 s, 4 s ... up to 30 s), and given up on
# after more than 10 crashes in 10 minutes. A start after a launcher that was killed outright stops what that
# one left running (listed in lifeline.pid in the data folder) first.
set -euo pipefail

if [[ "${1:-}" == reconcile || "${1:-}" == demo ]]; then
  command=$1
  shift
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  source deploy/java-home.sh
  if [[ ! -f deploy/launcher/target/lifeline-launcher.jar ]]; then
    echo "local.sh: the launcher is not built yet: run deploy/local.sh once first" >&2
    exit 2
  fi
  # reconcile compares the event stores with the relief feed: exit code 0 no drift, 1 drift, 2 could not check.
  # demo seeds the demo data through the gateway: exit code 0 seeded, 1 failed, 2 could not start.
  main=org.lifeline.launcher.Reconciliation
  [[ $command == demo ]] && main=org.lifeline.launcher.DemoData
  exec "$JAVA_HOME/bin/java" -cp "deploy/launcher/target/lifeline-launcher.jar:deploy/launcher/target/lib/*" "$main" "$@"
fi

rebuild=false
launcher_args=()
for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=true ;;
    --fast) export LIFELINE_PG_DURABLE=false ;;
    --demo) launcher_args+=(--demo) ;;
    -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "local.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Exports JAVA_HOME as a JDK 21 or newer, or stops with a clear message.
source deploy/java-home.sh

launcher_jar=deploy/launcher/target/lifeline-launcher.jar
built=("$launcher_jar")
for service in gateway campaigns-service donations-service relief-feed-service; do
  built+=("$service/target/quarkus-app/quarkus-run.jar")
done

# True when an artifact is missing or any pom.xml or file under a module's src/ is newer than the oldest one.
needs_build() {
  local oldest="" jar
  for jar in "${built[@]}"; do
    [[ -f "$jar" ]] || return 0
    if [[ -z "$oldest" || "$jar" -ot "$oldest" ]]; then oldest=$jar; fi
  done
  [[ -n $(find . \( -name target -o -name .lifeline -o -name .git -o -name node_modules \) -prune -o \
      -type f \( -name pom.xml -o -path '*/src/*' \) -newer "$oldest" -print -quit) ]]
}

java_options=()
# Kafka and Maven still use sun.misc.Unsafe's memory methods, which JDK 24 and later warn about on the console.
if (( $(lifeline_java_major "$JAVA_HOME/bin/java") >= 23 )); then java_options+=(--sun-misc-unsafe-memory-access=allow); fi

if $rebuild || needs_build; then
  echo "Building Lifeline (./mvnw -B -q install -DskipTests) with $JAVA_HOME ..."
  build_start=$(mktemp)
  MAVEN_OPTS="${MAVEN_OPTS:-} ${java_options[*]}" ./mvnw -B -q install -DskipTests
  # Maven leaves an unchanged jar as it was: mark all of them as built from the sources as of the build's start.
  touch -r "$build_start" "${built[@]}"
  rm -f "$build_start"
fi

exec "$JAVA_HOME/bin/java" "${java_options[@]}" -cp "$launcher_jar:deploy/launcher/target/lib/*" org.lifeline.launcher.LocalStack \
  ${launcher_args[@]+"${launcher_args[@]}"}
