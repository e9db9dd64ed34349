package org.serialregistry.audit.internal;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the tamper-evidence keys come from: {@code macVersions} (Base64, e.g. the environment
 * variable {@code SERIAL_REGISTRY_CHAIN_KEYS_MAC_VERSIONS_1}) with {@code macActive}, and
 * {@code checkpointKey} (Base64 Ed25519 seed, {@code SERIAL_REGISTRY_CHAIN_KEYS_CHECKPOINT_KEY}); or,
 * in demo mode only, a generated owner-only file. {@code checkpointInterval} says how often each
 * chain's head is signed; {@code checkpointDirectory}, when set, receives a copy of every checkpoint.
 */
@ConfigurationProperties("serial-registry.chain-keys")
public record ChainKeyProperties(@Nullable Integer macActive, @Nullable Map<Integer, String> macVersions,
                                 @Nullable String checkpointKey, @Nullable String demoFile,
                                 @Nullable Duration checkpointInterval, @Nullable String checkpointDirectory,
                                 @Nullable Duration sealInterval) {
}
