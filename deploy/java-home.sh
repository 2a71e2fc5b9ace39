# Sourced by Lifeline's scripts: exports JAVA_HOME as a JDK 21 or newer, or fails with a clear message.
# Takes JAVA_HOME when it is new enough, else the java on PATH, else the newest JDK under /usr/lib/jvm.

# The major version of a java binary (8 for 1.8.0_x, 21 for 21.0.2), or 0 if it does not run.
lifeline_java_major() {
  local version
  version=$("$1" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  version=${version#1.}
  echo "${version%%[.+-]*}" | grep -E '^[0-9]+$' || echo 0
}

lifeline_pick_java_home() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && (( $(lifeline_java_major "$JAVA_HOME/bin/java") >= 21 )); then
    echo "$JAVA_HOME"; return
  fi
  local java
  if java=$(command -v java) && (( $(lifeline_java_major "$java") >= 21 )); then
    java=$(readlink -f "$java")
    echo "${java%/bin/java}"; return
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/*/; do
    candidate=${candidate%/}
    [[ -x "$candidate/bin/java" ]] || continue
    major=$(lifeline_java_major "$candidate/bin/java")
    if (( major >= 21 && major > best_major )); then best=$candidate; best_major=$major; fi
  done
  [[ -n "$best" ]] && echo "$best"
}

if ! JAVA_HOME=$(lifeline_pick_java_home); then
  echo "Lifeline needs a JDK 21 or newer: set JAVA_HOME to one, put its java on PATH, or install one under /usr/lib/jvm." >&2
  exit 1
fi
export JAVA_HOME
