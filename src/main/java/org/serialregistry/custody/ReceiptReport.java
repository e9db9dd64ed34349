package org.serialregistry.custody;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The check of an incoming shipment, serial by serial: the serials received and those listed but
 * missing. {@code applied} is false for a preview, true once the receipt is confirmed.
 */
public record ReceiptReport(ShipmentView shipment, List<ReceiptLine> lines, boolean applied) {

    public Map<ReceiptOutcome, Long> counts() {
        var counts = new EnumMap<ReceiptOutcome, Long>(ReceiptOutcome.class);
        for (ReceiptOutcome o : ReceiptOutcome.values()) {
            counts.put(o, 0L);
        }
        lines.forEach(l -> counts.merge(l.outcome(), 1L, Long::sum));
        return counts;
    }

    public long count(ReceiptOutcome outcome) {
        return lines.stream().filter(l -> l.outcome() == outcome).count();
    }
}
