package org.serialregistry.verification.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;
import org.serialregistry.verification.BatchVerification;
import org.serialregistry.verification.PublicVerdict;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/verifications}: up to 10,000 codes in one request, one answer per code. */
@RestController
@RequestMapping("/api/v1/verifications")
class BatchVerificationController {

    record Request(@Nullable List<BatchVerification.Item> items) {
    }

    record Response(int count, Map<PublicVerdict, Integer> summary, List<BatchVerification.ItemResult> results) {
    }

    private final BatchVerification batch;

    BatchVerificationController(BatchVerification batch) {
        this.batch = batch;
    }

    @PreAuthorize("hasAnyRole('DISTRIBUTOR','CHANNEL','ADMIN','SERVICE_CENTER','WARRANTY','FORENSICS')")
    @PostMapping
    @Operation(summary = "Verify up to 10,000 codes (serial, optionally GTIN, lot and expiry YYMMDD); "
            + "each answer is the one the public page gives")
    Response verify(@RequestBody Request request) {
        var results = batch.verify(request.items() == null ? List.of() : request.items(), done -> { });
        var summary = new EnumMap<PublicVerdict, Integer>(PublicVerdict.class);
        results.forEach(r -> summary.merge(r.answer().verdict(), 1, Integer::sum));
        return new Response(results.size(), summary, results);
    }
}
