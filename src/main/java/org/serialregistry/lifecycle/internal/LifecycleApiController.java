package org.serialregistry.lifecycle.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.serialregistry.lifecycle.EndOfLife;
import org.serialregistry.lifecycle.EndOfLifeKind;
import org.serialregistry.lifecycle.StatusCorrections;
import org.serialregistry.security.Role;
import org.serialregistry.security.SignatureRequest;
import org.serialregistry.security.Signers;
import org.serialregistry.serial.LifecycleEventId;
import org.serialregistry.serial.LifecycleEventView;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** End of life and status changes for warehouse, service and ERP systems. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "End of life")
class LifecycleApiController {

    private final EndOfLife endOfLife;
    private final StatusCorrections corrections;
    private final Signers signers;

    LifecycleApiController(EndOfLife endOfLife, StatusCorrections corrections, Signers signers) {
        this.endOfLife = endOfLife;
        this.corrections = corrections;
        this.signers = signers;
    }

    record ArchiveRequest(@Nullable List<String> serials, @Nullable String reason) {
    }

    record StolenRequest(@Nullable List<String> serials, @Nullable String where, @Nullable String note) {
    }

    record UndoRequest(@Nullable String reason) {
    }

    /** @param signature who signs, as for every decision through the API (user name and password, or a fresh OIDC token) */
    record ErrorDeclarationRequest(@Nullable String reason, @Nullable SignatureRequest signature) {
    }

    @PreAuthorize("hasAnyRole('ADMIN','QUALITY','PRODUCTION','SERVICE_CENTER','DISTRIBUTOR')")
    @PostMapping(path = "/end-of-life/scrap", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Scrap or destroy units (kind SCRAPPED or DESTROYED): serials (comma, space or line separated), "
            + "reason and the evidence file (PDF, PNG or JPEG)")
    LifecycleEventView scrap(@RequestParam(required = false) @Nullable String kind,
                             @RequestParam(required = false) @Nullable String serials,
                             @RequestParam(required = false) @Nullable String reason,
                             @RequestPart(required = false) @Nullable MultipartFile evidence) throws IOException {
        EndOfLifeKind k;
        try {
            k = kind == null ? EndOfLifeKind.DESTROYED : EndOfLifeKind.valueOf(kind.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind: SCRAPPED or DESTROYED");
        }
        return endOfLife.scrap(k, split(serials), reason, evidence == null ? null : evidence.getBytes(),
                evidence == null ? null : evidence.getOriginalFilename());
    }

    @PreAuthorize("hasAnyRole('ADMIN','QUALITY','PRODUCTION')")
    @PostMapping(path = "/end-of-life/archive", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Archive units at the end of their life (record and history kept)")
    LifecycleEventView archive(@RequestBody ArchiveRequest r) {
        return endOfLife.archive(r.serials(), r.reason());
    }

    @PreAuthorize("isAuthenticated()")
    @PostMapping(path = "/stolen-reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Report units your party holds stolen (staff: any unit)")
    LifecycleEventView stolen(@RequestBody StolenRequest r) {
        return endOfLife.reportStolen(r.serials(), r.where(), r.note());
    }

    @PreAuthorize("isAuthenticated()")
    @PostMapping(path = "/lifecycle/events/{id}/undo", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Undo a decommissioning your party recorded, within the undo window (EU FMD: 10 days)")
    List<LifecycleEventView> undo(@PathVariable long id, @RequestBody UndoRequest r) {
        return corrections.undo(new LifecycleEventId(id), r.reason());
    }

    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    @PostMapping(path = "/lifecycle/events/{id}/error-declaration", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Declare a status change an error (EPCIS error declaration), signed by a quality engineer or "
            + "administrator (signature: user name and password, or a fresh OIDC token)")
    List<LifecycleEventView> declareError(@PathVariable long id, @RequestBody ErrorDeclarationRequest r) {
        return corrections.declareError(new LifecycleEventId(id), r.reason(), () -> signers.verify(r.signature(), Role.QUALITY, Role.ADMIN));
    }

    @PreAuthorize("hasAnyRole('ADMIN','QUALITY','PRODUCTION','FORENSICS')")
    @GetMapping("/end-of-life/evidence/{id}")
    @Operation(summary = "An end-of-life evidence file, as uploaded")
    ResponseEntity<byte[]> evidence(@PathVariable long id) {
        var view = endOfLife.evidence(id).orElseThrow(() -> new NoSuchElementException("No evidence " + id));
        byte[] content = endOfLife.evidenceContent(id).orElseThrow();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(view.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + view.filename().replace("\"", "_") + "\"")
                .body(content);
    }

    static List<String> split(@Nullable String serials) {
        return serials == null ? List.of() : Arrays.stream(serials.split("[\\s,;]+")).filter(s -> !s.isBlank()).toList();
    }
}
