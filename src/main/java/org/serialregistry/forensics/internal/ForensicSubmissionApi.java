package org.serialregistry.forensics.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.serialregistry.forensics.ForensicReview;
import org.serialregistry.forensics.NewSubmission;
import org.serialregistry.forensics.SubmissionView;
import org.serialregistry.forensics.UploadedPhoto;
import org.springframework.http.MediaType;
import org.serialregistry.forensics.DecodingBusyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/v1/forensic-submissions} (multipart/form-data) for distributors, service
 * centres and forensic reviewers: fields serial, gtin, foundWhere, receivedFrom, measurements,
 * hologramReading, nfcReading, note; files {@code photos} (repeatable) and {@code codePhoto}.
 */
@RestController
@RequestMapping("/api/v1/forensic-submissions")
class ForensicSubmissionApi {

    private final ForensicReview review;

    ForensicSubmissionApi(ForensicReview review) {
        this.review = review;
    }

    @PreAuthorize("hasAnyRole('DISTRIBUTOR','SERVICE_CENTER','FORENSICS','ADMIN')")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<SubmissionView> submit(@RequestParam(required = false) String serial,
                                          @RequestParam(required = false) String gtin,
                                          @RequestParam(required = false) String foundWhere,
                                          @RequestParam(required = false) String receivedFrom,
                                          @RequestParam(required = false) String measurements,
                                          @RequestParam(required = false) String hologramReading,
                                          @RequestParam(required = false) String nfcReading,
                                          @RequestParam(required = false) String note,
                                          @RequestPart(name = "photos", required = false) List<MultipartFile> photos,
                                          @RequestPart(name = "codePhoto", required = false) MultipartFile codePhoto) {
        var uploads = new ArrayList<UploadedPhoto>();
        if (photos != null) {
            for (MultipartFile f : photos) {
                if (!f.isEmpty() || f.getOriginalFilename() != null && !f.getOriginalFilename().isBlank()) {
                    uploads.add(read(f));
                }
            }
        }
        var created = review.submit(new NewSubmission(serial, gtin, foundWhere, receivedFrom, measurements,
                hologramReading, nfcReading, note), uploads, codePhoto == null ? null : read(codePhoto));
        return ResponseEntity.created(URI.create("/api/v1/forensic-submissions/" + created.id())).body(created);
    }

    /** The decoding bulkhead is full: 503 with Retry-After; the client sends the same upload again later. */
    @ExceptionHandler(DecodingBusyException.class)
    ResponseEntity<ProblemDetail> busy(DecodingBusyException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Busy reading other images");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static UploadedPhoto read(MultipartFile f) {
        try {
            return new UploadedPhoto(f.getOriginalFilename() == null ? f.getName() : f.getOriginalFilename(), f.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
