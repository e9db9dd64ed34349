package org.serialregistry.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.serialregistry.audit.internal.ChainKeyProperties;
import org.serialregistry.audit.internal.CheckpointStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed checkpoints of every {@link ChainHead}: written on a schedule
 * ({@code serial-registry.chain-keys.checkpoint-interval}, default 5 minutes) and on demand, stored in
 * the database, optionally copied to {@code checkpoint-directory}, and exported as JSON files that
 * can be kept elsewhere. A chain check compares the chain with the latest checkpoint, the stored one
 * or one given back from outside, so that a removed tail is found.
 */
@Service
public class ChainCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(ChainCheckpoints.class);

    private final ObjectProvider<ChainHead> heads;
    private final CheckpointStore store;
    private final ChainKeys keys;
    private final ChainKeyProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    ChainCheckpoints(ObjectProvider<ChainHead> heads, CheckpointStore store, ChainKeys keys,
                     ChainKeyProperties properties, JsonMapper json, Clock clock) {
        this.heads = heads;
        this.store = store;
        this.keys = keys;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** Signs the head of every chain now. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public List<Checkpoint> writeNow() {
        return writeAll();
    }

    @Scheduled(initialDelayString = "${serial-registry.chain-keys.checkpoint-interval:PT5M}",
            fixedDelayString = "${serial-registry.chain-keys.checkpoint-interval:PT5M}")
    @Transactional
    public void scheduled() {
        try {
            writeAll();
        } catch (RuntimeException e) {
            log.warn("Scheduled checkpoint failed: {}", e.toString());
        }
    }

    /** At start-up, every chain without a checkpoint gets one: it anchors entries written before chain keys existed. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    @Transactional
    public void anchorAtStart() {
        heads.orderedStream().filter(h -> store.latest(h.chain()).isEmpty()).forEach(h -> write(h.chain(), h.head()));
    }

    List<Checkpoint> writeAll() {
        var written = new ArrayList<Checkpoint>();
        heads.orderedStream().forEach(h -> written.add(write(h.chain(), h.head())));
        return written;
    }

    private Checkpoint write(String chain, ChainHead.Head head) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        var unsigned = new Checkpoint(chain, head.sequence(), head.mac(), now, keys.checkpointKeyId(), "");
        var checkpoint = new Checkpoint(chain, head.sequence(), head.mac(), now, keys.checkpointKeyId(),
                Base64.getEncoder().encodeToString(keys.sign(unsigned.signedBytes())));
        store.insert(checkpoint);
        if (properties.checkpointDirectory() != null && !properties.checkpointDirectory().isBlank()) {
            try {
                Path dir = Path.of(properties.checkpointDirectory());
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(fileName(checkpoint)), toJson(checkpoint));
            } catch (IOException e) {
                log.warn("Could not copy checkpoint to {}: {}", properties.checkpointDirectory(), e.toString());
            }
        }
        return checkpoint;
    }

    /** The newest stored checkpoint of a chain (the one with the highest sequence number). */
    @Transactional(readOnly = true)
    public Optional<Checkpoint> latest(String chain) {
        return store.latest(chain);
    }

    /** The newest checkpoint of a chain as an exportable JSON document, for keeping it elsewhere. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public Optional<Exported> exportLatest(String chain) {
        return store.latest(chain).map(this::exported);
    }

    /** Does the checkpoint carry a valid signature of this registry's checkpoint key? */
    public boolean signatureValid(Checkpoint c) {
        try {
            return keys.checkpointKeyId().equals(c.keyId())
                    && keys.verify(c.signedBytes(), Base64.getDecoder().decode(c.signature()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The exported form: a small JSON document, with the public key so that anyone can check the signature. */
    public String toJson(Checkpoint c) {
        return json.writeValueAsString(exported(c));
    }

    public String toJsonOf(Exported e) {
        return json.writeValueAsString(e);
    }

    public Exported exported(Checkpoint c) {
        return (new Exported(c.chain(), c.sequence(), c.headMac(), c.createdAt().toString(),
                Checkpoint.ALGORITHM, c.keyId(), Base64.getEncoder().encodeToString(keys.checkpointPublicKey()),
                c.signature(), c.signedText()));
    }

    /**
     * Reads an exported checkpoint.
     *
     * @throws IllegalArgumentException naming what is wrong, if it is not a checkpoint document
     */
    public Checkpoint parse(String text) {
        Exported e;
        try {
            e = json.readValue(text, Exported.class);
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("checkpoint: not a checkpoint file (JSON with chain, sequence, headMac, "
                    + "createdAt, keyId, signature)");
        }
        if (e.chain() == null || e.headMac() == null || e.createdAt() == null || e.keyId() == null || e.signature() == null) {
            throw new IllegalArgumentException("checkpoint: a field is missing (chain, sequence, headMac, createdAt, keyId, signature)");
        }
        try {
            return new Checkpoint(e.chain(), e.sequence(), e.headMac(), Instant.parse(e.createdAt()), e.keyId(), e.signature());
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("checkpoint: createdAt is not an ISO instant");
        }
    }

    public static String fileName(Checkpoint c) {
        return "checkpoint-" + c.chain() + "-" + c.sequence() + "-" + c.createdAt().toString().replace(':', '-') + ".json";
    }

    /** The exported JSON shape. */
    public record Exported(String chain, long sequence, String headMac, String createdAt, String algorithm,
                           String keyId, String publicKey, String signature, String signedText) {
    }
}
