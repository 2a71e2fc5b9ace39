#!/usr/bin/env bash
# Benchmark of the offer matcher: the same as `bench/run.sh matcher` (see bench/run.sh --help).
#
#   bench/matcher.sh [--rebuild]
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" matcher "$@"
