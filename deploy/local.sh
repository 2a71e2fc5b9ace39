#!/usr/bin/env bash
# Runs the whole Lifeline stack on this machine: PostgreSQL, Kafka and the four services.
#
#   deploy/local.sh [--rebuild]
#
# Builds first when a service or the launcher is missing or older than the sources (--rebuild forces it),
# then runs until Ctrl-C. Data (databases, topics, JWT keys, admin password, logs) stays in .lifeline/
# at the repository root, or in $LIFELINE_HOME. Other settings: LIFELINE_PG_PORT (5432),
# LIFELINE_KAFKA_PORT (9092), LIFELINE_START_TIMEOUT (90 s), LIFELINE_ADMIN_EMAIL, LIFELINE_ADMIN_PASSWORD.
set -euo pipefail

rebuild=false
for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=true ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "local.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The major version of a java binary (8 for 1.8.0_x, 21 for 21.0.2), or 0 if it does not run.
java_major() {
  local version
  version=$("$1" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  version=${version#1.}
  echo "${version%%[.+-]*}" | grep -E '^[0-9]+$' || echo 0
}

pick_java_home() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && (( $(java_major "$JAVA_HOME/bin/java") >= 21 )); then
    echo "$JAVA_HOME"; return
  fi
  local java
  if java=$(command -v java) && (( $(java_major "$java") >= 21 )); then
    java=$(readlink -f "$java")
    echo "${java%/bin/java}"; return
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/*/; do
    candidate=${candidate%/}
    [[ -x "$candidate/bin/java" ]] || continue
    major=$(java_major "$candidate/bin/java")
    if (( major >= 21 && major > best_major )); then best=$candidate; best_major=$major; fi
  done
  [[ -n "$best" ]] && echo "$best"
}

if ! JAVA_HOME=$(pick_java_home); then
  echo "local.sh: Lifeline needs a JDK 21 or newer: set JAVA_HOME to one, put its java on PATH, or install one under /usr/lib/jvm." >&2
  exit 1
fi
export JAVA_HOME

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

if $rebuild || needs_build; then
  echo "Building Lifeline (./mvnw -B -q install -DskipTests) with $JAVA_HOME ..."
  ./mvnw -B -q install -DskipTests
fi

exec "$JAVA_HOME/bin/java" -cp "$launcher_jar:deploy/launcher/target/lib/*" org.lifeline.launcher.LocalStack
