package org.serialregistry.warranty;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.InvalidInput;
import org.serialregistry.shared.UnitCode;
import org.serialregistry.warranty.internal.ClaimStore;
import org.serialregistry.warranty.internal.ClaimWorkbook;
import org.serialregistry.warranty.internal.FileStore;
import org.serialregistry.warranty.internal.SerialGate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Taking claims in: one at a time (portal, API) or a workbook of them (Excel), and evidence files
 * on a claim. Each claim is decided automatically at once by {@link ClaimAdjudicator}.
 * <p>
 * Only genuine, issued serials of the named product are taken; anything else is refused and
 * reported as a suspect code. Every field is checked in one pass ({@link InvalidInput}).
 */
@Service
public class ClaimIntake {

    private static final int MAX_DESCRIPTION = 2000;

    private final SerialGate gate;
    private final ClaimStore store;
    private final FileStore files;
    private final ClaimAdjudicator adjudicator;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ClaimIntake(SerialGate gate, ClaimStore store, FileStore files, ClaimAdjudicator adjudicator, AuditTrail audit,
                PlatformTransactionManager tx, Clock clock) {
        this.gate = gate;
        this.store = store;
        this.files = files;
        this.adjudicator = adjudicator;
        this.audit = audit;
        this.transaction = new TransactionTemplate(tx);
        this.clock = clock;
    }

    /**
     * Takes a claim and decides it automatically.
     *
     * @throws IllegalArgumentException naming the field (a forged or unknown serial is also reported as a suspect code)
     */
    @Transactional
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','ADMIN')")
    public ClaimResult submit(NewClaim claim, ClaimChannel channel) {
        String by = ClaimActor.name();
        if (claim.externalReference() != null && !claim.externalReference().isBlank()) {
            var earlier = store.findByReference(by, claim.externalReference().strip());
            if (earlier.isPresent()) {
                return new ClaimResult(earlier.get(), store.checks(earlier.get().id().value()), false);
            }
        }
        return adjudicator.adjudicate(validate(claim), channel, by);
    }

    /** Checks every field in one pass; all problems are reported together ({@link InvalidInput}). */
    private ValidClaim validate(NewClaim c) {
        var errors = new InvalidInput.Collector();
        Gtin gtin = errors.get("gtin", () -> SerialGate.gtin(c.gtin()));
        String serial = errors.get("serial", () -> SerialGate.serialText(c.serial()));
        DefectCode defect = errors.get("defectCode", () -> DefectCode.parse("defectCode", c.defectCode()));
        LocalDate today = LocalDate.now(clock);
        LocalDate failure = c.failureDate() == null ? today : c.failureDate();
        errors.require(!failure.isAfter(today), "failureDate", failure + " is in the future");
        String name = errors.get("claimantName", () -> OwnershipRegistry.text("claimantName", c.claimantName(), 128));
        String email = errors.get("claimantEmail", () -> OwnershipRegistry.email("claimantEmail", c.claimantEmail()));
        String description = c.description() == null || c.description().isBlank() ? null : c.description().strip();
        errors.require(description == null || description.length() <= MAX_DESCRIPTION, "description",
                "at most " + MAX_DESCRIPTION + " characters");
        String reference = c.externalReference() == null || c.externalReference().isBlank() ? null
                : c.externalReference().strip();
        errors.require(reference == null || reference.length() <= 64, "externalReference", "at most 64 characters");
        if (gtin == null && serial != null) {
            // without a product the gate cannot judge the serial; its shape can still be checked now
            String problem = UnitCode.problem(serial);
            if (problem != null) {
                errors.add("serial", problem);
            }
        }
        String receipt = c.purchaseReceipt() == null || c.purchaseReceipt().isBlank() ? null : c.purchaseReceipt().strip();
        errors.require(receipt == null || receipt.length() <= 64, "purchaseReceipt", "at most 64 characters");
        // the gate records a suspect code as a signal, so it sees only a well-formed GTIN and serial
        UnitRecord unit = gtin == null || serial == null ? null : errors.get("serial", () -> gate.admit(gtin, serial, "CLAIM"));
        if (unit != null && !errors.has("failureDate")) {
            errors.require(!failure.isBefore(unit.productionDate()), "failureDate", failure
                    + " is before the unit was made (" + unit.productionDate() + ")");
        }
        errors.throwIfAny();
        return new ValidClaim(unit, defect, failure, name, email, description, reference, receipt);
    }

    /**
     * Imports a workbook of claims (see {@link #WORKBOOK_COLUMNS}): every row is checked first; if any
     * row is bad nothing is imported and each bad row is reported. Otherwise all rows are adjudicated
     * in one transaction.
     *
     * @param progress called with (rows done, rows in all) while it runs
     */
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','ADMIN')")
    public ClaimImportReport importWorkbook(byte[] workbook, @Nullable BiConsumer<Integer, Integer> progress) {
        var rows = ClaimWorkbook.read(workbook);
        // every row is checked, all fields of each, so that one upload reports every problem
        var problems = new ArrayList<ClaimImportReport.RowProblem>(rows.problems());
        var unreadable = new HashSet<Integer>();
        rows.problems().forEach(p -> unreadable.add(p.row()));
        String by = ClaimActor.name();
        int total = rows.rows().size() + rows.problems().size();
        var valid = new ArrayList<ValidClaim>();
        var references = new HashSet<String>();
        int done = 0;
        for (var row : rows.rows()) {
            try {
                var v = transaction.execute(s -> validate(row.claim()));
                if (v.reference() != null && (!references.add(v.reference())
                        || store.findByReference(by, v.reference()).isPresent())) {
                    throw new IllegalArgumentException("externalReference: " + v.reference() + " was used before");
                }
                valid.add(v);
            } catch (IllegalArgumentException e) {
                problems.add(ClaimImportReport.RowProblem.of(row.row(), e));
            }
            if (progress != null) {
                progress.accept(++done, total * 2);
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparingInt(ClaimImportReport.RowProblem::row));
            return new ClaimImportReport(false, total, problems, List.of());
        }
        var results = new ArrayList<ClaimResult>();
        try {
            transaction.executeWithoutResult(s -> {
                int n = total;
                for (int i = 0; i < valid.size(); i++) {
                    try {
                        results.add(adjudicator.adjudicate(valid.get(i), ClaimChannel.EXCEL, by));
                    } catch (IllegalArgumentException e) {
                        problems.add(ClaimImportReport.RowProblem.of(rows.rows().get(i).row(), e));
                        throw e;
                    }
                    if (progress != null) {
                        progress.accept(++n, total * 2);
                    }
                }
                audit.record("claims.imported", "claim-import", by, null, AuditTrail.state("rows", total,
                        "first", results.isEmpty() ? null : results.getFirst().claim().claimNumber()));
            });
        } catch (IllegalArgumentException e) {
            return new ClaimImportReport(false, total, problems, List.of());
        }
        return new ClaimImportReport(true, total, List.of(), results);
    }

    /** The problems of a claim row or file, each named by its column header rather than its field name. */
    public static String inColumnWords(RuntimeException e) {
        return ClaimWorkbook.inColumnWords(e);
    }

    /** Header of the claim workbook, in column order; the first sheet is read. */
    public static final List<String> WORKBOOK_COLUMNS = ClaimWorkbook.COLUMNS;

    /** An empty claim workbook with the header row, for repair networks to fill in. */
    public static byte[] workbookTemplate() {
        return ClaimWorkbook.write(List.of());
    }

    /** Adds a PNG, JPEG or PDF file (at most 5 MB) as evidence to a claim. */
    @Transactional
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','ADMIN')")
    public EvidenceFile addEvidence(ClaimId claimOfEvidence, byte[] content, String filename) {
        long claimId = claimOfEvidence.value();
        var claim = store.find(claimId).orElseThrow(() -> new IllegalArgumentException("claim: no claim " + claimId));
        var file = files.store(claimId, "evidence", content, filename, ClaimActor.name(), ClaimActor.now(clock));
        audit.record("claim.evidence-added", "claim", claim.claimNumber(), null, AuditTrail.state("file", file.filename(),
                "type", file.contentType(), "bytes", file.sizeBytes(), "sha256", file.sha256()));
        return file;
    }
}
