package org.serialregistry.returns.internal;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.NoSuchElementException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.serialregistry.api.ListPage;
import org.serialregistry.api.ListQuery;
import org.serialregistry.returns.DispositionAnswer;
import org.serialregistry.returns.DispositionRule;
import org.serialregistry.returns.DispositionRules;
import org.serialregistry.returns.Genealogy;
import org.serialregistry.returns.NewDispositionRule;
import org.serialregistry.returns.NewReturn;
import org.serialregistry.returns.ReturnDisposition;
import org.serialregistry.returns.ReturnLineView;
import org.serialregistry.returns.ReturnView;
import org.serialregistry.returns.ReturnDispositions;
import org.serialregistry.returns.ReturnQueries;
import org.serialregistry.returns.ReturnsDesk;
import org.serialregistry.security.Role;
import org.serialregistry.security.SignatureRequest;
import org.serialregistry.security.Signers;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Returns for warehouse systems: intake, "what do I do with this unit?", dispositions, rules and genealogy. */
@RestController
@RequestMapping(path = "/api/v1", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(name = "Returns")
class ReturnsApiController {

    private static final String DESK = "hasAnyRole('SERVICE_CENTER','ADMIN')";
    private static final String READERS = "hasAnyRole('SERVICE_CENTER','QUALITY','DISTRIBUTOR','ADMIN')";

    private final ReturnsDesk desk;
    private final ReturnQueries returns;
    private final ReturnDispositions dispositions;
    private final DispositionRules rules;
    private final Genealogy genealogy;
    private final Signers signers;

    ReturnsApiController(ReturnsDesk desk, ReturnQueries returns, ReturnDispositions dispositions, DispositionRules rules,
                         Genealogy genealogy, Signers signers) {
        this.returns = returns;
        this.dispositions = dispositions;
        this.signers = signers;
        this.desk = desk;
        this.rules = rules;
        this.genealogy = genealogy;
    }

    record CompleteRequest(@Nullable Long version) {
    }

    /** A person's signed change of a unit's disposition; {@code signature} as for claim decisions. */
    record OverrideRequest(@Nullable Long version, @Nullable ReturnDisposition disposition, @Nullable String meaning,
                           @Nullable String reason, @Nullable SignatureRequest signature) {
    }


    private static long version(@Nullable Long version) {
        if (version == null) {
            throw new IllegalArgumentException("version: send the version of the line you read");
        }
        return version;
    }

    record RuleChange(@Nullable Long version, @Nullable Integer priority, @Nullable String reason, @Nullable Boolean underWarranty,
                      @Nullable Integer maxAgeDays, @Nullable ReturnDisposition disposition, @Nullable String explanation,
                      @Nullable Boolean active) {
        NewDispositionRule rule() {
            var r = reason == null || reason.isBlank() ? null : org.serialregistry.returns.ReturnReason.parse(reason);
            if (reason != null && !reason.isBlank() && r == null) {
                throw new IllegalArgumentException("reason: '" + reason + "' is none of defective, damaged in transit, "
                        + "wrong item, not wanted, end of lease (or empty for any reason)");
            }
            return new NewDispositionRule(priority, r, underWarranty, maxAgeDays, disposition, explanation, active);
        }
    }

    @PreAuthorize(DESK)
    @PostMapping(path = "/returns", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Take a return (RMA) of many serials in; every unit is checked and routed at once")
    ResponseEntity<ReturnView> receive(@RequestBody @Nullable NewReturn body) {
        if (body == null) {
            throw new IllegalArgumentException("return: send a JSON body");
        }
        return created(desk.receive(body, "API"));
    }

    @PreAuthorize(DESK)
    @PostMapping(path = "/returns", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Take a return in from an Excel sheet (columns serial, reason, note); every bad row is named")
    ResponseEntity<ReturnView> upload(@RequestParam("file") MultipartFile file, @RequestParam("fromParty") String fromParty,
                                      @RequestParam(name = "rmaNumber", required = false) @Nullable String rmaNumber)
            throws IOException {
        try (var in = file.getInputStream()) {
            return created(desk.receive(new NewReturn(rmaNumber, fromParty, ReturnSheet.read(in)), "SHEET"));
        }
    }

    private static ResponseEntity<ReturnView> created(ReturnView view) {
        return ResponseEntity.created(URI.create("/api/v1/returns/" + view.rmaNumber())).body(view);
    }

    @PreAuthorize(READERS)
    @GetMapping("/returns/{rma}")
    @Operation(summary = "A return with every unit, its checks and disposition (partners: their own returns only)")
    ReturnView find(@PathVariable String rma) {
        return returns.find(rma).orElseThrow(() -> new NoSuchElementException("No return " + rma));
    }

    @PreAuthorize(READERS)
    @GetMapping("/returns/units/{serial}/disposition")
    @Operation(summary = "What do I do with this unit? The disposition of its latest return, and why")
    DispositionAnswer disposition(@PathVariable String serial) {
        return returns.dispositionOf(serial).orElseThrow(() -> new NoSuchElementException("No return names unit " + serial));
    }

    @PreAuthorize(DESK)
    @PostMapping("/returns/lines/{id}/complete")
    @Operation(summary = "Carry a unit's disposition out (restock, repair, refurbish, return to supplier, scrap)")
    ReturnLineView complete(@PathVariable long id, @RequestBody CompleteRequest body) {
        return dispositions.complete(id, version(body.version()));
    }

    @PreAuthorize("hasAnyRole('SERVICE_CENTER','QUALITY','ADMIN')")
    @PostMapping("/returns/lines/{id}/override")
    @Operation(summary = "Change a unit's disposition with a person's signature (user name and password, or a fresh "
            + "OIDC token of the signer); releasing or quarantining needs the signer's quality role")
    ReturnLineView override(@PathVariable long id, @RequestBody OverrideRequest body) {
        var signer = signers.verify(body.signature(), Role.SERVICE_CENTER, Role.QUALITY, Role.ADMIN);
        return dispositions.override(id, version(body.version()), body.disposition(), body.meaning(), body.reason(), signer);
    }

    @PreAuthorize("hasAnyRole('QUALITY','SERVICE_CENTER','ADMIN')")
    @GetMapping("/returns/disposition-rules")
    @Operation(summary = "The routing rules, in the order they are tried; state ACTIVE or INACTIVE, from/to the last change")
    ListPage<DispositionRule> rules(@ParameterObject ListQuery.Params params) {
        var q = params.query(List.of("ACTIVE", "INACTIVE"));
        return q.page(rules.all(), DispositionRule::changedAt, r -> r.active() ? "ACTIVE" : "INACTIVE");
    }

    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    @PostMapping("/returns/disposition-rules")
    @Operation(summary = "Add a routing rule (quality team)")
    ResponseEntity<DispositionRule> addRule(@RequestBody RuleChange body) {
        var rule = rules.create(body.rule());
        return ResponseEntity.created(URI.create("/api/v1/returns/disposition-rules/" + rule.id())).body(rule);
    }

    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    @PutMapping("/returns/disposition-rules/{id}")
    @Operation(summary = "Change a routing rule (quality team); send the version you read")
    DispositionRule changeRule(@PathVariable long id, @RequestBody RuleChange body) {
        if (body.version() == null) {
            throw new IllegalArgumentException("version: send the version of the rule you read");
        }
        return rules.update(id, body.version(), body.rule());
    }

    @PreAuthorize("hasAnyRole('SERVICE_CENTER','QUALITY','WARRANTY','ADMIN')")
    @GetMapping("/units/{serial}/genealogy")
    @Operation(summary = "A unit's ancestors and descendants: components, replacements, refurbishments")
    Genealogy.Graph genealogy(@PathVariable String serial) {
        return genealogy.of(serial).orElseThrow(() -> new NoSuchElementException("This registry never issued " + serial));
    }
}
