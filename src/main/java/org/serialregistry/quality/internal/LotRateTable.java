package org.serialregistry.quality.internal;

import java.util.Arrays;
import java.util.List;

import org.serialregistry.quality.LotClaimRate;

/** The claim rate per lot as a table: the columns and rows the portal's Excel link and the API's export share. */
public final class LotRateTable {

    public static final List<String> HEADERS = List.of("Product", "GTIN", "Lot", "Facility", "Line", "Units", "Claims",
            "Claim rate %", "Threshold %", "Above threshold", "Top defect");

    private LotRateTable() {
    }

    public static List<List<?>> rows(List<LotClaimRate> rates) {
        return rates.stream().<List<?>>map(r -> Arrays.asList(r.product(), r.gtin(), r.lot(), r.facilityCode(),
                r.lineCode(), r.units(), r.claims(), r.ratePercent(), r.thresholdPercent(), r.aboveThreshold() ? "yes" : "no",
                r.topDefect() == null ? "" : r.topDefect().label())).toList();
    }
}
