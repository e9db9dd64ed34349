package org.serialregistry.verification.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The privacy-safe client key: HMAC-SHA256 of the client's network address with a secret from
 * configuration, cut to 128 bits in hex. Stable per address, so scans and rate limits can be
 * counted per client, but not reversible without the secret; the address itself is never stored.
 * In demo mode the secret is generated once into a file beside the serial key file.
 */
@Component
public class ClientKeys {

    private static final Logger log = LoggerFactory.getLogger(ClientKeys.class);

    private final byte[] secret;
    private final ThreadLocal<Mac> macs;

    ClientKeys(ScanProperties properties, @Value("${serial-registry.demo.enabled:false}") boolean demo) {
        this.secret = loadSecret(properties, demo);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                var mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    /** The client key of a network address (or of any other client identity, such as an API account). */
    public String of(String address) {
        Mac mac = macs.get();
        byte[] digest = mac.doFinal(address.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    private static byte[] loadSecret(ScanProperties properties, boolean demo) {
        String configured = properties.clientKeySecret();
        if (configured != null && !configured.isBlank()) {
            byte[] bytes = configured.strip().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 16) {
                throw new IllegalStateException("serial-registry.scan.client-key-secret must have at least 16 characters");
            }
            return bytes;
        }
        if (!demo) {
            throw new IllegalStateException("No scan client key secret configured. Set SERIAL_REGISTRY_SCAN_CLIENT_KEY_SECRET "
                    + "to a random secret of at least 16 characters (e.g. 'openssl rand -base64 32').");
        }
        Path file = Path.of(properties.clientKeyFile());
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).strip());
            }
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(generated));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file keeps the directory's permissions
            }
            log.warn("Demo mode: generated the scan client key secret into {}. Production takes it from "
                    + "SERIAL_REGISTRY_SCAN_CLIENT_KEY_SECRET.", file.toAbsolutePath());
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the demo scan client key file " + file, e);
        }
    }
}
