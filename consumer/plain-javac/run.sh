#!/usr/bin/env bash
# Compiles a @Differentiable class with plain javac, the processor jar alone on -processorpath,
# and runs it: the processor jar must be self-contained. Run from the repository root after
# `mvn install` (or any build that packaged the modules).
set -euo pipefail
cd "$(dirname "$0")/../.."
jar_of() { ls "$1"/target/"$2"-*.jar | grep -v -e sources -e javadoc -e original | head -n 1; }
annotations=$(jar_of annotations dualj-annotations)
runtime=$(jar_of dual-runtime dualj-runtime)
processor=$(jar_of processor dualj-processor)
out=$(mktemp -d)
javac -d "$out" -cp "$annotations:$runtime" -processorpath "$processor" \
  consumer/plain-javac/src/plain/*.java
java -cp "$out:$runtime" plain.Main
rm -rf "$out"
