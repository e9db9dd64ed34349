package org.serialregistry.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Helm chart as a cluster would get it: linted ({@code --strict}) and rendered by real Helm
 * (helm-java runs Helm's own Go code in process), then read back as Kubernetes objects and checked
 * for what an operator relies on. Two installs: the chart's defaults with only the settings it
 * requires, and several replicas behind an HPA with Keycloak and a pre-made Secret.
 */
class HelmChartTest {

    static final Path CHART = Path.of("helm/serial-registry");
    static final String SECRET_VALUE = "c2VjcmV0LWtleS1mb3ItdGhlLWNoYXJ0LXRlc3Qtb25seQ==";

    /** What the chart requires when it manages the Secret itself; everything else stays at its default. */
    static Map<String, Object> required() {
        return Map.of(
                "postgresql", Map.of("host", "pg.example.internal", "password", "pg-password-chart-test"),
                "app", Map.of(
                        "keys", Map.of("versions", Map.of("1", SECRET_VALUE)),
                        "chainKeys", Map.of("macVersions", Map.of("1", SECRET_VALUE), "checkpointKey", SECRET_VALUE),
                        "manufacturingKey", SECRET_VALUE,
                        "bootstrapAdmin", Map.of("password", "first-admin-password")));
    }

    static Map<String, Object> scaledOut() {
        return Map.of(
                "replicaCount", 3,
                "existingSecret", "serial-registry-secrets",
                "postgresql", Map.of("host", "pg.example.internal"),
                "autoscaling", Map.of("enabled", true, "minReplicas", 2, "maxReplicas", 6),
                "keycloak", Map.of("enabled", true, "issuerUri", "https://sso.example.com/realms/serial-registry"),
                "ingress", Map.of("enabled", true),
                "podDisruptionBudget", Map.of("enabled", true));
    }

    @TempDir
    Path work;

    @Test
    void theDefaultsWithTheRequiredSecretsLintAndRenderAsAnOperatorExpects() throws IOException {
        var manifests = lintAndRender(required());
        var deployment = one(manifests, Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        checkPod(deployment);
        // the chart's own Secret carries every secret the application refuses to start without
        var secret = one(manifests, Secret.class);
        assertThat(secret.getData()).containsKeys("SPRING_DATASOURCE_PASSWORD", "SERIAL_REGISTRY_KEYS_VERSIONS_1",
                "SERIAL_REGISTRY_CHAIN_KEYS_MAC_VERSIONS_1", "SERIAL_REGISTRY_CHAIN_KEYS_CHECKPOINT_KEY",
                "SERIAL_REGISTRY_KEYS_MANUFACTURING_KEY", "SERIAL_REGISTRY_BOOTSTRAP_ADMIN_PASSWORD");
        assertThat(envFrom(deployment)).contains("secret:" + secret.getMetadata().getName());
        noSecretInAConfigMap(manifests);
        assertThat(manifests).noneMatch(m -> m instanceof HorizontalPodAutoscaler || m instanceof Ingress);
    }

    @Test
    void severalReplicasWithAnHpaKeycloakAndAnExistingSecretRenderStickyAndComplete() throws IOException {
        var manifests = lintAndRender(scaledOut());
        var deployment = one(manifests, Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).as("the HPA owns the replica count").isNull();
        checkPod(deployment);
        var hpa = one(manifests, HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
        // Vaadin keeps the UI in the HTTP session: each browser must stay on its pod
        var annotations = one(manifests, Ingress.class).getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie")
                .containsKey("nginx.ingress.kubernetes.io/session-cookie-name");
        // the pre-made Secret replaces the chart's own
        assertThat(manifests).noneMatch(m -> m instanceof Secret);
        assertThat(envFrom(deployment)).contains("secret:serial-registry-secrets");
        var config = one(manifests, ConfigMap.class).getData();
        assertThat(config).containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
                "https://sso.example.com/realms/serial-registry");
        assertThat(config.get("SPRING_PROFILES_ACTIVE")).contains("keycloak");
        noSecretInAConfigMap(manifests);
    }

    @Test
    void aMissingSecretStopsTheRenderWithAMessageThatNamesIt() {
        var values = new LinkedHashMap<>(required());
        values.put("app", Map.of("keys", Map.of("versions", Map.of("1", SECRET_VALUE)),
                "chainKeys", Map.of("macVersions", Map.of("1", SECRET_VALUE), "checkpointKey", SECRET_VALUE)));
        assertThatThrownBy(() -> render(values)).hasMessageContaining("app.manufacturingKey is required");
        assertThatThrownBy(() -> render(Map.of())).hasMessageContaining("(or set existingSecret)");
    }

    void checkPod(Deployment deployment) {
        var pod = deployment.getSpec().getTemplate().getSpec();
        Container app = pod.getContainers().getFirst();
        assertThat(app.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(app.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(app.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(app.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        // a read-only root needs a writable /tmp (Tomcat's work directory, uploads)
        assertThat(app.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/tmp"));
        assertThat(app.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(app.getResources().getLimits()).containsKey("memory");
    }

    static List<String> envFrom(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnvFrom().stream()
                .map(e -> e.getSecretRef() != null ? "secret:" + e.getSecretRef().getName()
                        : "configMap:" + e.getConfigMapRef().getName())
                .toList();
    }

    static void noSecretInAConfigMap(List<HasMetadata> manifests) {
        for (var m : manifests) {
            if (m instanceof ConfigMap c) {
                assertThat(c.getData().keySet()).as("ConfigMap %s", c.getMetadata().getName())
                        .noneMatch(k -> k.matches(".*(PASSWORD|SECRET|_KEY$|_KEY_|KEYS_VERSIONS).*"));
                assertThat(c.getData().values()).doesNotContain(SECRET_VALUE, "pg-password-chart-test",
                        "first-admin-password");
            }
        }
    }

    static <T> T one(List<HasMetadata> manifests, Class<T> type) {
        var found = manifests.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as("one %s", type.getSimpleName()).hasSize(1);
        return found.getFirst();
    }

    @Test
    void theChartNamesTheKubernetesItNeeds() throws IOException {
        // autoscaling/v2, policy/v1 and networking.k8s.io/v1 Ingress with ingressClassName
        assertThat(Files.readString(CHART.resolve("Chart.yaml"))).contains("kubeVersion: \">=1.25.0-0\"");
    }

    List<HasMetadata> lintAndRender(Map<String, Object> values) throws IOException {
        // helm lint takes no values file: lint a copy of the chart whose defaults carry the values
        Path copy = chartCopy();
        Map<String, Object> defaults = new Yaml().load(Files.readString(CHART.resolve("values.yaml")));
        Files.writeString(copy.resolve("values.yaml"), new Yaml().dump(merge(defaults, values)));
        var lint = new Helm(copy).lint().strict().call();
        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
        return render(values);
    }

    /**
     * A copy of the chart without its kubeVersion constraint: helm-java 0.0.15 renders against
     * Helm's default capabilities (Kubernetes v1.20) and has no --kube-version option, so the
     * constraint is checked on its own ({@link #theChartNamesTheKubernetesItNeeds}).
     */
    Path chartCopy() throws IOException {
        Path copy = work.resolve("chart-" + System.nanoTime());
        copyTree(CHART, copy);
        Path chartYaml = copy.resolve("Chart.yaml");
        Files.writeString(chartYaml, Files.readString(chartYaml).replaceAll("(?m)^kubeVersion:.*\\R", ""));
        return copy;
    }

    List<HasMetadata> render(Map<String, Object> values) throws IOException {
        Path file = work.resolve("values-" + System.nanoTime() + ".yaml");
        Files.writeString(file, new Yaml().dump(values));
        String yaml = new Helm(chartCopy()).template().withName("sr").withNamespace("registry").withValuesFile(file).call();
        var serialization = new KubernetesSerialization();
        var manifests = new ArrayList<HasMetadata>();
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (!doc.strip().isEmpty() && doc.contains("kind:")) {
                manifests.add(serialization.unmarshal(doc, HasMetadata.class));
            }
        }
        return manifests;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        var out = new LinkedHashMap<>(base);
        over.forEach((k, v) -> out.merge(k, v, (a, b) -> a instanceof Map && b instanceof Map
                ? merge((Map<String, Object>) a, (Map<String, Object>) b) : b));
        return out;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
