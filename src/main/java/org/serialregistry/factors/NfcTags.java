package org.serialregistry.factors;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.factors.internal.FactorCrypto;
import org.serialregistry.factors.internal.FactorStore;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.serial.Labels;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * NTAG 424 DNA tags bound to units: one at a time (at issue or at packing), or from the tag
 * encoder's Excel file (columns UID and Serial; every row is checked in one pass, and nothing is
 * bound unless every row is right). A tag is bound with the active key version and keeps it.
 */
@Service
public class NfcTags {

    public static final int MAX_IMPORT_ROWS = 10_000;

    private final FactorStore store;
    private final FactorCrypto crypto;
    private final SecondFactors factors;
    private final Units units;
    private final Labels labels;
    private final AuditTrail audit;
    private final CurrentUser currentUser;
    private final Clock clock;

    NfcTags(FactorStore store, FactorCrypto crypto, SecondFactors factors, Units units, Labels labels,
            AuditTrail audit, CurrentUser currentUser, Clock clock) {
        this.store = store;
        this.crypto = crypto;
        this.factors = factors;
        this.units = units;
        this.labels = labels;
        this.audit = audit;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /**
     * Binds a tag to a unit. Audited.
     *
     * @throws IllegalArgumentException naming the field: "uid: ...", "serial: ..." (every problem in one message)
     */
    @Transactional
    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    public TagBinding bind(String uid, String serial) {
        var problems = new ArrayList<String>();
        String normalised = check(uid, serial, problems, new HashMap<>(), new HashMap<>());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return insert(normalised, serial.strip().toUpperCase(Locale.ROOT));
    }

    /** Binds every row of the encoder's workbook, or none. Audited per tag. */
    @Transactional
    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    public ImportReport importWorkbook(InputStream xlsx) {
        var rows = new ArrayList<String[]>();
        var rejected = new ArrayList<String>();
        try (var workbook = WorkbookFactory.create(xlsx)) {
            var sheet = workbook.getSheetAt(0);
            var format = new DataFormatter(Locale.ROOT);
            Row header = sheet.getRow(sheet.getFirstRowNum());
            int uidColumn = -1;
            int serialColumn = -1;
            if (header != null) {
                for (var cell : header) {
                    String name = format.formatCellValue(cell).strip().toLowerCase(Locale.ROOT);
                    if (name.equals("uid")) {
                        uidColumn = cell.getColumnIndex();
                    } else if (name.equals("serial")) {
                        serialColumn = cell.getColumnIndex();
                    }
                }
            }
            if (uidColumn < 0 || serialColumn < 0) {
                return new ImportReport(0, List.of("Row 1: the first row must name the columns UID and Serial"));
            }
            var seenUids = new HashMap<String, Integer>();
            var seenSerials = new HashMap<String, Integer>();
            for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                String uid = format.formatCellValue(row.getCell(uidColumn)).strip();
                String serial = format.formatCellValue(row.getCell(serialColumn)).strip().toUpperCase(Locale.ROOT);
                if (uid.isEmpty() && serial.isEmpty()) {
                    continue;
                }
                if (rows.size() >= MAX_IMPORT_ROWS) {
                    rejected.add("Row " + (r + 1) + ": a file holds at most " + MAX_IMPORT_ROWS + " tags");
                    break;
                }
                var problems = new ArrayList<String>();
                String normalised = check(uid, serial, problems, seenUids, seenSerials);
                seenUids.putIfAbsent(normalised, r + 1);
                seenSerials.putIfAbsent(serial, r + 1);
                if (problems.isEmpty()) {
                    rows.add(new String[] {normalised, serial});
                } else {
                    rejected.add("Row " + (r + 1) + ": " + String.join("; ", problems));
                }
            }
        } catch (IOException | RuntimeException e) {
            return new ImportReport(0, List.of("file: this is not an Excel workbook (.xlsx) with columns UID and Serial"));
        }
        if (!rejected.isEmpty()) {
            return new ImportReport(0, rejected);
        }
        if (rows.isEmpty()) {
            return new ImportReport(0, List.of("file: the workbook lists no tags"));
        }
        rows.forEach(r -> insert(r[0], r[1]));
        return new ImportReport(rows.size(), List.of());
    }

    /** The tag bound to a unit, if any. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('PRODUCTION','FORENSICS','ADMIN')")
    public Optional<TagBinding> ofSerial(SerialNumber serial) {
        return store.tagOfSerial(serial.value()).map(NfcTags::view);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    public List<TagBinding> latest(int limit) {
        return store.latestTags(Math.max(1, Math.min(limit, 500))).stream().map(NfcTags::view).toList();
    }

    /**
     * The keys and URL template to encode a bound tag with. Reading them is audited.
     *
     * @throws java.util.NoSuchElementException no tag with this UID is bound
     */
    @Transactional
    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    public TagEncoding encoding(String uid) {
        String normalised = uid.strip().toUpperCase(Locale.ROOT);
        var tag = store.tag(normalised).orElseThrow(() -> new java.util.NoSuchElementException(
                "No NFC tag with UID " + normalised + " is bound to a unit"));
        var keys = crypto.tagKeys(tag.keyVersion(), tag.uid());
        if (keys == null) {
            throw new IllegalStateException("uid: the key version " + tag.keyVersion() + " of this tag is no longer configured");
        }
        var unit = units.lookup(new SerialNumber(tag.serial())).orElseThrow();
        audit.record("nfc-tag.keys-read", "nfc-tag", tag.uid(), null, AuditTrail.state("serial", tag.serial(),
                "keyVersion", tag.keyVersion()));
        return new TagEncoding(tag.uid(), tag.serial(), tag.keyVersion(), keys.appMasterKey(), keys.sdmMetaReadKey(),
                keys.sdmFileReadKey(), urlTemplate(unit));
    }

    /** The unit's Digital Link with the SUN mirror placeholders. */
    public String urlTemplate(UnitRecord unit) {
        return labels.digitalLink(unit) + "?picc_data=" + "0".repeat(32) + "&cmac=" + "0".repeat(16);
    }

    private String check(String uid, String serial, List<String> problems, Map<String, Integer> seenUids,
                         Map<String, Integer> seenSerials) {
        String normalised = uid == null ? "" : uid.strip().replace(":", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (normalised.length() != 14 || !normalised.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            problems.add("uid: an NTAG 424 DNA UID is 7 bytes, 14 hex digits (e.g. 04A1B2C3D4E5F6), got '"
                    + cut(uid) + "'");
        } else if (seenUids.containsKey(normalised)) {
            problems.add("uid: tag " + normalised + " is listed twice (also in row " + seenUids.get(normalised) + ")");
        } else {
            store.tag(normalised).ifPresent(t -> problems.add("uid: tag " + normalised + " is already bound to serial "
                    + t.serial()));
        }
        String s = serial == null ? "" : serial.strip().toUpperCase(Locale.ROOT);
        UnitRecord unit = null;
        try {
            unit = units.lookup(new SerialNumber(s)).orElse(null);
            if (unit == null) {
                problems.add("serial: no unit with serial " + cut(s) + " was issued");
            }
        } catch (IllegalArgumentException e) {
            problems.add("serial: " + e.getMessage());
        }
        if (unit != null) {
            if (seenSerials.containsKey(s)) {
                problems.add("serial: unit " + s + " is listed twice (also in row " + seenSerials.get(s) + ")");
            } else {
                store.tagOfSerial(s).ifPresent(t -> problems.add("serial: unit " + s + " already has tag " + t.uid()));
            }
            if (!factors.forProduct(unit.gtin()).carries(SecondFactor.NFC)) {
                problems.add("serial: the units of product " + unit.gtin().value()
                        + " carry no NFC tag; turn on NFC for that product first");
            }
        }
        return normalised;
    }

    private TagBinding insert(String uid, String serial) {
        var unit = units.lookup(new SerialNumber(serial)).orElseThrow();
        Instant now = Instant.now(clock);
        store.insertTag(uid, serial, unit.gtin().value(), crypto.activeVersion(), now, currentUser.require());
        audit.record("nfc-tag.bound", "nfc-tag", uid, null, AuditTrail.state("serial", serial, "gtin",
                unit.gtin().value(), "keyVersion", crypto.activeVersion()));
        return new TagBinding(uid, serial, unit.gtin().value(), crypto.activeVersion(), null, now);
    }

    private static TagBinding view(FactorStore.TagRow row) {
        return new TagBinding(row.uid(), row.serial(), row.gtin(), row.keyVersion(),
                row.lastCounter() < 0 ? null : row.lastCounter(), row.boundAt().toInstant());
    }

    private static String cut(String s) {
        return s == null ? "" : s.length() > 32 ? s.substring(0, 32) + "..." : s;
    }
}
