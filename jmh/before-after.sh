#!/usr/bin/env bash
# Runs the same JMH benchmarks built from a before revision and from the working tree, one after the other on
# this machine, then flags with jmh/compare.py every row more than 3% slower whose confidence intervals do not
# overlap (exit status 1 if any). Neither build touches ~/.m2: each tree compiles the library into its own
# target/classes and the JMH sources against it, so other builds on the machine are not disturbed.
#   jmh/before-after.sh REV REGEX [JMH options]      (options default to: -f 2 -wi 3 -i 5 -w 1s -r 1s)
#   jmh/before-after.sh df4d721 'BinaryKernelBenchmark.simd$|NDArrayOpsBenchmark' -p size=1003,1000 -f 3
# Results: jmh/target/before-after/{before,after}.json and compare.md (OUT_DIR overrides the folder).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rev=$1
regex=$2
shift 2
opts=("$@")
[ ${#opts[@]} -gt 0 ] || opts=(-f 2 -wi 3 -i 5 -w 1s -r 1s)
out=${OUT_DIR:-$root/jmh/target/before-after}
mkdir -p "$out"
# a JDK 25 or newer: JAVA_HOME, else the first one under the usual install folder (./mvnw's own JVM may be older)
is_jdk25() { [ -x "$1/bin/javac" ] && "$1/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; }
jdk=${JAVA_HOME:-}
if [ -z "$jdk" ] || ! is_jdk25 "$jdk"; then
  for d in /usr/lib/jvm/*; do if is_jdk25 "$d"; then jdk=$d; break; fi; done
fi
is_jdk25 "$jdk" || { echo "set JAVA_HOME to a JDK 25 or newer" >&2; exit 2; }
repo=${MAVEN_REPO:-$HOME/.m2/repository}
jmh_version=$(sed -n 's:.*<jmh.version>\(.*\)</jmh.version>.*:\1:p' "$root/jmh/pom.xml")
ejml_version=$(sed -n 's:.*<ejml.version>\(.*\)</ejml.version>.*:\1:p' "$root/jmh/pom.xml")
deps=$repo/org/openjdk/jmh/jmh-core/$jmh_version/jmh-core-$jmh_version.jar
deps=$deps:$(ls "$repo"/net/sf/jopt-simple/jopt-simple/*/*.jar | tail -1)
deps=$deps:$(ls "$repo"/org/apache/commons/commons-math3/*/*.jar | tail -1)
for m in ejml-core ejml-fdense ejml-ddense; do deps=$deps:$repo/org/ejml/$m/$ejml_version/$m-$ejml_version.jar; done
processor=$repo/org/openjdk/jmh/jmh-generator-annprocess/$jmh_version/jmh-generator-annprocess-$jmh_version.jar

tmp=$(mktemp -d)
git -C "$root" worktree add --detach "$tmp/before" "$rev" > /dev/null
trap 'git -C "$root" worktree remove --force "$tmp/before"; rm -rf "$tmp"' EXIT

# the library's classes, then the benchmarks (with JMH's annotation processor) against them
build() {
  (cd "$1" && ./mvnw -q -o compile)
  rm -rf "$1/target/jmh-classes"
  "$jdk/bin/javac" -nowarn -XDsuppressNotes --add-modules jdk.incubator.vector -cp "$1/target/classes:$deps" \
      -processorpath "$processor:$deps" -d "$1/target/jmh-classes" $(find "$1/jmh/src/main/java" -name '*.java') \
      2>&1 | grep -v 'incubat\|^1 warning\|^warning' || true
}
run() {
  "$jdk/bin/java" --add-modules jdk.incubator.vector -cp "$1/target/jmh-classes:$1/target/classes:$deps" \
      org.openjdk.jmh.Main "$regex" "${opts[@]}" -rf json -rff "$2"
}
build "$tmp/before"
build "$root"
run "$tmp/before" "$out/before.json"
run "$root" "$out/after.json"
python3 "$root/jmh/compare.py" --before "$out/before.json" --after "$out/after.json" | tee "$out/compare.md"
