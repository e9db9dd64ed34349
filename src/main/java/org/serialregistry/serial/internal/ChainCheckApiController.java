package org.serialregistry.serial.internal;

import java.util.List;
import java.util.NoSuchElementException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.serialregistry.audit.AuditChain;
import org.serialregistry.audit.AuditChainReport;
import org.serialregistry.audit.ChainCheckpoints;
import org.serialregistry.serial.ChainReport;
import org.serialregistry.serial.Units;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Integrity checks through the API: recompute the lifecycle log's and the audit trail's chains, compare
 * them with a signed checkpoint kept outside the registry, and export or write checkpoints.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(name = "Chain checks", description = "Check the lifecycle log and audit trail chains; signed checkpoints")
@SecurityRequirement(name = "bearer")
class ChainCheckApiController {

    private final Units units;
    private final ChainCheckpoints checkpoints;
    private final AuditChain auditChain;

    ChainCheckApiController(Units units, ChainCheckpoints checkpoints, AuditChain auditChain) {
        this.units = units;
        this.checkpoints = checkpoints;
        this.auditChain = auditChain;
    }

    @PreAuthorize("hasAnyRole('ADMIN','PRODUCTION','QUALITY')")
    @GetMapping("/lifecycle/chain-check")
    @Operation(summary = "Recompute the hash chain of the lifecycle event log",
            description = "Needs the ADMIN, PRODUCTION or QUALITY role. intact=false names the first broken event.")
    ChainReport chainCheck() {
        return units.verifyChain();
    }

    @PreAuthorize("hasAnyRole('ADMIN','PRODUCTION','QUALITY')")
    @PostMapping(path = "/lifecycle/chain-check", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Check the lifecycle log against a checkpoint kept outside the registry",
            description = "Body: an exported checkpoint file. Needs the ADMIN, PRODUCTION or QUALITY role.")
    ChainReport chainCheckAgainst(@RequestBody String checkpoint) {
        return units.verifyChain(checkpoints.parse(checkpoint));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @GetMapping("/audit/chain-check")
    @Operation(summary = "Recompute the audit trail's keyed chain and compare it with the latest checkpoint",
            description = "Needs the ADMIN role. intact=false names the first broken sequence number.")
    AuditChainReport auditChainCheck() {
        return auditChain.verify();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping(path = "/audit/chain-check", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Check the audit trail against an audit checkpoint kept outside the registry",
            description = "Body: an exported audit checkpoint file. Needs the ADMIN role.")
    AuditChainReport auditChainCheckAgainst(@RequestBody String checkpoint) {
        return auditChain.verify(checkpoints.parse(checkpoint));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @GetMapping("/checkpoints/{chain}/latest")
    @Operation(summary = "Download the latest signed checkpoint of a chain (lifecycle or audit)",
            description = "Needs the ADMIN role. Keep the file elsewhere; give it back to the chain check later.")
    ResponseEntity<ChainCheckpoints.Exported> latestCheckpoint(@PathVariable String chain) {
        var c = checkpoints.exportLatest(chain).orElseThrow(() -> new NoSuchElementException("no checkpoint of " + chain));
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("checkpoint-" + c.chain() + "-" + c.sequence() + ".json").build().toString()).body(c);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/checkpoints")
    @Operation(summary = "Sign every chain's head now", description = "Needs the ADMIN role.")
    List<ChainCheckpoints.Exported> writeCheckpoints() {
        return checkpoints.writeNow().stream().map(checkpoints::exported).toList();
    }
}
