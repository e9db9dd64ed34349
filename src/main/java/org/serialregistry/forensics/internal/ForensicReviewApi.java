package org.serialregistry.forensics.internal;

import java.util.List;
import java.util.NoSuchElementException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.serialregistry.api.ListPage;
import org.serialregistry.api.ListQuery;
import org.serialregistry.forensics.ChecklistEntry;
import org.serialregistry.forensics.ForensicReview;
import org.serialregistry.forensics.PreChecks;
import org.serialregistry.forensics.SignatureMeaning;
import org.serialregistry.forensics.SignedVerdict;
import org.serialregistry.forensics.SubmissionView;
import org.serialregistry.forensics.Verdict;
import org.serialregistry.security.Role;
import org.serialregistry.security.SignatureRequest;
import org.serialregistry.security.Signers;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Forensic review for lab systems: the submissions, what the registry knows about each serial, the
 * SAE AS6171 checklist, and signed verdicts (the same record and audit entry as the portal's Sign).
 * The calling system needs the forensics role; the signer proves who they are in the request.
 */
@RestController
@RequestMapping("/api/v1/forensic-submissions")
@Tag(name = "Forensic review")
class ForensicReviewApi {

    private static final String REVIEWERS = "hasAnyRole('FORENSICS','ADMIN')";

    private final ForensicReview review;
    private final Signers signers;

    ForensicReviewApi(ForensicReview review, Signers signers) {
        this.review = review;
        this.signers = signers;
    }

    record VerdictRequest(@Nullable Verdict verdict, @Nullable SignatureMeaning meaning, @Nullable String reasoning,
                          @Nullable SignatureRequest signature) {
    }

    record ChecklistRequest(@Nullable List<ChecklistEntry> entries) {
    }

    @PreAuthorize(REVIEWERS)
    @GetMapping
    @Operation(summary = "Suspect units submitted for review, newest first; state is the current verdict "
            + "(GENUINE, COUNTERFEIT, INCONCLUSIVE, or OPEN for none yet)")
    ListPage<SubmissionView> list(@ParameterObject ListQuery.Params params) {
        var q = params.query(List.of("OPEN", "GENUINE", "COUNTERFEIT", "INCONCLUSIVE"));
        return q.page(review.latest(q.latest(10_000)), SubmissionView::submittedAt,
                s -> s.currentVerdict() == null ? "OPEN" : s.currentVerdict().verdict().name());
    }

    @PreAuthorize(REVIEWERS)
    @GetMapping("/{id}")
    @Operation(summary = "One submission with its photos (as links) and current verdict")
    SubmissionView one(@PathVariable long id) {
        return review.find(id).orElseThrow(() -> new NoSuchElementException("No forensic submission " + id));
    }

    @PreAuthorize(REVIEWERS)
    @GetMapping("/{id}/pre-checks")
    @Operation(summary = "What the registry knows about the submitted serial: code check, unit, custody, scans, "
            + "open cases, whether it is listed")
    PreChecks preChecks(@PathVariable long id) {
        one(id);
        return review.preChecks(id);
    }

    @PreAuthorize(REVIEWERS)
    @GetMapping("/photos/{photoId}")
    @Operation(summary = "One photo of a submission, as uploaded")
    ResponseEntity<byte[]> photo(@PathVariable long photoId) {
        var photo = review.photo(photoId).orElseThrow(() -> new NoSuchElementException("No photo " + photoId));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.getKey())).body(photo.getValue());
    }

    @PreAuthorize(REVIEWERS)
    @GetMapping("/{id}/checklist")
    @Operation(summary = "The inspection checklist (SAE AS6171 headings) as it stands")
    List<ChecklistEntry> checklist(@PathVariable long id) {
        one(id);
        return review.checklist(id);
    }

    @PreAuthorize(REVIEWERS)
    @PutMapping("/{id}/checklist")
    @Operation(summary = "Record inspection results (PASS, FAIL, NOT_DONE) with notes, as \"Save checklist\"")
    List<ChecklistEntry> saveChecklist(@PathVariable long id, @RequestBody ChecklistRequest r) {
        one(id);
        return review.saveChecklist(id, r.entries() == null ? List.of() : r.entries());
    }

    @PreAuthorize(REVIEWERS)
    @GetMapping("/{id}/verdicts")
    @Operation(summary = "Every signed verdict of a submission, oldest first, each with its content hash and whether "
            + "the stored content still gives it")
    ListPage<SignedVerdict> verdicts(@PathVariable long id, @ParameterObject ListQuery.Params params) {
        var q = params.query(ListQuery.statesOf(Verdict.class));
        one(id);
        return q.page(review.verdicts(id), SignedVerdict::signedAt, v -> v.verdict().name());
    }

    @PreAuthorize(REVIEWERS)
    @PostMapping("/{id}/verdicts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Sign a verdict (GENUINE, COUNTERFEIT, INCONCLUSIVE) with its meaning and reasoning; the signer "
            + "(FORENSICS or ADMIN) gives user name and password, or signs with a fresh OIDC token. A later verdict "
            + "supersedes the earlier one")
    SignedVerdict sign(@PathVariable long id, @RequestBody VerdictRequest r) {
        one(id);
        review.checkVerdict(id, r.verdict(), r.meaning(), r.reasoning());
        var signer = signers.verify(r.signature(), Role.FORENSICS, Role.ADMIN);
        return review.sign(id, r.verdict(), r.meaning(), r.reasoning(), signer);
    }
}
