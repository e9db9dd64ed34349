package org.serialregistry.quality.internal;

import java.io.IOException;
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
 * claim-rate threshold of each product (read, change), with the portal's checks and audit entries.
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
        String f = format == null || format.isBlank() ? "csv" : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("xlsx")) {
            throw new IllegalArgumentException("format: csv or xlsx, got '" + (f.length() > 30 ? f.substring(0, 30) : f) + "'");
        }
        var rows = LotRateTable.rows(dashboard.lotRates()); // read (and the role checked) before the answer starts
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"claim-rate-per-lot." + f + "\"");
        if (f.equals("csv")) {
            response.setContentType("text/csv;charset=UTF-8");
            TableExport.csv(LotRateTable.HEADERS, rows, response.getOutputStream());
        } else {
            response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            TableExport.xlsx("Claim rate per lot", LotRateTable.HEADERS, rows, response.getOutputStream());
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
