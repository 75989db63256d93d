#!/usr/bin/env bash
# Runs the reverse-mode benchmarks (issue #12) and writes the section "Reverse mode" of
# BENCHMARKS.md (the rest of the file is kept as benchmarks/run.sh wrote it).
#
#   benchmarks/run-reverse.sh [FORKS WARMUPS WARMUP_MS ITERATIONS ITERATION_MS [JOB_REGEX]]
#
# Defaults: 1 fork, 2 x 1 s warm-up, 5 x 600 ms measurement: about 22 minutes on 2 cores plus the
# build (the forward-lane gradients at n = 10,000 take seconds per call). JOB_REGEX restricts the
# jobs (ids <function>@<n>, crossover-<function>@<n> and, for H·v of the order-2 copies,
# hv-<function>@<n>); the report then covers those.
# SKIP_BUILD=1 reuses benchmarks/target/benchmarks.jar as it is.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # within the reactor, never `mvn install` (see run.sh); clean, so the generated code is fresh
  echo "== building (the processor and the benchmarks jar, within the reactor)"
  mvn -B -q -pl processor,benchmarks,benchmarks-report -am clean package -DskipTests
fi
jar=benchmarks/target/benchmarks.jar
# the report writer (module benchmarks-report) reads the case lists from the benchmarks jar
report_cp="$jar:benchmarks-report/target/classes"
out=benchmarks/target/bench-reverse
rm -rf "$out"
mkdir -p "$out"

echo "== reverse-mode suite; JMH's log in $out/jmh.log"
java -cp "$jar" org.dualj.benchmarks.suite.ReverseSuite "$out" "${1:-1}" "${2:-2}" "${3:-1000}" \
  "${4:-5}" "${5:-600}" "${6:-.*}" 2>&1 | tee "$out/jmh.log" \
  | grep --line-buffered -E '^#####|^reverse|CHECK|Exception|ERROR' || true
if [[ ! -f "$out/reverse-meta.properties" ]]; then
  echo "the suite did not finish; see $out/jmh.log" >&2
  exit 1
fi
java -cp "$report_cp" org.dualj.benchmarks.report.ReverseReport "$out" BENCHMARKS.md
