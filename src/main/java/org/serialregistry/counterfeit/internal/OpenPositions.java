package org.serialregistry.counterfeit.internal;

import java.time.Instant;
import java.util.TreeMap;

/**
 * Scan-log positions the detection leader has read past but not seen yet, written as ranges
 * ({@code 17-42,50}): the rows of one uncommitted batch are mostly consecutive.
 */
final class OpenPositions {

    private OpenPositions() {
    }

    static String encode(TreeMap<Long, Instant> open) {
        var out = new StringBuilder();
        Long start = null;
        long end = 0;
        for (long seq : open.keySet()) {
            if (start != null && seq == end + 1) {
                end = seq;
                continue;
            }
            append(out, start, end);
            start = seq;
            end = seq;
        }
        append(out, start, end);
        return out.toString();
    }

    /** Positions read back after a takeover count as noticed {@code now}. */
    static TreeMap<Long, Instant> decode(String text, Instant now) {
        var open = new TreeMap<Long, Instant>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int dash = part.indexOf('-');
            long from = Long.parseLong(part.substring(0, dash < 0 ? part.length() : dash).strip());
            long to = dash < 0 ? from : Long.parseLong(part.substring(dash + 1).strip());
            for (long seq = from; seq <= to && open.size() < DetectionLeader.MAX_OPEN; seq++) {
                open.put(seq, now);
            }
        }
        return open;
    }

    private static void append(StringBuilder out, Long start, long end) {
        if (start == null) {
            return;
        }
        if (!out.isEmpty()) {
            out.append(',');
        }
        out.append(start);
        if (end != start) {
            out.append('-').append(end);
        }
    }

}
