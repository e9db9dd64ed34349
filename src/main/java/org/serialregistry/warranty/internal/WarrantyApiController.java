package org.serialregistry.warranty.internal;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;
import org.serialregistry.api.Problems;
import org.serialregistry.api.ListPage;
import org.serialregistry.api.ListQuery;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.warranty.CheckResult;
import org.serialregistry.warranty.ClaimChannel;
import org.serialregistry.warranty.ClaimConflictException;
import org.serialregistry.warranty.ClaimId;
import org.serialregistry.warranty.ClaimView;
import org.serialregistry.warranty.Coverage;
import org.serialregistry.warranty.NewClaim;
import org.serialregistry.warranty.NewRegistration;
import org.serialregistry.warranty.OwnershipRegistry;
import org.serialregistry.warranty.RegistrationChannel;
import org.serialregistry.warranty.RegistrationOutcome;
import org.serialregistry.warranty.ClaimQueries;
import org.serialregistry.warranty.ClaimIntake;
import org.serialregistry.warranty.WarrantyCoverage;
import org.serialregistry.warranty.CoverageLine;
import org.serialregistry.warranty.DefectCode;
import org.serialregistry.warranty.NewPolicyVersion;
import org.serialregistry.warranty.StartRule;
import org.serialregistry.warranty.WarrantyPolicies;
import org.serialregistry.warranty.WarrantyPolicyView;
import org.springdoc.core.annotations.ParameterObject;
import org.serialregistry.warranty.Eligibility;
import org.serialregistry.warranty.WarrantyEligibility;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Warranty over REST: claims answered with their decision and every check, ownership registrations,
 * and coverage of a serial on a day.
 */
@RestController
class WarrantyApiController {

    private final ClaimQueries claims;
    private final ClaimIntake intake;
    private final OwnershipRegistry owners;
    private final WarrantyCoverage coverage;
    private final WarrantyEligibility eligibility;
    private final WarrantyPolicies policies;

    WarrantyApiController(ClaimQueries claims, ClaimIntake intake, OwnershipRegistry owners, WarrantyCoverage coverage,
                          WarrantyEligibility eligibility, WarrantyPolicies policies) {
        this.policies = policies;
        this.claims = claims;
        this.intake = intake;
        this.owners = owners;
        this.coverage = coverage;
        this.eligibility = eligibility;
    }

    /** The answer to a claim: decision, the failed checks in words, and every check. */
    record ClaimAnswer(String claimNumber, String state, @Nullable String decision, @Nullable String rmaNumber,
                       @Nullable String reasons, @Nullable LocalDate coveredUntil, String serial, String gtin,
                       String lot, String defectCode, LocalDate failureDate, boolean created,
                       List<CheckAnswer> checks) {
    }

    record CheckAnswer(String check, String description, boolean passed, String onFailure, String detail) {
    }

    static ClaimAnswer answer(ClaimView c, List<CheckResult> checks, boolean created) {
        return new ClaimAnswer(c.claimNumber(), c.state().name(), c.decision() == null ? null : c.decision().name(),
                c.rmaNumber(), c.decisionReasons(), c.coveredUntil(), c.serial(), c.gtin(), c.lot(), c.defect().name(),
                c.failureDate(), created, checks.stream().map(k -> new CheckAnswer(k.check().name(), k.check().label(),
                k.passed(), k.onFailure().name(), k.detail())).toList());
    }

    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','ADMIN')")
    @PostMapping("/api/v1/warranty-claims")
    ResponseEntity<ClaimAnswer> submit(@RequestBody NewClaim claim) {
        var result = intake.submit(claim, ClaimChannel.API);
        var body = answer(result.claim(), result.checks(), result.created());
        var uri = URI.create("/api/v1/warranty-claims/" + result.claim().claimNumber());
        return result.created() ? ResponseEntity.created(uri).body(body) : ResponseEntity.ok().location(uri).body(body);
    }

    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','QUALITY','ADMIN')")
    @GetMapping("/api/v1/warranty-claims/{number}")
    ClaimAnswer claim(@PathVariable String number) {
        var detail = claims.detail(ClaimId.of(number))
                .orElseThrow(() -> new NoSuchElementException("No claim " + number));
        return answer(detail.claim(), detail.checks(), false);
    }

    /** @param serial a serial, a Digital Link or an element string: a code, read by the serial gate (kept as text) */
    record RegistrationRequest(@Nullable Gtin gtin, String serial, LocalDate purchaseDate, String retailer, String ownerName,
                               String email) {
    }

    record RegistrationAnswer(long registrationId, String serial, String status, boolean effective, String message,
                              LocalDate purchaseDate) {
    }

    @PreAuthorize("hasAnyRole('WARRANTY','SERVICE_CENTER','ADMIN')")
    @PostMapping("/api/v1/registrations")
    ResponseEntity<RegistrationAnswer> register(@RequestBody RegistrationRequest r) {
        var outcome = owners.register(new NewRegistration(r.gtin() == null ? null : r.gtin().value(), r.serial(),
                r.purchaseDate(), r.retailer(), r.ownerName(), r.email(), null, null), RegistrationChannel.API);
        return answer(outcome);
    }

    /**
     * The same as multipart form data, with the proof of purchase as the file part {@code proof}
     * (PNG, JPEG or PDF, at most 5 MB; checked by its content, not its name).
     */
    @PreAuthorize("hasAnyRole('WARRANTY','SERVICE_CENTER','ADMIN')")
    @PostMapping(path = "/api/v1/registrations", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<RegistrationAnswer> registerWithProof(@RequestParam String gtin, @RequestParam String serial,
                                                         @RequestParam LocalDate purchaseDate,
                                                         @RequestParam(required = false) @Nullable String retailer,
                                                         @RequestParam String ownerName, @RequestParam String email,
                                                         @RequestPart(name = "proof", required = false)
                                                         @Nullable MultipartFile proof) throws IOException {
        byte[] bytes = proof == null || proof.isEmpty() ? null : proof.getBytes();
        var outcome = owners.register(new NewRegistration(gtin, serial, purchaseDate, retailer, ownerName, email, bytes,
                bytes == null ? null : proof.getOriginalFilename()), RegistrationChannel.API);
        return answer(outcome);
    }

    private static ResponseEntity<RegistrationAnswer> answer(RegistrationOutcome outcome) {
        var reg = outcome.registration();
        var body = new RegistrationAnswer(reg.id(), reg.serial(), reg.status().name(), outcome.effective(),
                outcome.message(), reg.purchaseDate());
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK).body(body);
    }

    @PreAuthorize("isAuthenticated()")
    @GetMapping("/api/v1/warranty/coverage")
    Coverage coverage(@RequestParam String gtin, @RequestParam String serial,
                      @RequestParam(required = false) @Nullable LocalDate date) {
        return ofUnit(gtin, serial, (g, s) -> date == null ? coverage.today(g, s) : coverage.on(g, s, date));
    }

    /** What a service centre checks before a repair: coverage and earlier claims against the claim limit. */
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','ADMIN')")
    @GetMapping("/api/v1/warranty/eligibility")
    Eligibility eligibility(@RequestParam String gtin, @RequestParam String serial,
                            @RequestParam(required = false) @Nullable LocalDate date) {
        return ofUnit(gtin, serial, (g, s) -> eligibility.check(g, s, date));
    }

    /** The answer about one unit; 404 for a serial never issued for this GTIN. */
    private static <T> T ofUnit(String gtin, String serial, BiFunction<Gtin, SerialNumber, Optional<T>> answer) {
        var g = SerialGate.gtin(gtin);
        var s = new SerialNumber(SerialGate.serialText(serial));
        return answer.apply(g, s).orElseThrow(() -> new NoSuchElementException("No unit " + s.value() + " of GTIN " + g.value()));
    }

    /**
     * A new policy version as an admin system sends it. Missing numbers and flags are zero or false;
     * with {@code lines} the lines carry the terms (term and start rule of the version may be left out).
     */
    record PolicyRequest(@Nullable Gtin gtin, @Nullable LocalDate effectiveFrom, @Nullable Integer termMonths,
                         @Nullable StartRule startRule, @Nullable Integer graceDays,
                         @Nullable Set<DefectCode> coveredDefects, @Nullable Set<DefectCode> excludedDefects,
                         @Nullable Boolean partsCovered, @Nullable Boolean labourCovered, @Nullable Integer claimLimit,
                         @Nullable String note, @Nullable List<CoverageLine> lines) {
    }

    /** Adds a policy version (never edits one): 201 with the version as stored, lines in kind order. */
    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/api/v1/warranty-policies")
    ResponseEntity<WarrantyPolicyView> addPolicyVersion(@RequestBody PolicyRequest r) {
        var saved = policies.addVersion(new NewPolicyVersion(r.gtin() == null ? null : r.gtin().value(), r.effectiveFrom(),
                orZero(r.termMonths()), r.startRule(), orZero(r.graceDays()),
                r.coveredDefects() == null ? Set.of() : r.coveredDefects(), r.excludedDefects() == null ? Set.of() : r.excludedDefects(), Boolean.TRUE.equals(r.partsCovered()),
                Boolean.TRUE.equals(r.labourCovered()), orZero(r.claimLimit()), r.note(), r.lines()));
        return ResponseEntity.created(URI.create("/api/v1/warranty-policies?gtin=" + saved.gtin())).body(saved);
    }

    /** The versions of a product's policy (without gtin: of every product), oldest first, each with its coverage lines. */
    @PreAuthorize("hasAnyRole('ADMIN','WARRANTY','SERVICE_CENTER')")
    @GetMapping("/api/v1/warranty-policies")
    ListPage<WarrantyPolicyView> policyVersions(@RequestParam(required = false) @Nullable String gtin,
                                                @ParameterObject ListQuery.Params params) {
        var q = params.query();
        return q.page(gtin == null ? policies.all() : policies.versions(SerialGate.gtin(gtin)),
                WarrantyPolicyView::createdAt, null);
    }

    private static int orZero(@Nullable Integer n) {
        return n == null ? 0 : n;
    }

    @ExceptionHandler(ClaimConflictException.class)
    ProblemDetail conflict(ClaimConflictException e) {
        return Problems.of(HttpStatus.CONFLICT, e.getMessage());
    }
}
