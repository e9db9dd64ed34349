package org.serialregistry.serial.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The Merkle tree over a batch's production records. Leaf = SHA-256(0x00 || record text), node =
 * SHA-256(0x01 || left || right), leaves in serial order; an odd node at the end of a level moves up
 * unchanged. With chunks of {@link #CHUNK} leaves (a power of two) the chunk roots are exactly the
 * tree's nodes at that height, so a unit's proof is its path inside its chunk followed by the chunk's
 * path among the chunk roots.
 */
public final class ProductionMerkle {

    public static final int CHUNK = 64;

    private ProductionMerkle() {
    }

    /** The fields of a unit's immutable production record, as the leaf covers them. */
    public record Record(String gtin, String serial, String lot, UUID batchId, LocalDate productionDate,
                         @Nullable LocalDate expiryDate, int facilityNumber, int lineNumber, String intendedMarket) {

        /** "srmr/v1|gtin|serial|lot|batchId|productionDate|expiry|facility|line|market" (expiry empty when none). */
        public String text() {
            return String.join("|", "srmr/v1", gtin, serial, lot, batchId.toString(), productionDate.toString(),
                    expiryDate == null ? "" : expiryDate.toString(), Integer.toString(facilityNumber),
                    Integer.toString(lineNumber), intendedMarket);
        }
    }

    /**
     * Leaf hashes of one batch, fast: every field but the serial is the batch's, so the digest of the
     * common prefix is computed once and cloned per unit.
     */
    static final class BatchLeaves {
        private final MessageDigest prefix;
        private final byte[] suffix;

        BatchLeaves(Record template) {
            String text = template.text();
            String marker = "|" + template.serial() + "|";
            int at = text.indexOf(marker);
            prefix = Hashing.sha256();
            prefix.update((byte) 0);
            prefix.update(text.substring(0, at + 1).getBytes(StandardCharsets.UTF_8));
            suffix = text.substring(at + marker.length() - 1).getBytes(StandardCharsets.UTF_8);
        }

        byte[] leaf(String serial) {
            try {
                var d = (MessageDigest) prefix.clone();
                d.update(serial.getBytes(StandardCharsets.US_ASCII));
                d.update(suffix);
                return d.digest();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One step of a proof: the sibling hash and on which side it goes. */
    public record Step(String side, String hash) {
    }

    public static byte[] leaf(String recordText) {
        var d = Hashing.sha256();
        d.update((byte) 0);
        d.update(recordText.getBytes(StandardCharsets.UTF_8));
        return d.digest();
    }

    static byte[] node(byte[] left, byte[] right) {
        MessageDigest d = Hashing.sha256();
        d.update((byte) 1);
        d.update(left);
        d.update(right);
        return d.digest();
    }

    /** The root of the given nodes; with {@code index} >= 0, appends that node's path to {@code path}. */
    static byte[] root(List<byte[]> level, int index, @Nullable List<Step> path) {
        if (level.isEmpty()) {
            throw new IllegalArgumentException("no leaves");
        }
        var current = level;
        int at = index;
        while (current.size() > 1) {
            var next = new ArrayList<byte[]>((current.size() + 1) / 2);
            for (int i = 0; i < current.size(); i += 2) {
                if (i + 1 < current.size()) {
                    next.add(node(current.get(i), current.get(i + 1)));
                } else {
                    next.add(current.get(i));
                }
            }
            if (path != null && at >= 0) {
                int sibling = at ^ 1;
                if (sibling < current.size()) {
                    path.add(new Step(sibling < at ? "L" : "R", hex(current.get(sibling))));
                }
                at /= 2;
            }
            current = next;
        }
        return current.getFirst();
    }

    /** The root of the level, appending the path of node {@code index} to {@code path}. */
    public static byte[] rootWithPath(List<byte[]> level, int index, List<Step> path) {
        return root(level, index, path);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static byte[] unhex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
