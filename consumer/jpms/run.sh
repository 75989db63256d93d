#!/usr/bin/env bash
# A two-module JPMS application with a tangent rule in each module, built with plain javac and
# jar and run on the module path: the library module com.example.kinetics (a rate law with its
# rule in another package, and a @Differentiable method), and com.example.app (a rule of its own,
# and a method using the library's rule and method). Fails if javac warns (-Xlint:all -Werror),
# if the modules split a package (LayerInstantiationException at start-up) or if the gradient is
# not the analytic one.
#
# usage: run.sh ANNOTATIONS_JAR RUNTIME_JAR PROCESSOR_JAR   (javac, jar and java from PATH)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
annotations=$1
runtime=$2
processor=$3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/mods"

javac -Xlint:all -Werror -d "$out/kinetics" --module-path "$annotations:$runtime" -processorpath "$processor" \
  $(find "$here/kinetics" -name '*.java')
jar --create --file "$out/mods/com.example.kinetics.jar" -C "$out/kinetics" .

javac -Xlint:all -Werror -d "$out/app" --module-path "$annotations:$runtime:$out/mods" -processorpath "$processor" \
  $(find "$here/app" -name '*.java')
jar --create --file "$out/mods/com.example.app.jar" --main-class com.example.app.Main -C "$out/app" .

# The annotations are compile-time only (requires static): the application runs without them.
java --module-path "$runtime:$out/mods" --module com.example.app
