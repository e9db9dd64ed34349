package org.serialregistry.quality.internal;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.serialregistry.api.ListPage;
import org.serialregistry.api.ListQuery;
import org.serialregistry.api.Versions;
import org.serialregistry.quality.ClaimRate;
import org.serialregistry.quality.ClaimThreshold;
import org.serialregistry.quality.LotClaimRate;
import org.serialregistry.quality.QualityAlertView;
import org.serialregistry.quality.QualityDashboard;
import org.serialregistry.quality.RateDimension;
import org.serialregistry.shared.InvalidInput;
import org.serialregistry.warranty.DefectCode;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Quality workspace for quality systems: claim rates, lot alerts (read, acknowledge) and the
 * claim-rate threshold of each product (read, change), with the portal's checks and audit entries;
 * every table the screen exports to Excel, as the same workbook or as CSV ({@link QualityTables}).
 */
@RestController
@RequestMapping("/api/v1/quality")
@Tag(name = "Quality")
class QualityApiController {

    private static final String QUALITY = "hasAnyRole('QUALITY','ADMIN')";

    private final QualityDashboard dashboard;

    QualityApiController(QualityDashboard dashboard) {
        this.dashboard = dashboard;
    }

    /** @param version the alert's version as read */
    record Acknowledgement(@Nullable Long version, @Nullable String notes) {
    }

    record ThresholdChange(@Nullable Double maxClaimRatePercent, @Nullable Integer minClaims) {
    }

    @PreAuthorize(QUALITY)
    @GetMapping("/alerts")
    @Operation(summary = "Lots above their product's claim-rate threshold, newest first; state OPEN or ACKNOWLEDGED")
    ListPage<QualityAlertView> alerts(@ParameterObject ListQuery.Params params) {
        var q = params.query(List.of("OPEN", "ACKNOWLEDGED"));
        return q.page(dashboard.alerts(), QualityAlertView::raisedAt, a -> a.acknowledged() ? "ACKNOWLEDGED" : "OPEN");
    }

    @PreAuthorize(QUALITY)
    @PostMapping("/alerts/{id}/acknowledgement")
    @Operation(summary = "Acknowledge (close) a lot alert with what was found or done, and the version read")
    QualityAlertView acknowledge(@PathVariable long id, @RequestBody Acknowledgement r) {
        return dashboard.acknowledge(id, Versions.required(r.version(), "alert"), r.notes());
    }

    @PreAuthorize(QUALITY)
    @GetMapping("/thresholds")
    @Operation(summary = "Each product's claim-rate threshold (configured, or the default)")
    ListPage<ClaimThreshold> thresholds(@ParameterObject ListQuery.Params params) {
        return ListPage.of(dashboard.thresholds(), params.undated());
    }

    @PreAuthorize(QUALITY)
    @PutMapping("/thresholds/{gtin}")
    @Operation(summary = "Set a product's threshold: a lot alerts above maxClaimRatePercent once it has minClaims claims")
    ClaimThreshold setThreshold(@PathVariable String gtin, @RequestBody ThresholdChange r) {
        var errors = new InvalidInput.Collector();
        errors.require(r.maxClaimRatePercent() != null, "maxClaimRatePercent", "is missing");
        errors.require(r.minClaims() != null, "minClaims", "is missing");
        errors.throwIfAny();
        return dashboard.setThreshold(gtin, r.maxClaimRatePercent(), r.minClaims());
    }

    @PreAuthorize(QUALITY)
    @GetMapping("/lot-rates")
    @Operation(summary = "Claim rate of every lot, highest first")
    ListPage<LotClaimRate> lotRates(@ParameterObject ListQuery.Params params) {
        return ListPage.of(dashboard.lotRates(), params.undated());
    }

    @PreAuthorize(QUALITY)
    @GetMapping("/lot-rates/export")
    @Operation(summary = "Claim rate of every lot, highest first, as format=csv or format=xlsx (the portal's \"Export lots "
            + "to Excel\" table), written to the response as it is made",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv",
                    examples = @ExampleObject(name = "csv", value = """
                            Product,GTIN,Lot,Facility,Line,Units,Claims,Claim rate %,Threshold %,Above threshold,Top defect
                            Aurora X2 phone,09506000134352,A2611,DE-MUC,L2,400,14,3.5,2.0,yes,Battery
                            """))))
    void lotRatesExport(@RequestParam(required = false) @Nullable String format, HttpServletResponse response)
            throws IOException {
        String f = format(format);
        // read (and the role checked) before the answer starts
        export(QualityTables.lotRates(dashboard.lotRates()), f, response);
    }

    @PreAuthorize(QUALITY)
    @GetMapping("/alerts/export")
    @Operation(summary = "Every lot alert, newest first, as format=csv or format=xlsx (the portal's \"Export alerts to "
            + "Excel\" table)",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv",
                    examples = @ExampleObject(name = "csv", value = """
                            GTIN,Lot,Facility,Line,Claims,Units,Rate %,Threshold %,Top defect,Raised,Acknowledged by,Notes
                            09506000134352,A2611,DE-MUC,L2,14,400,3.5,2.0,Display,2026-12-02T09:14:00Z,quality,8D opened
                            """))))
    void alertsExport(@RequestParam(required = false) @Nullable String format, HttpServletResponse response)
            throws IOException {
        String f = format(format);
        export(QualityTables.alerts(dashboard.alerts()), f, response);
    }

    /** Claims (not denied) whose failure date lies in the week that starts on Monday {@code weekFrom}. */
    record WeekClaims(LocalDate weekFrom, long claims) {
    }

    @PreAuthorize(QUALITY)
    @GetMapping("/claims-per-week")
    @Operation(summary = "Claims (not denied) per week of failure, Monday to Sunday, oldest first: the last 12 weeks as "
            + "the portal's figure, or weeks=1 to 260")
    ListPage<WeekClaims> claimsPerWeek(@RequestParam(required = false) @Nullable String weeks,
                                       @ParameterObject ListQuery.Params params) {
        var errors = new InvalidInput.Collector();
        Integer n = errors.get("weeks", () -> weeks(weeks));
        var q = errors.get("page", params::undated);
        errors.throwIfAny();
        return ListPage.of(dashboard.claimsPerWeek(n).entrySet().stream()
                .map(e -> new WeekClaims(e.getKey(), e.getValue())).toList(), q);
    }

    @PreAuthorize(QUALITY)
    @GetMapping("/claims-per-week/export")
    @Operation(summary = "Claims per week of failure (the last 12 weeks, or weeks=1 to 260) as format=csv or format=xlsx "
            + "(the portal's \"Export claims per week to Excel\" table)",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv",
                    examples = @ExampleObject(name = "csv", value = """
                            Week from,Claims
                            2026-11-23,9
                            2026-11-30,14
                            """))))
    void claimsPerWeekExport(@RequestParam(required = false) @Nullable String weeks,
                             @RequestParam(required = false) @Nullable String format, HttpServletResponse response)
            throws IOException {
        var errors = new InvalidInput.Collector();
        Integer n = errors.get("weeks", () -> weeks(weeks));
        String f = errors.get("format", () -> format(format));
        errors.throwIfAny();
        export(QualityTables.claimsPerWeek(dashboard.claimsPerWeek(n)), f, response);
    }

    @PreAuthorize(QUALITY)
    @GetMapping("/rates/export")
    @Operation(summary = "Claim rates per LINE, FACILITY, PRODUCT or DEFECT, highest first, as format=csv or format=xlsx "
            + "(the portal's \"Export ... rates to Excel\" tables; per lot: /api/v1/quality/lot-rates/export)",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv",
                    examples = @ExampleObject(name = "csv", value = """
                            Line,Units,Claims,Claim rate %
                            DE-MUC/L2,1200,31,2.58
                            """))))
    void ratesExport(@RequestParam(required = false) @Nullable String dimension,
                     @RequestParam(required = false) @Nullable String format, HttpServletResponse response)
            throws IOException {
        var errors = new InvalidInput.Collector();
        RateDimension d = errors.get("dimension", () -> exported(dimension));
        String f = errors.get("format", () -> format(format));
        errors.throwIfAny();
        export(QualityTables.rates(d, dashboard.rates(d)), f, response);
    }

    @PreAuthorize(QUALITY)
    @GetMapping("/thresholds/export")
    @Operation(summary = "Each product's claim-rate threshold as format=csv or format=xlsx (the portal's \"Export "
            + "thresholds to Excel\" table)",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv",
                    examples = @ExampleObject(name = "csv", value = """
                            Product,GTIN,Max claim rate %,Min claims,Own threshold
                            Aurora X2 smartphone,09506000134352,2.5,5,yes
                            """))))
    void thresholdsExport(@RequestParam(required = false) @Nullable String format, HttpServletResponse response)
            throws IOException {
        String f = format(format);
        export(QualityTables.thresholds(dashboard.thresholds()), f, response);
    }

    @PreAuthorize(QUALITY)
    @GetMapping("/claims/export")
    @Operation(summary = "The claims behind a figure, as the portal's drill-down lists and exports them (\"Export these "
            + "claims to Excel\"): of a product (gtin), a lot (gtin and lot), a defect code, or any; newest first, at "
            + "most 5,000; format=csv or format=xlsx",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv",
                    examples = @ExampleObject(name = "csv", value = """
                            Claim,State,Product GTIN,Lot,Facility,Line,Serial,Made,Defect,Failure date,Description
                            WC-0000042,RMA issued,09506000134352,A2611,DE-MUC,L2,11DXW3D1SPPRE0XA4KQS,2026-11-20,Display,2026-12-01,Cracked
                            """))))
    void claimsExport(@RequestParam(required = false) @Nullable String gtin, @RequestParam(required = false) @Nullable String lot,
                      @RequestParam(required = false) @Nullable String defect,
                      @RequestParam(required = false) @Nullable String format, HttpServletResponse response)
            throws IOException {
        var errors = new InvalidInput.Collector();
        DefectCode code = blank(defect) == null ? null : errors.get("defect", () -> DefectCode.parse("defect", defect));
        String f = errors.get("format", () -> format(format));
        errors.throwIfAny();
        export(QualityTables.claims(dashboard.claims(QualityDashboard.drillDownFilter(blank(gtin), blank(lot), code))),
                f, response);
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** csv (the default) or xlsx. */
    private static String format(@Nullable String format) {
        String f = format == null || format.isBlank() ? "csv" : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("xlsx")) {
            throw new IllegalArgumentException("format: csv or xlsx, got '" + (f.length() > 30 ? f.substring(0, 30) : f) + "'");
        }
        return f;
    }

    private static int weeks(@Nullable String weeks) {
        if (weeks == null || weeks.isBlank()) {
            return QualityTables.WEEKS;
        }
        try {
            int n = Integer.parseInt(weeks.strip());
            if (n >= 1 && n <= 260) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("weeks: 1 to 260, got '" + (weeks.length() > 30 ? weeks.substring(0, 30) : weeks) + "'");
    }

    private static RateDimension exported(@Nullable String dimension) {
        String names = String.join(", ", QualityTables.RATE_DIMENSIONS.stream().map(Enum::name).toList());
        if (dimension == null || dimension.isBlank()) {
            throw new IllegalArgumentException("dimension: is missing; one of " + names);
        }
        return QualityTables.RATE_DIMENSIONS.stream().filter(d -> d.name().equalsIgnoreCase(dimension.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("dimension: one of " + names
                        + (dimension.strip().equalsIgnoreCase("LOT") ? "; the claim rate per lot is /api/v1/quality/lot-rates/export"
                        : "")));
    }

    /** Writes the table to the answer as it is made, as the portal's download of the same table. */
    private static void export(QualityTables.Table table, String format, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + table.name() + "." + format + "\"");
        if (format.equals("csv")) {
            response.setContentType("text/csv;charset=UTF-8");
            TableExport.csv(table.headers(), table.rows(), response.getOutputStream());
        } else {
            response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            TableExport.xlsx(table.sheet(), table.headers(), table.rows(), response.getOutputStream());
        }
    }

    @PreAuthorize(QUALITY)
    @GetMapping("/rates")
    @Operation(summary = "Claim rates grouped by LOT, LINE, FACILITY, PRODUCT or DEFECT")
    ListPage<ClaimRate> rates(@RequestParam(defaultValue = "PRODUCT") String dimension,
                              @ParameterObject ListQuery.Params params) {
        var q = params.undated();
        RateDimension d;
        try {
            d = RateDimension.valueOf(dimension.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dimension: one of LOT, LINE, FACILITY, PRODUCT, DEFECT");
        }
        return ListPage.of(dashboard.rates(d), q);
    }
}
