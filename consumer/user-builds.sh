#!/usr/bin/env bash
# A new user's builds, from nothing but the installed artifacts (run after `mvn install` in the
# repository root), each built and checked on every JDK given:
#   1. a Maven project made of the README's "Using it in your build" snippets, pasted verbatim
#      (the pom snippet inside a bare <project>, the Java snippet as src/main/java/Model.java);
#   2. plain javac with the processor jar alone on -processorpath (consumer/plain-javac);
#   3. a two-module JPMS application with a tangent rule in each module (consumer/jpms);
#   4. a Levenberg-Marquardt fit with the dualj-hipparchus adapter (consumer/hipparchus);
#   5. the consumer/ project (several models and JUnit tests).
# Projects are copied to temporary folders, so the repository stays clean.
#
# usage: consumer/user-builds.sh [JAVA_HOME ...]      (default: the JDK of `java` on PATH)
# MAVEN_REPO_LOCAL, when set, is the local repository to read the artifacts from.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
repo=${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}
mvn_args=(-B -q)
if [ -n "${MAVEN_REPO_LOCAL:-}" ]; then
  mvn_args+=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL")
fi
# the project's version: the first <version> after the parent's artifactId in the root pom
version=$(sed -n '/<artifactId>dualj-parent<\/artifactId>/,$ s|.*<version>\(.*\)</version>.*|\1|p' "$root/pom.xml" | head -n 1)

installed() {
  local jar="$repo/org/dualj/$1/$version/$1-$version.jar"
  if [ ! -f "$jar" ]; then
    echo "user-builds: $jar is not installed (run mvn install in $root first)" >&2
    exit 1
  fi
  echo "$jar"
}
annotations=$(installed dualj-annotations)
runtime=$(installed dualj-runtime)
processor=$(installed dualj-processor)
installed dualj-hipparchus > /dev/null

# The fenced block of language $2 that comes first after the heading $1 in README.md.
readme_block() {
  awk -v heading="$1" -v fence="\`\`\`$2" '
    $0 == heading { inside = 1; next }
    inside && !open && $0 == fence { open = 1; next }
    open && $0 == "```" { exit }
    open { print }' "$root/README.md"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

readme_project() {
  local dir="$work/readme-$1"
  mkdir -p "$dir/src/main/java"
  {
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<project xmlns="http://maven.apache.org/POM/4.0.0">'
    echo '  <modelVersion>4.0.0</modelVersion>'
    echo '  <groupId>com.example</groupId>'
    echo '  <artifactId>readme-snippet</artifactId>'
    echo '  <version>1.0</version>'
    readme_block "## Using it in your build" xml
    echo '</project>'
  } > "$dir/pom.xml"
  readme_block "## Using it in your build" java > "$dir/src/main/java/Model.java"
  if ! grep -q '<annotationProcessorPaths>' "$dir/pom.xml" || ! grep -q '@Differentiable' "$dir/src/main/java/Model.java"; then
    echo "README snippet: the pom or Java snippet was not found under '## Using it in your build'" >&2
    exit 1
  fi
  mvn "${mvn_args[@]}" -f "$dir/pom.xml" package
  # f(x) = sin(x)·x at 0.5: value and derivative sin(x) + x·cos(x), from the analytic formula
  java -cp "$dir/target/classes:$runtime" Model | awk '{
      v = sin(0.5) * 0.5; d = sin(0.5) + 0.5 * cos(0.5)
      if (NF != 2 || ($1 - v) ^ 2 > 1e-28 || ($2 - d) ^ 2 > 1e-28) {
        print "README snippet: printed " $0 ", expected " v " " d; exit 1
      }
      printf "README snippet: f(0.5) = %s, f'"'"'(0.5) = %s (analytic %.17g)\n", $1, $2, d }'
}

maven_project() {
  local name=$1 source=$2
  local dir="$work/$name"
  mkdir -p "$dir"
  (cd "$source" && tar --exclude=./target -cf - .) | (cd "$dir" && tar -xf -)
  mvn "${mvn_args[@]}" -f "$dir/pom.xml" verify
  echo "$name: built and tested with Maven"
}

homes=("$@")
if [ ${#homes[@]} -eq 0 ]; then
  homes=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
fi
for home in "${homes[@]}"; do
  export JAVA_HOME="$home"
  export PATH="$home/bin:$PATH"
  echo "== user builds on $(java -version 2>&1 | sed -n 1p) ($home)"
  readme_project "$(basename "$home")"
  bash "$root/consumer/plain-javac/run.sh" "$annotations" "$runtime" "$processor"
  bash "$root/consumer/jpms/run.sh" "$annotations" "$runtime" "$processor"
  maven_project "hipparchus-fit-$(basename "$home")" "$root/consumer/hipparchus"
  maven_project "consumer-$(basename "$home")" "$root/consumer"
done
echo "user builds: all passed"
