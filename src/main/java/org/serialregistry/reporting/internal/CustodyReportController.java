package org.serialregistry.reporting.internal;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.serialregistry.reporting.CustodyReports;
import org.serialregistry.reporting.ReportFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The custody report for auditors' and partners' systems, streamed as it is read. */
@RestController
@Tag(name = "Reports")
class CustodyReportController {

    private final CustodyReports reports;

    CustodyReportController(CustodyReports reports) {
        this.reports = reports;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @GetMapping("/api/v1/reports/custody")
    @Operation(summary = "Every custody event (one row per unit) for a product, lot, party or date range: "
            + "format=xlsx (Excel) or epcis (EPCIS 2.0 JSON-LD)")
    void custody(@RequestParam(required = false) String format, @RequestParam(required = false) String gtin,
                 @RequestParam(required = false) String lot, @RequestParam(required = false) String party,
                 @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                 HttpServletResponse response) throws IOException {
        var f = ReportFormat.of(format);
        // every parameter is checked before the first byte goes out, so errors still get a problem document
        var filter = reports.filter(gtin, lot, party, date("from", from), date("to", to));
        reports.count(filter); // the role check, before the response is committed
        response.setContentType(f.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"custody-report."
                + f.extension() + "\"");
        reports.write(filter, f, response.getOutputStream(), rows -> { });
    }

    private static LocalDate date(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": a date as YYYY-MM-DD, got '"
                    + (raw.length() > 20 ? raw.substring(0, 20) : raw) + "'");
        }
    }
}
