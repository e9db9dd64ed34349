package org.serialregistry.serial.internal;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the key ring from configuration; secrets never come from the database or the repository. */
@Configuration
class SerialCryptoConfig {

    private static final Logger log = LoggerFactory.getLogger(SerialCryptoConfig.class);

    @Bean
    SerialKeyRing serialKeyRing(SerialKeyProperties properties,
                                @Value("${serial-registry.demo.enabled:false}") boolean demo) {
        if (properties.versions() != null && !properties.versions().isEmpty()) {
            int active = properties.active() != null ? properties.active()
                    : properties.versions().keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
            var ring = SerialKeyRing.fromBase64(properties.versions(), active);
            log.info("Serial keys from configuration: {}", ring);
            return ring;
        }
        if (demo) {
            Path file = Path.of(properties.demoFile() != null ? properties.demoFile() : "data/serial-keys.properties");
            var ring = SerialKeyRing.loadOrCreateDemoKeyFile(file);
            log.warn("Demo mode: serial keys from {} ({}). Production takes keys from SERIAL_REGISTRY_KEYS_VERSIONS_n.",
                    file.toAbsolutePath(), ring);
            return ring;
        }
        throw new IllegalStateException("No serial keys configured. Set SERIAL_REGISTRY_KEYS_VERSIONS_1 to a base64 "
                + "secret of at least 32 bytes (e.g. 'openssl rand -base64 32') and SERIAL_REGISTRY_KEYS_ACTIVE=1.");
    }

    /**
     * The manufacturer's Ed25519 key for batch signatures: {@code serial-registry.keys.manufacturing-key}
     * (Base64 32-byte seed, env {@code SERIAL_REGISTRY_KEYS_MANUFACTURING_KEY}); in demo mode a generated
     * owner-only file ({@code serial-registry.keys.manufacturing-demo-file}, default data/manufacturing-key.properties).
     */
    @Bean
    ManufacturingKey manufacturingKey(@Value("${serial-registry.keys.manufacturing-key:}") String configured,
                                      @Value("${serial-registry.keys.manufacturing-demo-file:data/manufacturing-key.properties}") String demoFile,
                                      @Value("${serial-registry.demo.enabled:false}") boolean demo) {
        if (!configured.isBlank()) {
            return new ManufacturingKey(configured);
        }
        if (demo) {
            var p = org.serialregistry.shared.OwnerOnlyKeyFile.loadOrCreate(Path.of(demoFile), () -> {
                byte[] seed = new byte[32];
                new java.security.SecureRandom().nextBytes(seed);
                return "# Serial registry demo manufacturing key (Ed25519 seed). Keep secret: it signs batches.\n"
                        + "manufacturing-key=" + java.util.Base64.getEncoder().encodeToString(seed) + "\n";
            });
            var key = new ManufacturingKey(p.getProperty("manufacturing-key", ""));
            log.warn("Demo mode: manufacturing key {} from {}. Production takes it from SERIAL_REGISTRY_KEYS_MANUFACTURING_KEY.",
                    key.keyId(), Path.of(demoFile).toAbsolutePath());
            return key;
        }
        throw new IllegalStateException("No manufacturing key configured. Set SERIAL_REGISTRY_KEYS_MANUFACTURING_KEY to a "
                + "Base64 32-byte Ed25519 seed ('openssl rand -base64 32').");
    }

    @Bean
    SerialCodec serialCodec(SerialKeyRing keyRing) {
        return new SerialCodec(keyRing);
    }

    @Bean
    LabelRenderer labelRenderer(
            @org.springframework.beans.factory.annotation.Value("${serial-registry.labels.uppercase-scheme-and-host:false}")
            boolean uppercaseSchemeAndHost) {
        return new LabelRenderer(uppercaseSchemeAndHost);
    }

    /** Large batches run here, two at a time, off the request threads. */
    @Bean
    org.springframework.core.task.TaskExecutor serialBatchExecutor() {
        var executor = new org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor();
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(2);
        executor.setQueueCapacity(1000);
        executor.setThreadNamePrefix("serial-batch-");
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.initialize();
        return executor;
    }
}
