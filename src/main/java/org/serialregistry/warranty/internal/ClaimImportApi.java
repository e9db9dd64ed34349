package org.serialregistry.warranty.internal;

import java.io.IOException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;
import org.serialregistry.api.Problems;
import org.serialregistry.api.Uploads;
import org.serialregistry.warranty.ClaimIntake;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The service centre's claims workbook upload, for repair networks' systems: the same import as the
 * portal's "Upload claims" (every row checked first, all rows or none, the same audit entry), its bad
 * rows answered in one RFC 9457 problem.
 */
@RestController
class ClaimImportApi {

    private final ClaimIntake intake;

    ClaimImportApi(ClaimIntake intake) {
        this.intake = intake;
    }

    record ImportAnswer(int rows, List<WarrantyApiController.ClaimAnswer> claims) {
    }

    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','ADMIN')")
    @PostMapping(path = "/api/v1/warranty-claims/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import claims from the claims workbook (.xlsx, at most 5 MB and 2,000 rows; columns as the portal's "
            + "template): all rows adjudicated, or none; then 400 with every bad row and its fields in \"rows\"")
    ResponseEntity<?> importClaims(@RequestPart(name = "file", required = false) @Nullable MultipartFile file)
            throws IOException {
        var report = intake.importWorkbook(Uploads.required(file, "the claims workbook (.xlsx)", ClaimWorkbook.MAX_BYTES)
                .getBytes(), null);
        if (report.imported()) {
            return ResponseEntity.status(HttpStatus.CREATED).body(new ImportAnswer(report.rows(), report.results().stream()
                    .map(r -> WarrantyApiController.answer(r.claim(), r.checks(), r.created())).toList()));
        }
        return ResponseEntity.badRequest().body(Problems.rowsRejected(report.problems().stream()
                .map(p -> new Problems.RejectedRow(p.row(), p.message(), p.fields())).toList()));
    }
}
