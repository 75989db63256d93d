#!/usr/bin/env bash
# Compiles a @Differentiable class with plain javac, the processor jar alone on -processorpath,
# and runs it: the processor jar must be self-contained.
#
# usage: run.sh [ANNOTATIONS_JAR RUNTIME_JAR PROCESSOR_JAR]   (javac and java from PATH)
# Without arguments it takes the jars the build packaged under target/ (run after `mvn package`).
set -euo pipefail
cd "$(dirname "$0")/../.."
jar_of() { ls "$1"/target/"$2"-*.jar | grep -v -e sources -e javadoc -e original | head -n 1; }
annotations=${1:-$(jar_of annotations dualj-annotations)}
runtime=${2:-$(jar_of dual-runtime dualj-runtime)}
processor=${3:-$(jar_of processor dualj-processor)}
out=$(mktemp -d)
javac -Xlint:all -Werror -d "$out" -cp "$annotations:$runtime" -processorpath "$processor" \
  consumer/plain-javac/src/plain/*.java
java -cp "$out:$runtime" plain.Main
rm -rf "$out"
