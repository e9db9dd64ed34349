package org.serialregistry.verification.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;
import org.serialregistry.api.Uploads;
import org.serialregistry.shared.InvalidInput;
import org.serialregistry.verification.BatchVerification;
import org.serialregistry.verification.PublicVerdict;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/v1/verifications}: up to 10,000 codes in one request, one answer per code; and
 * {@code .../workbook}: the same for the sheet the distributor's "Verify a shipment" screen takes, with
 * the screen's limits and refusals, answered as JSON or as the screen's result workbook.
 */
@RestController
@RequestMapping("/api/v1/verifications")
class BatchVerificationController {

    private static final String VERIFIERS = "hasAnyRole('DISTRIBUTOR','CHANNEL','ADMIN','SERVICE_CENTER','WARRANTY','FORENSICS')";

    record Request(@Nullable List<BatchVerification.Item> items) {
    }

    record Response(int count, Map<PublicVerdict, Integer> summary, List<BatchVerification.ItemResult> results) {

        static Response of(List<BatchVerification.ItemResult> results) {
            var summary = new EnumMap<PublicVerdict, Integer>(PublicVerdict.class);
            results.forEach(r -> summary.merge(r.answer().verdict(), 1, Integer::sum));
            return new Response(results.size(), summary, results);
        }
    }

    private final BatchVerification batch;
    private final Clock clock;

    BatchVerificationController(BatchVerification batch, Clock clock) {
        this.batch = batch;
        this.clock = clock;
    }

    @PreAuthorize(VERIFIERS)
    @PostMapping
    @Operation(summary = "Verify up to 10,000 codes (serial, optionally GTIN, lot and expiry YYMMDD); "
            + "each answer is the one the public page gives")
    Response verify(@RequestBody Request request) {
        return Response.of(batch.verify(request.items() == null ? List.of() : request.items(), done -> { }));
    }

    @PreAuthorize(VERIFIERS)
    @PostMapping(path = "/workbook", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Verify the codes of a sheet as the portal's \"Verify a shipment\" upload does (.xlsx, at most "
            + "10 MB and 10,000 codes; a column headed Serial, optionally GTIN, Lot and Expiry YYMMDD): each code's answer "
            + "with its sheet row as JSON, or format=xlsx for the portal's result workbook")
    ResponseEntity<?> verifyWorkbook(@RequestPart(name = "file", required = false) @Nullable MultipartFile file,
                                     @RequestParam(required = false) @Nullable String format) throws IOException {
        var errors = new InvalidInput.Collector();
        boolean workbook = Boolean.TRUE.equals(errors.get("format", () -> workbookAsked(format)));
        var sheet = errors.get("file", () -> Uploads.required(file, "the sheet of codes (.xlsx)", VerificationWorkbook.MAX_BYTES));
        errors.throwIfAny();
        VerificationWorkbook.Codes codes;
        try (var in = sheet.getInputStream()) {
            codes = VerificationWorkbook.readCodes(in);
        }
        var results = batch.verify(codes.items(), done -> { });
        if (workbook) {
            String name = VerificationWorkbook.resultName(sheet.getOriginalFilename() == null ? "codes"
                    : sheet.getOriginalFilename(), LocalDateTime.now(clock));
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(VerificationWorkbook.CONTENT_TYPE))
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                    .body(VerificationWorkbook.write(codes.items(), results));
        }
        return ResponseEntity.ok(Response.of(results.stream().map(r -> r.atRow(codes.rows().get(r.index()))).toList()));
    }

    /** json (the default) or xlsx. */
    private static boolean workbookAsked(@Nullable String format) {
        String f = format == null || format.isBlank() ? "json" : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("json") && !f.equals("xlsx")) {
            throw new IllegalArgumentException("format: json or xlsx, got '" + (f.length() > 30 ? f.substring(0, 30) : f) + "'");
        }
        return f.equals("xlsx");
    }
}
