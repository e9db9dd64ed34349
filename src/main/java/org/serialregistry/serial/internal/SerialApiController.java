package org.serialregistry.serial.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.serialregistry.api.Problems;
import org.serialregistry.serial.BatchExports;
import org.serialregistry.serial.BatchStatus;
import org.serialregistry.serial.BatchView;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.Labels;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.security.Role;
import org.serialregistry.serial.LifecycleEventView;
import org.serialregistry.serial.PartnerUnitScope;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.shared.SerialNumber;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ERP/MES API of serial issuance: issue a batch (idempotent), read it back, export its serials
 * and fetch unit labels. Every error is an RFC 9457 problem naming the field that is wrong.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(name = "Serial issuance", description = "Issue serials for a lot, read batches and units, export serials, fetch labels")
@SecurityRequirement(name = "bearer")
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key (sr_...) created by an administrator, or a Keycloak access token")
class SerialApiController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final SerialIssuance issuance;
    private final Units units;
    private final Labels labels;
    private final BatchExports exports;
    private final JsonMapper json;
    private final CurrentUser currentUser;
    private final List<PartnerUnitScope> partnerScopes;

    /** Roles of the manufacturer's own staff: they read a unit's whole record. Anyone else is a partner. */
    private static final Set<Role> STAFF = EnumSet.of(Role.ADMIN, Role.PRODUCTION, Role.QUALITY, Role.WARRANTY,
            Role.CHANNEL, Role.FORENSICS);

    SerialApiController(SerialIssuance issuance, Units units, Labels labels, BatchExports exports, JsonMapper json,
                        CurrentUser currentUser, List<PartnerUnitScope> partnerScopes) {
        this.json = json;
        this.currentUser = currentUser;
        this.partnerScopes = partnerScopes;
        this.issuance = issuance;
        this.units = units;
        this.labels = labels;
        this.exports = exports;
    }

    /** The request body of POST /serial-batches. */
    @Schema(name = "IssueSerialBatch", description = "A batch of serials to issue for one lot on one production line")
    record IssueSerialBatch(
            @Schema(description = "GTIN-14 of the product, check digit included", example = "09506000134352",
                    requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String gtin,
            @Schema(description = "Lot (GS1 AI 10): 1 to 20 uppercase letters and digits", example = "L2611A",
                    requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String lot,
            @Schema(description = "Facility code", example = "DE-MUC", requiredMode = Schema.RequiredMode.REQUIRED)
            @Nullable String facility,
            @Schema(description = "Production line code within the facility", example = "L1",
                    requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String line,
            @Schema(description = "Number of serials, 1 to 1,000,000; up to 10,000 are issued within the request",
                    example = "100", requiredMode = Schema.RequiredMode.REQUIRED) @Nullable Integer quantity,
            @Schema(description = "Production date (ISO 8601); today when left out", example = "2026-11-24")
            @Nullable LocalDate productionDate,
            @Schema(description = "Expiry date (ISO 8601), after the production date") @Nullable LocalDate expiryDate,
            @Schema(description = "Intended market, ISO 3166-1 alpha-2; one of the product's markets", example = "DE",
                    requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String intendedMarket,
            @Schema(description = "For assemblies: one list of component serials per unit (as many lists as quantity)")
            @Nullable List<List<String>> components) {

        IssueBatchRequest toRequest() {
            if (quantity == null) {
                throw new IllegalArgumentException("quantity: is missing (1 to " + SerialIssuance.MAX_QUANTITY + ")");
            }
            return new IssueBatchRequest(gtin, lot, facility, line, quantity, productionDate, expiryDate,
                    intendedMarket, components);
        }
    }

    /** A unit's serial and the GS1 Digital Link URI its QR code holds. */
    record SerialEntry(String serial, String digitalLink) {
    }

    /** A batch, its progress, and (in the answer that issued a small batch) its serials. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BatchResource(UUID id, BatchStatus status, String gtin, String productName, String lot, String facility,
                         String line, int quantity, int issuedCount,
                         @Schema(description = "0 to 1") double progress, LocalDate productionDate,
                         @Nullable LocalDate expiryDate, String intendedMarket, String requestedBy,
                         Instant requestedAt, @Nullable Instant completedAt, @Nullable String failure,
                         @Schema(description = "URL of this batch") String self,
                         @Schema(description = "URL of its serials (JSON pages, CSV or XLSX)") String serialsUrl,
                         @Nullable List<SerialEntry> serials) {

        static BatchResource of(BatchView b, @Nullable List<SerialEntry> serials) {
            String self = "/api/v1/serial-batches/" + b.id();
            return new BatchResource(b.id(), b.status(), b.gtin(), b.productName(), b.lot(), b.facility(), b.line(),
                    b.quantity(), b.issuedCount(), b.progress(), b.productionDate(), b.expiryDate(),
                    b.intendedMarket(), b.requestedBy(), b.requestedAt(), b.completedAt(), b.failure(), self,
                    self + "/serials", serials);
        }
    }

    /** One page of a batch's serials, in serial order. */
    record SerialPage(UUID batchId, int page, int size, long totalElements, long totalPages, List<SerialEntry> items) {
    }

    /**
     * A unit: its immutable production record, current status, components and event history. A
     * partner's answer leaves out what only production needs (batch, facility, line, components) and
     * lists only the events its party took part in.
     */
    record UnitResource(String serial, String gtin, String lot,
                        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable UUID batchId, LocalDate productionDate,
                        @Nullable LocalDate expiryDate,
                        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String facility,
                        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String line, String intendedMarket,
                        UnitStatus status, String digitalLink,
                        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<String> components,
                        List<LifecycleEventView> history) {
    }

    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    @PostMapping(path = "/serial-batches", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Issue a batch of serials",
            description = """
                    Needs the PRODUCTION or ADMIN role. The header Idempotency-Key is required: the same key never \
                    makes two batches, even when requests race. A batch of up to 10,000 units is issued within the \
                    request and answered 201 with its serials; a larger one is queued and answered 202 with its id \
                    and status (poll the Location). Repeating a request with the same key and the same body answers \
                    200 with the same batch (and its serials once it is completed and has at most 10,000 units) and \
                    the header Idempotent-Replayed: true. The same key with a different body answers 409. \
                    A batch is all or nothing.""",
            responses = {
                    @ApiResponse(responseCode = "201", description = "Issued: the batch with its serials"),
                    @ApiResponse(responseCode = "202", description = "Accepted: the batch is queued (more than 10,000 units)"),
                    @ApiResponse(responseCode = "200", description = "Replay of an earlier request with the same key and body"),
                    @ApiResponse(responseCode = "400", description = "Invalid request; 'field' names what is wrong",
                            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class))),
                    @ApiResponse(responseCode = "409", description = "Idempotency-Key used before with a different body",
                            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))})
    ResponseEntity<BatchResource> issue(
            @Parameter(in = ParameterIn.HEADER, required = true,
                    description = "1 to 128 visible ASCII characters, unique per intended batch, e.g. the ERP order number")
            @RequestHeader(IDEMPOTENCY_KEY) String idempotencyKey,
            @RequestBody IssueSerialBatch body) {
        if (idempotencyKey.isBlank()) {
            throw new IllegalArgumentException(IDEMPOTENCY_KEY + ": is empty; send 1 to 128 visible ASCII characters");
        }
        var submission = issuance.issue(body.toRequest(), idempotencyKey, true);
        var batch = submission.batch();
        var location = URI.create("/api/v1/serial-batches/" + batch.id());
        boolean small = batch.quantity() <= SerialIssuance.SMALL_BATCH;
        var serials = small && batch.status() == BatchStatus.COMPLETED ? serialsOf(batch, 0, batch.quantity()) : null;
        var resource = BatchResource.of(batch, serials);
        if (!submission.created()) {
            return ResponseEntity.ok().location(location).header("Idempotent-Replayed", "true").body(resource);
        }
        if (batch.status() == BatchStatus.COMPLETED) {
            return ResponseEntity.created(location).body(resource);
        }
        return ResponseEntity.accepted().location(location).body(resource);
    }

    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    @GetMapping("/serial-batches/{id}")
    @Operation(summary = "A batch with its status and progress", description = "Needs the PRODUCTION or ADMIN role.")
    BatchResource batch(@PathVariable UUID id) {
        return BatchResource.of(batchOrThrow(id), null);
    }

    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    @GetMapping(path = "/serial-batches/{id}/serials",
            produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(summary = "The serials of a completed batch with their Digital Link URIs",
            description = "format=json (default) answers one page (page from 0, size 1 to 10,000, default 1,000); "
                    + "format=csv and format=xlsx stream the whole batch (constant memory, any size). "
                    + "A batch that is not completed answers 409. Needs the PRODUCTION or ADMIN role: valid serials "
                    + "are what a counterfeiter needs.")
    void serials(@PathVariable UUID id,
                 @Parameter(description = "json, csv or xlsx") @RequestParam(defaultValue = "json") String format,
                 @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "1000") int size,
                 HttpServletResponse response) throws IOException {
        var batch = batchOrThrow(id);
        switch (format.toLowerCase()) {
            case "json" -> {
                if (batch.status() != BatchStatus.COMPLETED) {
                    throw new BatchExports.BatchNotCompletedException(batch);
                }
                var items = serialsOf(batch, page, size);
                long total = batch.issuedCount();
                var body = new SerialPage(id, page, size, total, (total + size - 1) / size, items);
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                json.writeValue(response.getOutputStream(), body);
            }
            case "csv" -> {
                String stem = exports.fileStem(id);
                if (batch.status() != BatchStatus.COMPLETED) {
                    throw new BatchExports.BatchNotCompletedException(batch);
                }
                response.setContentType("text/csv;charset=UTF-8");
                attachment(response, stem + ".csv");
                exports.writeCsv(id, response.getOutputStream());
            }
            case "xlsx" -> {
                String stem = exports.fileStem(id);
                if (batch.status() != BatchStatus.COMPLETED) {
                    throw new BatchExports.BatchNotCompletedException(batch);
                }
                response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                attachment(response, stem + ".xlsx");
                exports.writeXlsx(id, response.getOutputStream());
            }
            default -> throw new IllegalArgumentException("format: json, csv or xlsx, got " + format);
        }
    }

    @PreAuthorize("isAuthenticated()")
    @GetMapping("/serials/{serial}")
    @Operation(summary = "A unit: production record, status, components and event history",
            description = "The manufacturer's staff (ADMIN, PRODUCTION, QUALITY, WARRANTY, CHANNEL, FORENSICS) read the "
                    + "whole record. Partners (DISTRIBUTOR, SERVICE_CENTER) read only units their party holds or held "
                    + "(404 otherwise), without batch, facility, line and components, and only the events they took part in.")
    UnitResource unit(@PathVariable String serial) {
        var sn = serial(serial);
        if (Collections.disjoint(currentUser.roles(), STAFF)) {
            return partnerView(sn);
        }
        var unit = units.find(sn).orElseThrow(() -> new NoSuchElementException("No unit with serial " + sn.value()));
        return new UnitResource(unit.serial().value(), unit.gtin().value(), unit.lot().value(), unit.batchId(),
                unit.productionDate(), unit.expiryDate(), unit.facilityCode(), unit.lineCode(),
                unit.intendedMarket().value(), unit.status(), labels.digitalLink(unit),
                unit.components().stream().map(SerialNumber::value).toList(), units.history(sn));
    }

    private UnitResource partnerView(SerialNumber sn) {
        String party = partnerScopes.stream().map(PartnerUnitScope::actingParty).flatMap(Optional::stream).findFirst()
                .or(currentUser::apiKeyParty).orElse(null);
        var unit = units.find(sn).filter(u -> party != null
                && partnerScopes.stream().anyMatch(scope -> scope.holdsOrHeld(party, sn)));
        if (unit.isEmpty()) {
            // the same answer for a unit never issued and one of another party: nothing to enumerate
            throw new NoSuchElementException("No unit with serial " + sn.value() + " that your party holds or held");
        }
        var u = unit.get();
        var history = units.history(sn).stream()
                .filter(e -> partnerScopes.stream().anyMatch(scope -> scope.tookPart(party, e))).toList();
        return new UnitResource(u.serial().value(), u.gtin().value(), u.lot().value(), null, u.productionDate(),
                u.expiryDate(), null, null, u.intendedMarket().value(), u.status(), labels.digitalLink(u), null, history);
    }

    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    @GetMapping(path = "/serials/{serial}/label.png", produces = {MediaType.IMAGE_PNG_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(summary = "The unit's label as PNG: QR code of its Digital Link URI, or GS1 DataMatrix",
            description = "Needs the PRODUCTION or ADMIN role (labels are printed by production).")
    ResponseEntity<byte[]> labelPng(@PathVariable String serial,
                                    @Parameter(description = "qr (default) or datamatrix") @RequestParam(defaultValue = "qr") String symbology,
                                    @Parameter(description = "pixels, 64 to 2048") @RequestParam(defaultValue = "300") int size) {
        var kind = switch (symbology.toLowerCase()) {
            case "qr" -> Labels.Symbology.QR;
            case "datamatrix" -> Labels.Symbology.DATAMATRIX;
            default -> throw new IllegalArgumentException("symbology: qr or datamatrix, got " + symbology);
        };
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noCache())
                .body(labels.png(serial(serial), kind, size));
    }

    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    @GetMapping(path = "/serials/{serial}/label.svg", produces = {"image/svg+xml", MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(summary = "The unit's label as SVG: QR code of its Digital Link URI with the serial under it",
            description = "Needs the PRODUCTION or ADMIN role (labels are printed by production).")
    ResponseEntity<String> labelSvg(@PathVariable String serial) {
        return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml")).body(labels.svg(serial(serial)));
    }

    @ExceptionHandler(SerialIssuance.IdempotencyConflictException.class)
    ResponseEntity<ProblemDetail> conflict(SerialIssuance.IdempotencyConflictException e) {
        var p = Problems.of(HttpStatus.CONFLICT, e.getMessage());
        p.setTitle("Idempotency-Key reused");
        p.setProperty("field", IDEMPOTENCY_KEY);
        p.setProperty("batchId", e.batchId());
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    @ExceptionHandler(BatchExports.BatchNotCompletedException.class)
    ResponseEntity<ProblemDetail> notCompleted(BatchExports.BatchNotCompletedException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.CONFLICT, e.getMessage()));
    }

    /** Malformed JSON, or a value of the wrong type: the problem names the field when the parser knows it. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        String field = null;
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof tools.jackson.core.JacksonException j && !j.getPath().isEmpty()) {
                var path = new StringBuilder();
                for (var ref : j.getPath()) {
                    if (ref.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
                    } else if (ref.getIndex() >= 0) {
                        path.append('[').append(ref.getIndex()).append(']');
                    }
                }
                field = path.isEmpty() ? null : path.toString();
                break;
            }
        }
        ProblemDetail p = field == null
                ? Problems.of(HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected shape")
                : Problems.badRequest(field + ": not a valid value (dates as YYYY-MM-DD, quantity as a whole number)");
        p.setTitle("Invalid request");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private BatchView batchOrThrow(UUID id) {
        return issuance.batch(id).orElseThrow(() -> new NoSuchElementException("No serial batch " + id));
    }

    private List<SerialEntry> serialsOf(BatchView batch, int page, int size) {
        var gtin = new Gtin(batch.gtin());
        var lot = new LotNumber(batch.lot());
        return issuance.serials(batch.id(), page, size).stream()
                .map(s -> new SerialEntry(s.value(), labels.digitalLink(gtin, lot, s))).toList();
    }

    private static SerialNumber serial(String raw) {
        try {
            return new SerialNumber(raw.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("serial: " + e.getMessage(), e);
        }
    }

    private static void attachment(HttpServletResponse response, String filename) {
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename)
                .build().toString());
    }
}
