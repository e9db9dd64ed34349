package org.serialregistry.serial.internal;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.EpcisEventType;
import org.serialregistry.serial.LifecycleEventId;
import org.serialregistry.serial.LifecycleEventView;
import org.serialregistry.serial.UnitStatus;

/** A lifecycle event row; {@link #canonical()} is exactly what the chain hash covers. */
public record EventRow(long id, UUID eventId, EpcisEventType type, String action, Instant eventTime, Instant recordedAt,
                BusinessStep bizStep, @Nullable Disposition disposition, @Nullable String readPoint,
                @Nullable String bizLocation, @Nullable String sourceParty, @Nullable String destinationParty,
                @Nullable String bizTransactions, @Nullable String gtin, @Nullable String lot, @Nullable UUID batchId,
                int epcCount, String epcDigest, @Nullable UnitStatus newStatus, @Nullable Long errorDeclarationFor,
                @Nullable String reason, String recordedBy, String prevHash, String hash) {

    private static final char SEP = '\u001f';

    public String canonical() {
        var sb = new StringBuilder(512);
        Object[] fields = {id, eventId, type, action, eventTime, recordedAt, bizStep, disposition, readPoint,
                bizLocation, sourceParty, destinationParty, bizTransactions, gtin, lot, batchId, epcCount, epcDigest,
                newStatus, errorDeclarationFor, reason, recordedBy, prevHash};
        for (Object f : fields) {
            sb.append(f == null ? "" : f.toString()).append(SEP);
        }
        return sb.toString();
    }

    public String computeHash() {
        var digest = Hashing.sha256();
        digest.update(canonical().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Hashing.hex(digest);
    }

    public EventRow withHash(String hash) {
        return new EventRow(id, eventId, type, action, eventTime, recordedAt, bizStep, disposition, readPoint,
                bizLocation, sourceParty, destinationParty, bizTransactions, gtin, lot, batchId, epcCount, epcDigest,
                newStatus, errorDeclarationFor, reason, recordedBy, prevHash, hash);
    }

    public LifecycleEventView toView() {
        return new LifecycleEventView(new LifecycleEventId(id), eventId, type, action, eventTime, recordedAt, bizStep,
                disposition, readPoint, bizLocation, sourceParty, destinationParty, parseTransactions(bizTransactions), gtin,
                lot, epcCount, newStatus, errorDeclarationFor == null ? null : new LifecycleEventId(errorDeclarationFor),
                reason, recordedBy, hash);
    }

    /** Business transactions are stored as "type=id;type=id", sorted, so the hash is stable. */
    public static @Nullable String formatTransactions(Map<String, String> transactions) {
        if (transactions == null || transactions.isEmpty()) {
            return null;
        }
        var sb = new StringBuilder();
        new TreeMap<>(transactions).forEach((k, v) -> {
            if (!sb.isEmpty()) {
                sb.append(';');
            }
            sb.append(k).append('=').append(v);
        });
        return sb.toString();
    }

    public static Map<String, String> parseTransactions(@Nullable String text) {
        var map = new TreeMap<String, String>();
        if (text != null && !text.isEmpty()) {
            for (String pair : text.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    map.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return map;
    }
}
