# syntax=docker/dockerfile:1
#
# Serial Registry container image.
#
#   docker build -t serial-registry:0.1.0 .
#   docker run -p 8080:8080 \
#     -e SPRING_DATASOURCE_URL=jdbc:postgresql://db:5432/serial_registry \
#     -e SPRING_DATASOURCE_USERNAME=... -e SPRING_DATASOURCE_PASSWORD=... \
#     serial-registry:0.1.0

############################
# Build stage
############################
FROM eclipse-temurin:25-jdk AS build
WORKDIR /workspace

# 1) Maven wrapper + POM only: this layer (Maven itself and all dependencies,
#    including the production profile's plugins) is rebuilt only when pom.xml
#    or the wrapper changes.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN chmod +x mvnw \
 && ./mvnw -B -q -Pproduction dependency:go-offline

# 2) Sources. `frontend/` is optional (a COPY of a missing path would fail the
#    build), so the rest of the context is copied and .dockerignore keeps out
#    build output, VCS data, deployment files and local state.
COPY . .
RUN ./mvnw -B -Pproduction -DskipTests package \
 && cp target/serial-registry-*.jar /workspace/app.jar

# 3) Split the Spring Boot jar into layers (dependencies change less often
#    than application classes). Result: extracted/<layer>/app.jar + lib/.
RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted

############################
# Runtime stage
############################
FROM eclipse-temurin:25-jre AS runtime

# The Temurin JRE images (Ubuntu) ship neither curl nor wget: curl is installed
# for the HEALTHCHECK only.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app \
 && mkdir -p /app/data \
 && chown 10001:10001 /app/data

WORKDIR /app

# Least volatile layer first.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./

ENV SPRING_PROFILES_ACTIVE=postgres \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

# Files are root-owned and read-only to the app user. It writes to /tmp and,
# only without the postgres profile (embedded H2 demo), to /app/data. With
# PostgreSQL the root filesystem can be mounted read-only (see the Helm chart).
USER 10001:10001

EXPOSE 8080

HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD curl -fsS -o /dev/null http://localhost:8080/actuator/health/liveness || exit 1

# Replaces the base image's /__cacert_entrypoint.sh (only needed for
# USE_SYSTEM_CA_CERTS); mount a truststore via JAVA_TOOL_OPTIONS instead.
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
