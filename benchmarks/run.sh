#!/usr/bin/env bash
# Runs the dualj benchmark suite and writes BENCHMARKS.md and benchmarks-gradient.svg at the
# repository root.
#
#   benchmarks/run.sh [quick|full] [CASE_REGEX]
#
# quick (default): 1 fork, 4 x 400 ms warm-up, 4 x 300 ms measurement, 5 javac runs each; about
#                  10 minutes on 2 cores plus the build (the second-order cases alone, '^hessian-':
#                  about 3).
# full:            3 forks, 5 x 1 s warm-up, 10 x 1 s measurement, 11 javac runs each; about an hour
#                  and a half on 2 cores.
# Both run every case and variant (a fixed chunk equal to the default lane width is skipped),
# then the second-order cases (order = 2 copies: Hessians, H·v; ids hessian-<function>@<n>).
# CASE_REGEX restricts the cases (e.g. 'rosenbrock@100|seed', which matches the second-order
# hessian-rosenbrock@100 and hessian-seed@2 too; anchor with ^ for gradient cases only); the report
# then covers those. A regex matching second-order cases only ('^hessian-') skips the compile-time
# runs and replaces just the section "Second order (Hessians)" of the existing BENCHMARKS.md,
# leaving the gradient suite's numbers and the SVG as their own run wrote them.
# SKIP_BUILD=1 reuses benchmarks/target/benchmarks.jar as it is.
set -euo pipefail

mode="${1:-quick}"
filter="${2:-.*}"
case "$mode" in
  quick) javac_runs=5 ;;
  full) javac_runs=11 ;;
  *) echo "usage: $0 [quick|full] [CASE_REGEX]" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
start=$(date +%s)

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # Within the reactor, never `mvn install`: the local repository may be shared, and the
  # benchmarks' annotationProcessorPaths resolve dualj-processor from the reactor only when the
  # processor module is part of it (-pl processor,benchmarks). clean: javac's incremental check
  # does not notice a changed processor, so the generated code would be stale.
  echo "== building (the processor and the benchmarks jar, within the reactor)"
  mvn -B -q -pl processor,benchmarks,benchmarks-report -am clean package -DskipTests
fi
jar=benchmarks/target/benchmarks.jar
# the report writer (module benchmarks-report) reads the case lists from the benchmarks jar
report_cp="$jar:benchmarks-report/target/classes"
out="benchmarks/target/bench-$mode"
rm -rf "$out"
mkdir -p "$out"
built=$(date +%s)

echo "== JMH suite ($mode); JMH's log in $out/jmh.log"
java -cp "$jar" org.dualj.benchmarks.suite.Suite "$mode" "$out" "$filter" 2>&1 | tee "$out/jmh.log" \
  | grep --line-buffered -E '^#####|^suite|CHECK|check:|Exception|ERROR' || true
if [[ ! -f "$out/meta.properties" ]]; then
  echo "the suite did not finish; see $out/jmh.log" >&2
  exit 1
fi

if grep -q '^gradient.cases=0$' "$out/meta.properties"; then
  echo "== no gradient cases in this run: no compile-time runs; only the second-order section is replaced"
else
  echo "== compile time ($javac_runs javac runs with and without the processor)"
  java -cp "$jar" org.dualj.benchmarks.suite.CompileTime benchmarks/target/compile-time-lib "$out" "$javac_runs"
fi

java -cp "$report_cp" org.dualj.benchmarks.report.Report "$out" BENCHMARKS.md benchmarks-gradient.svg
end=$(date +%s)
echo "== done: $((end - built)) s for the suite and the compile-time runs ($((end - start)) s with the build)"
