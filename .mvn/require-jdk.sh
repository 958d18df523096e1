# Sourced by ./mvnw before Maven starts. vectorgrad builds and runs on JDK 25 (the Vector API).
# Maven itself is started on a JDK 25 found here, whatever `java` is on PATH, because the jar tool
# that packs the module descriptor must understand class files of version 69; the toolchains plugin
# then hands the same JDK to the compiler, Surefire and exec. Without one, stop with a single line.
# VECTORGRAD_SKIP_JDK_CHECK=1 turns this off (Maven then runs on JAVA_HOME as usual).
vectorgrad_find_jdk() {
  set +f # mvnw runs with globbing off; the search below needs it
  for home in "${JAVA_HOME-}" "${JAVA25_HOME-}" /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
      "${HOME-/nonexistent}"/.sdkman/candidates/java/* "${HOME-/nonexistent}"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$home" ] && [ -f "$home/release" ] || continue
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
    if [ -n "$version" ] && [ "$version" -ge 25 ] && [ -x "$home/bin/javac" ]; then
      set -f
      printf '%s\n' "$home"
      return 0
    fi
  done
  set -f
  return 1
}
if [ "${VECTORGRAD_SKIP_JDK_CHECK-}" != 1 ]; then
  if vectorgrad_jdk=$(vectorgrad_find_jdk); then
    JAVA_HOME=$vectorgrad_jdk
    export JAVA_HOME
    # Maven 3.9's Guice calls sun.misc.Unsafe, which JDK 24+ warns about on every start
    case " ${MAVEN_OPTS-} " in
      *sun-misc-unsafe-memory-access*) ;;
      *) MAVEN_OPTS="${MAVEN_OPTS-} --sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;;
    esac
  else
    echo "vectorgrad needs a JDK 25 or newer: install one (e.g. Temurin 25, or your OS's openjdk-25-jdk package) under /usr/lib/jvm or set JAVA_HOME to it." >&2
    exit 1
  fi
fi
