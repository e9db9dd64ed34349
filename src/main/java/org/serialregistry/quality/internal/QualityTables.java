package org.serialregistry.quality.internal;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.serialregistry.quality.ClaimRate;
import org.serialregistry.quality.ClaimThreshold;
import org.serialregistry.quality.LotClaimRate;
import org.serialregistry.quality.QualityAlertView;
import org.serialregistry.quality.RateDimension;
import org.serialregistry.warranty.ClaimView;

/**
 * The quality screen's tables as its "Export to Excel" links and the API's exports write them: the
 * same file name, sheet, columns and rows, so that a download from either is the same table.
 */
public final class QualityTables {

    public static final List<String> LOT_HEADERS = List.of("Product", "GTIN", "Lot", "Facility", "Line", "Units", "Claims",
            "Claim rate %", "Threshold %", "Above threshold", "Top defect");
    public static final List<String> ALERT_HEADERS = List.of("GTIN", "Lot", "Facility", "Line", "Claims", "Units",
            "Rate %", "Threshold %", "Top defect", "Raised", "Acknowledged by", "Notes");
    public static final List<String> WEEK_HEADERS = List.of("Week from", "Claims");
    public static final List<String> THRESHOLD_HEADERS = List.of("Product", "GTIN", "Max claim rate %", "Min claims",
            "Own threshold");
    public static final List<String> CLAIM_HEADERS = List.of("Claim", "State", "Product GTIN", "Lot", "Facility", "Line",
            "Serial", "Made", "Defect", "Failure date", "Description");
    /** The weeks of the screen's claims-per-week figure. */
    public static final int WEEKS = 12;
    /** The dimensions the screen exports a rate table for; the claim rate per lot is {@link #lotRates}. */
    public static final List<RateDimension> RATE_DIMENSIONS = List.of(RateDimension.LINE, RateDimension.FACILITY,
            RateDimension.PRODUCT, RateDimension.DEFECT);

    /**
     * One table.
     *
     * @param name  the file name without its extension ({@code claim-rate-per-lot})
     * @param sheet the workbook's sheet name
     */
    public record Table(String name, String sheet, List<String> headers, List<? extends List<?>> rows) {
    }

    private QualityTables() {
    }

    public static Table lotRates(List<LotClaimRate> rates) {
        return new Table("claim-rate-per-lot", "Claim rate per lot", LOT_HEADERS, rates.stream().map(r -> row(r.product(),
                r.gtin(), r.lot(), r.facilityCode(), r.lineCode(), r.units(), r.claims(), r.ratePercent(),
                r.thresholdPercent(), r.aboveThreshold() ? "yes" : "no",
                r.topDefect() == null ? "" : r.topDefect().label())).toList());
    }

    public static Table alerts(List<QualityAlertView> alerts) {
        return new Table("quality-alerts", "Quality alerts", ALERT_HEADERS, alerts.stream().map(a -> row(a.gtin(), a.lot(),
                a.facilityCode(), a.lineCode(), a.claims(), a.units(), a.claimRatePercent(), a.thresholdPercent(),
                a.topDefect(), a.raisedAt().toString(), a.acknowledgedBy(), a.notes())).toList());
    }

    /** @param weeks claims per week, from the Monday that starts it, oldest first */
    public static Table claimsPerWeek(Map<LocalDate, Long> weeks) {
        return new Table("claims-per-week", "Claims per week", WEEK_HEADERS, weeks.entrySet().stream()
                .map(e -> row(e.getKey().toString(), e.getValue())).toList());
    }

    public static Table rates(RateDimension dimension, List<ClaimRate> rates) {
        return new Table("claim-rate-per-" + dimension.name().toLowerCase(Locale.ROOT),
                "Claim rate per " + dimension.label().toLowerCase(Locale.ROOT),
                List.of(dimension.label(), "Units", "Claims", "Claim rate %"),
                rates.stream().map(r -> row(r.group(), r.units(), r.claims(), r.ratePercent())).toList());
    }

    public static Table thresholds(List<ClaimThreshold> thresholds) {
        return new Table("claim-rate-thresholds", "Claim rate thresholds", THRESHOLD_HEADERS, thresholds.stream()
                .map(t -> row(t.product(), t.gtin(), t.maxClaimRatePercent(), t.minClaims(),
                        t.configured() ? "yes" : "default")).toList());
    }

    /** The claims behind a figure (the drill-down from a lot or a defect code). */
    public static Table claims(List<ClaimView> claims) {
        return new Table("claims", "Claims", CLAIM_HEADERS, claims.stream().map(c -> row(c.claimNumber(),
                c.state().label(), c.gtin(), c.lot(), c.facilityCode(), c.lineCode(), c.serial(),
                c.productionDate().toString(), c.defect().label(), c.failureDate().toString(), c.description())).toList());
    }

    /** A row whose cells may be null (an empty cell). */
    public static List<?> row(Object... values) {
        return Arrays.asList(values);
    }
}
