package org.serialregistry.audit.internal;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.serialregistry.audit.ChainKeys;
import org.serialregistry.shared.OwnerOnlyKeyFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the tamper-evidence keys from configuration; they never come from the database. */
@Configuration
class ChainKeyConfig {

    private static final Logger log = LoggerFactory.getLogger(ChainKeyConfig.class);

    @Bean
    ChainKeys chainKeys(ChainKeyProperties properties, @Value("${serial-registry.demo.enabled:false}") boolean demo) {
        if (properties.macVersions() != null && !properties.macVersions().isEmpty()) {
            if (properties.checkpointKey() == null || properties.checkpointKey().isBlank()) {
                throw new IllegalStateException("serial-registry.chain-keys.checkpoint-key is missing: set "
                        + "SERIAL_REGISTRY_CHAIN_KEYS_CHECKPOINT_KEY to a Base64 32-byte Ed25519 seed ('openssl rand -base64 32')");
            }
            int active = properties.macActive() != null ? properties.macActive()
                    : properties.macVersions().keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
            var keys = ChainKeys.fromBase64(properties.macVersions(), active, properties.checkpointKey());
            log.info("Chain keys from configuration: {}", keys);
            return keys;
        }
        if (demo) {
            Path file = Path.of(properties.demoFile() != null ? properties.demoFile() : "data/chain-keys.properties");
            var p = OwnerOnlyKeyFile.loadOrCreate(file, () -> "# Serial registry demo chain keys. Keep secret: they "
                    + "make the event log and audit trail tamper-evident.\nmac.1=" + random() + "\nmac.active=1\n"
                    + "checkpoint-key=" + random() + "\n");
            Map<Integer, String> macs = new HashMap<>();
            p.stringPropertyNames().stream().filter(n -> n.matches("mac\\.\\d+"))
                    .forEach(n -> macs.put(Integer.parseInt(n.substring(4)), p.getProperty(n)));
            var keys = ChainKeys.fromBase64(macs, Integer.parseInt(p.getProperty("mac.active", "1").strip()),
                    p.getProperty("checkpoint-key"));
            log.warn("Demo mode: chain keys from {} ({}). Production takes them from SERIAL_REGISTRY_CHAIN_KEYS_*.",
                    file.toAbsolutePath(), keys);
            return keys;
        }
        throw new IllegalStateException("No chain keys configured. Set SERIAL_REGISTRY_CHAIN_KEYS_MAC_VERSIONS_1 and "
                + "SERIAL_REGISTRY_CHAIN_KEYS_CHECKPOINT_KEY to Base64 secrets of 32 bytes ('openssl rand -base64 32').");
    }

    private static String random() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
