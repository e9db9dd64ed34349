# Sourced by ./mvnw before Maven starts (POSIX sh, under `set -euf`).
# The build needs a JDK 21 or newer for Maven itself, not only for the compiler: the Vaadin Maven
# plugin (production bundle) and Spring Boot 4's plugin run inside Maven's JVM. When JAVA_HOME or the
# default java is older, look for a JDK 21+ in the usual places (newest first) and use it; otherwise
# stop with one line that says what to install. Set SERIAL_REGISTRY_SKIP_JDK_CHECK=true to bypass.

sr_java_major() {
  # "openjdk version "17.0.15" ..." / "java version "1.8.0_..."" -> 17 / 8
  sr_v=$("$1" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  sr_v=${sr_v#1.}
  sr_v=${sr_v%%[.+-]*}
  case "$sr_v" in '' | *[!0-9]*) echo 0 ;; *) echo "$sr_v" ;; esac
}

sr_select_jdk() {
  sr_min=21
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ] \
    && [ "$(sr_java_major "$JAVA_HOME/bin/java")" -ge "$sr_min" ]; then
    return 0
  fi
  if [ -z "${JAVA_HOME-}" ] && command -v javac >/dev/null 2>&1 && command -v java >/dev/null 2>&1 \
    && [ "$(sr_java_major java)" -ge "$sr_min" ]; then
    return 0
  fi
  sr_found=""
  sr_best=0
  set +f
  for sr_dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "${HOME-}"/.sdkman/candidates/java/* \
    "${HOME-}"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -x "$sr_dir/bin/javac" ] && [ -x "$sr_dir/bin/java" ]; then
      sr_major=$(sr_java_major "$sr_dir/bin/java")
      if [ "$sr_major" -ge "$sr_min" ] && [ "$sr_major" -gt "$sr_best" ]; then
        sr_found=$sr_dir
        sr_best=$sr_major
      fi
    fi
  done
  set -f
  if [ -n "$sr_found" ]; then
    [ "${MVNW_VERBOSE-}" = false ] || [ -z "${MVNW_VERBOSE-}" ] || echo "Using JDK $sr_best at $sr_found" >&2
    JAVA_HOME=$sr_found
    export JAVA_HOME
    return 0
  fi
  if [ -n "${JAVA_HOME-}" ]; then
    sr_have="JAVA_HOME=$JAVA_HOME is java $(sr_java_major "$JAVA_HOME/bin/java")"
  elif command -v java >/dev/null 2>&1; then
    sr_have="the default java is $(sr_java_major java)"
  else
    sr_have="no java was found"
  fi
  echo "Serial Registry needs a JDK 21 or newer, but $sr_have and none was found beside it: install one (e.g. apt-get install openjdk-21-jdk, or Temurin 21/25) or point JAVA_HOME at it." >&2
  exit 1
}

if [ "${SERIAL_REGISTRY_SKIP_JDK_CHECK-}" != true ]; then
  sr_select_jdk
fi
