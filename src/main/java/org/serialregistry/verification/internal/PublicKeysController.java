package org.serialregistry.verification.internal;

import java.util.List;
import java.util.Map;

import org.serialregistry.serial.ManufacturingProof;
import org.serialregistry.serial.ManufacturingSignatures;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Anonymous: the manufacturer's public key(s), so that anyone can check a unit's manufacturing
 * signature offline. Route permitted for all in the security configuration's public paths.
 */
@RestController
class PublicKeysController {

    static final String PATH = "/.well-known/serial-registry-keys.json";

    private final ManufacturingSignatures signatures;

    PublicKeysController(ManufacturingSignatures signatures) {
        this.signatures = signatures;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, List<ManufacturingProof.PublicKey>>> keys() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePublic())
                .body(Map.of("keys", signatures.publicKeys()));
    }
}
