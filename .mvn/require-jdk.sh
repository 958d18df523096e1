# Sourced by ./mvnw before Maven starts. vectorgrad builds and runs on JDK 25 (the Vector API);
# the Maven toolchains plugin finds it in the usual install folders whatever `java` is on PATH.
# This guard looks in the same places first, so a machine without one gets a single clear line
# instead of a toolchain stack trace. VECTORGRAD_SKIP_JDK_CHECK=1 turns it off.
vectorgrad_has_jdk() {
  set +f # mvnw runs with globbing off; the search below needs it
  for home in "${JAVA_HOME-}" ${JAVA25_HOME-} /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$home" ] && [ -f "$home/release" ] || continue
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
    if [ -n "$version" ] && [ "$version" -ge 25 ] && [ -x "$home/bin/javac" ]; then set -f; return 0; fi
  done
  set -f
  return 1
}
if [ "${VECTORGRAD_SKIP_JDK_CHECK-}" != 1 ] && ! vectorgrad_has_jdk; then
  echo "vectorgrad needs a JDK 25 or newer: install one (e.g. Temurin 25, or your OS's openjdk-25-jdk package) under /usr/lib/jvm or set JAVA_HOME to it." >&2
  exit 1
fi
