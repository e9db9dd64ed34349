package org.serialregistry.forensics;

import org.serialregistry.shared.InvalidInput;
import org.serialregistry.shared.UnitCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.counterfeit.AlertCases;
import org.serialregistry.forensics.internal.CodeImageDecoder;
import org.serialregistry.forensics.internal.PhotoInspector;
import org.serialregistry.forensics.internal.SubmissionStore;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.security.Role;
import org.serialregistry.security.UserAdministration;
import org.serialregistry.serial.CodeCheck;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.verification.CounterfeitList;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

// Over 400 lines on purpose: submission, checklist and signed verdict are one review whose content
// hash binds all three; splitting it would spread the hash input over several beans. Split out first:
// the submission's input checks and photo decoding (submit), which the hash only reads afterwards.
/**
 * Forensic review of suspect units. Distributors, service centres and forensic reviewers submit a
 * unit (serial typed or decoded from a photo of its code, where and from whom it came, photos,
 * measurements, hologram and NFC readings); everything is checked first and stored in one
 * transaction, or nothing is. Reviewers (FORENSICS) see automatic pre-checks, fill the AS6171
 * checklist and sign a verdict with their password (21 CFR Part 11 style: printed name, meaning,
 * time, bound to the content by a hash). Verdicts are append-only; a later one supersedes.
 * A COUNTERFEIT verdict confirms the serial's alert cases and puts it on the counterfeit list in
 * the same transaction.
 */
@Service
public class ForensicReview {

    public static final int MAX_PHOTOS = 10;
    private static final String SUBMITTERS = "hasAnyRole('DISTRIBUTOR','SERVICE_CENTER','FORENSICS','ADMIN')";
    private static final String REVIEWERS = "hasAnyRole('FORENSICS','ADMIN')";

    private final SubmissionStore store;
    private final PhotoInspector inspector;
    private final CodeImageDecoder decoder;
    private final Units units;
    private final AlertCases alertCases;
    private final CounterfeitList counterfeitList;
    private final UserAdministration users;
    private final CurrentUser currentUser;
    private final AuditTrail audit;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    ForensicReview(SubmissionStore store, PhotoInspector inspector, CodeImageDecoder decoder, Units units,
                   AlertCases alertCases, CounterfeitList counterfeitList, UserAdministration users,
                   CurrentUser currentUser, AuditTrail audit, Clock clock) {
        this.store = store;
        this.inspector = inspector;
        this.decoder = decoder;
        this.units = units;
        this.alertCases = alertCases;
        this.counterfeitList = counterfeitList;
        this.users = users;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Checks one photo as the submission will (a PNG or JPEG by its content, size, pixels), so that a
     * file that is not a usable photo is refused when it is added, not at submit.
     *
     * @throws IllegalArgumentException "photos: ..." naming the file and what is wrong
     */
    @PreAuthorize(SUBMITTERS)
    public void checkPhoto(UploadedPhoto photo) {
        inspector.inspect("photos", photo.filename(), photo.content());
    }

    /** Decodes the Digital Link in a photo of a unit's code (to fill the serial before submitting). */
    @PreAuthorize(SUBMITTERS)
    public DecodedCode decodeCodePhoto(UploadedPhoto photo) {
        return decoder.decode(inspector.inspect("codePhoto", photo.filename(), photo.content()));
    }

    /**
     * Stores a submission with its photos.
     *
     * @param codePhoto optional photo of the unit's code, decoded when no serial is typed (and
     *                  checked against the typed serial otherwise); it is kept with the photos
     * @throws IllegalArgumentException naming the field; nothing is stored then
     */
    @Transactional
    @PreAuthorize(SUBMITTERS)
    public SubmissionView submit(NewSubmission s, List<UploadedPhoto> photos, @Nullable UploadedPhoto codePhoto) {
        if (s == null) {
            throw new IllegalArgumentException("submission: missing");
        }
        var list = photos == null ? List.<UploadedPhoto>of() : photos;
        if (list.size() + (codePhoto == null ? 0 : 1) > MAX_PHOTOS) {
            throw new IllegalArgumentException("photos: at most " + MAX_PHOTOS + " photos per submission");
        }
        var inspected = new ArrayList<PhotoInspector.Inspected>();
        for (UploadedPhoto p : list) {
            inspected.add(inspector.inspect("photos", p.filename(), p.content()));
        }
        // what was typed or scanned into the serial field, read like every other code (a link, any case)
        String typed = blankToNull(s.serial());
        if (typed != null) {
            typed = UnitCode.tryParse(typed).map(c -> c.serial().value()).orElse(typed.toUpperCase(java.util.Locale.ROOT));
        }
        SerialSource source = SerialSource.TYPED;
        DecodedCode decoded = null;
        if (codePhoto != null) {
            var code = inspector.inspect("codePhoto", codePhoto.filename(), codePhoto.content());
            inspected.add(code);
            decoded = decoder.decode(code);
            if (typed != null && !typed.equalsIgnoreCase(decoded.serial())) {
                throw new IllegalArgumentException("serial: you typed " + typed + " but the photo of the code says "
                        + decoded.serial());
            }
            if (typed == null) {
                source = SerialSource.DECODED_FROM_PHOTO;
            }
        }
        if (typed == null && decoded == null) {
            throw new IllegalArgumentException("serial: type the serial as read on the unit, or send a photo of its code");
        }
        SerialNumber serial;
        try {
            serial = new SerialNumber(typed != null ? typed : decoded.serial());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("serial: " + e.getMessage());
        }
        UnitRecord unit = units.find(serial).orElseThrow(() -> new IllegalArgumentException("serial: " + serial.value()
                + " was never issued by this registry, so there is no genuine unit to compare with; the code itself "
                + "is not genuine"));
        String gtin = blankToNull(s.gtin());
        if (gtin == null && decoded != null) {
            gtin = decoded.gtin();
        }
        if (gtin != null) {
            Gtin g = parseGtin(gtin);
            if (!g.equals(unit.gtin())) {
                throw new IllegalArgumentException("gtin: serial " + serial.value() + " belongs to GTIN "
                        + unit.gtin().value() + ", not " + g.value());
            }
        }
        String by = currentUser.require();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        var row = new SubmissionStore.Row(0, serial.value(), unit.gtin().value(), source,
                required("foundWhere", s.foundWhere(), 200), required("receivedFrom", s.receivedFrom(), 200),
                optional("measurements", s.measurements(), 2000), optional("hologramReading", s.hologramReading(), 1000),
                optional("nfcReading", s.nfcReading(), 1000), optional("note", s.note(), 2000), by, now);
        long id = store.insert(row);
        for (var p : inspected) {
            store.insertPhoto(id, p);
        }
        audit.record("forensic.submitted", "forensic-submission", String.valueOf(id), null, AuditTrail.state(
                "serial", serial.value(), "source", source.name(), "photos", inspected.size(),
                "foundWhere", row.foundWhere(), "receivedFrom", row.receivedFrom()));
        return view(store.find(id).orElseThrow());
    }

    @Transactional(readOnly = true)
    @PreAuthorize(REVIEWERS)
    public List<SubmissionView> latest(int limit) {
        return store.latest(limit).stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    @PreAuthorize(REVIEWERS)
    public Optional<SubmissionView> find(long id) {
        return store.find(id).map(this::view);
    }

    /** Content type and bytes of a stored photo. */
    @Transactional(readOnly = true)
    @PreAuthorize(REVIEWERS)
    public Optional<Map.Entry<String, byte[]>> photo(long photoId) {
        return store.photo(photoId);
    }

    /** What the registry knows about the submitted serial. */
    @Transactional(readOnly = true)
    @PreAuthorize(REVIEWERS)
    public PreChecks preChecks(long submissionId) {
        var s = require(submissionId);
        var serial = new SerialNumber(s.serial());
        var unit = units.find(serial).orElse(null);
        boolean genuine = false;
        String codeCheck = "No GTIN known: the code could not be checked";
        if (s.gtin() != null) {
            var check = units.checkCode(new Gtin(s.gtin()), s.serial());
            genuine = check.genuine();
            codeCheck = switch (check) {
                case CodeCheck.Genuine g -> "Genuine tag (key version " + g.keyVersion() + ", facility "
                        + g.facilityNumber() + ", line " + g.lineNumber() + ", made " + g.productionDay() + ")";
                case CodeCheck.Forged f -> "Fails the cryptographic check (" + f.reason() + ")";
                case CodeCheck.Malformed m -> "Not shaped like one of our codes (" + m.reason() + ")";
            };
        }
        return new PreChecks(genuine, codeCheck, unit, units.history(serial), alertCases.scansOf(s.serial()),
                alertCases.openCasesFor(s.serial()), counterfeitList.isListed(s.serial()));
    }

    @Transactional(readOnly = true)
    @PreAuthorize(REVIEWERS)
    public List<ChecklistEntry> checklist(long submissionId) {
        require(submissionId);
        return store.checklist(submissionId);
    }

    /** Records the checklist as it stands (it is copied into each verdict when signed). */
    @Transactional
    @PreAuthorize(REVIEWERS)
    public List<ChecklistEntry> saveChecklist(long submissionId, List<ChecklistEntry> entries) {
        require(submissionId);
        var clean = normalise(entries);
        var before = store.checklist(submissionId);
        store.saveChecklist(submissionId, clean, currentUser.require(), Instant.now(clock));
        audit.record("forensic.checklist-saved", "forensic-submission", String.valueOf(submissionId),
                Map.of("checklist", describe(before)), Map.of("checklist", describe(clean)));
        return store.checklist(submissionId);
    }

    /**
     * Checks what a verdict needs besides the password, every field at once, so that a reviewer is
     * asked for the password only for a verdict that can be signed.
     *
     * @return the reasoning as it will be signed
     * @throws org.serialregistry.shared.InvalidInput naming verdict, meaning, reasoning and checklist
     */
    @Transactional(readOnly = true)
    @PreAuthorize(REVIEWERS)
    public String checkVerdict(long submissionId, @Nullable Verdict verdict, @Nullable SignatureMeaning meaning,
                               @Nullable String reasoning) {
        require(submissionId);
        var errors = new InvalidInput.Collector();
        errors.require(verdict != null, "verdict", "choose genuine, counterfeit or inconclusive");
        errors.require(meaning != null, "meaning", "say what your signature means");
        String why = errors.get("reasoning", () -> required("reasoning", reasoning, 2000));
        if (verdict != null && verdict != Verdict.INCONCLUSIVE) {
            errors.require(store.checklist(submissionId).stream().anyMatch(e -> e.result() != CheckResult.NOT_DONE),
                    "checklist", "record at least one inspection result before a " + verdict.label().toLowerCase()
                            + " verdict");
        }
        errors.throwIfAny();
        return why;
    }

    /**
     * Signs a verdict. The password is checked against the signer's stored hash; a wrong one
     * signs nothing. The verdict binds the checklist as it stands now.
     *
     * @throws IllegalArgumentException "password: ..." for a wrong password, or naming another field
     */
    @Transactional
    @PreAuthorize(REVIEWERS)
    public SignedVerdict sign(long submissionId, Verdict verdict, SignatureMeaning meaning, String reasoning,
                              String password) {
        require(submissionId);
        checkVerdict(submissionId, verdict, meaning, reasoning);
        String signer = currentUser.require();
        if (password == null || password.isEmpty() || !users.confirmPassword(signer, password)) {
            throw new IllegalArgumentException("password: the password is not correct; the verdict was not signed");
        }
        String printedName = users.findByUsername(signer).map(u -> u.displayName()).orElse(currentUser.displayName());
        return signAs(submissionId, verdict, meaning, reasoning, signer, printedName);
    }

    /**
     * Signs a verdict sent through the API: the signer proved who they are in the request
     * ({@link org.serialregistry.security.Signers}, a forensic reviewer or administrator), so the record
     * names the signer, not the calling system. Otherwise as {@link #sign(long, Verdict, SignatureMeaning, String, String)}.
     */
    @Transactional
    @PreAuthorize(REVIEWERS)
    public SignedVerdict sign(long submissionId, @Nullable Verdict verdict, @Nullable SignatureMeaning meaning,
                              @Nullable String reasoning, org.serialregistry.security.Signer signer) {
        if (!signer.roles().contains(Role.FORENSICS) && !signer.roles().contains(Role.ADMIN)) {
            throw new IllegalArgumentException("signature.username: " + signer.username()
                    + " may not sign a forensic verdict (it needs FORENSICS or ADMIN)");
        }
        return signAs(submissionId, verdict, meaning, reasoning, signer.username(), signer.displayName());
    }

    private SignedVerdict signAs(long submissionId, @Nullable Verdict verdict, @Nullable SignatureMeaning meaning,
                                 @Nullable String reasoning, String signer, String printedName) {
        var s = require(submissionId);
        String why = checkVerdict(submissionId, verdict, meaning, reasoning);
        var checklist = store.checklist(submissionId);
        var previous = store.verdicts(submissionId);
        Long supersedes = previous.isEmpty() ? null : previous.getLast().id();
        Instant at = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        String checklistJson = json.writeValueAsString(checklist);
        var photos = store.photos(submissionId).stream().map(PhotoView::sha256).toList();
        String hash = contentHash(s, verdict.name(), why, checklistJson, meaning.name(), signer, printedName, at,
                supersedes, photos);
        long id = store.insertVerdict(new SubmissionStore.VerdictRow(0, submissionId, verdict.name(), why, checklistJson,
                meaning.name(), signer, printedName, at, supersedes, hash));
        audit.record("forensic.verdict-signed", "forensic-submission", String.valueOf(submissionId),
                supersedes == null ? null : AuditTrail.state("verdict", previous.getLast().verdict()),
                AuditTrail.state("verdict", verdict.name(), "meaning", meaning.name(), "signer", signer,
                        "hash", hash, "supersedes", supersedes));
        String note = "Forensic verdict " + verdict.label().toLowerCase() + " on submission " + submissionId
                + ", signed by " + printedName + ": " + why;
        if (verdict == Verdict.COUNTERFEIT) {
            alertCases.recordForensicVerdict(new SerialNumber(s.serial()), s.gtin(), true, note);
        } else {
            alertCases.recordForensicVerdict(new SerialNumber(s.serial()), s.gtin(), false, note);
            if (!previous.isEmpty() && Verdict.valueOf(previous.getLast().verdict()) == Verdict.COUNTERFEIT
                    && verdict == Verdict.GENUINE && counterfeitList.isListed(s.serial())) {
                counterfeitList.remove(new SerialNumber(s.serial()), "Superseded by a genuine forensic verdict on "
                        + "submission " + submissionId);
            }
        }
        return toVerdict(s, store.verdicts(submissionId).getLast(), photos);
    }

    /** Every verdict of a submission, oldest first, each with its integrity re-checked. */
    @Transactional(readOnly = true)
    @PreAuthorize(REVIEWERS)
    public List<SignedVerdict> verdicts(long submissionId) {
        var s = require(submissionId);
        var photos = store.photos(submissionId).stream().map(PhotoView::sha256).toList();
        return store.verdicts(submissionId).stream().map(v -> toVerdict(s, v, photos)).toList();
    }

    // ---- helpers

    private SubmissionView view(SubmissionStore.Row r) {
        var photos = store.photos(r.id());
        var verdicts = store.verdicts(r.id());
        var current = verdicts.isEmpty() ? null
                : toVerdict(r, verdicts.getLast(), photos.stream().map(PhotoView::sha256).toList());
        return new SubmissionView(r.id(), r.serial(), r.gtin(), r.serialSource(), r.foundWhere(), r.receivedFrom(),
                r.measurements(), r.hologramReading(), r.nfcReading(), r.note(), r.submittedBy(), r.submittedAt(),
                photos, current);
    }

    private SignedVerdict toVerdict(SubmissionStore.Row s, SubmissionStore.VerdictRow v, List<String> photos) {
        List<ChecklistEntry> checklist = json.readValue(v.checklistJson(), new TypeReference<List<ChecklistEntry>>() {
        });
        String expected = contentHash(s, v.verdict(), v.reasoning(), v.checklistJson(), v.meaning(), v.signer(),
                v.signerName(), v.signedAt(), v.supersedesId(), photos);
        return new SignedVerdict(v.id(), v.submissionId(), Verdict.valueOf(v.verdict()), v.reasoning(), checklist,
                SignatureMeaning.valueOf(v.meaning()), v.signer(), v.signerName(), v.signedAt(), v.supersedesId(),
                v.contentHash(), expected.equals(v.contentHash()));
    }

    /** SHA-256 over a canonical text of everything the signature vouches for. */
    static String contentHash(SubmissionStore.Row s, String verdict, String reasoning, String checklistJson,
                              String meaning, String signer, String signerName, Instant signedAt,
                              @Nullable Long supersedes, List<String> photoHashes) {
        var text = new StringBuilder("serial-registry/forensic-verdict/v1\n")
                .append("submission=").append(s.id()).append('\n')
                .append("serial=").append(s.serial()).append('\n')
                .append("gtin=").append(s.gtin()).append('\n')
                .append("submittedAt=").append(s.submittedAt()).append('\n')
                .append("photos=").append(String.join(",", photoHashes)).append('\n')
                .append("verdict=").append(verdict).append('\n')
                .append("reasoning=").append(reasoning).append('\n')
                .append("checklist=").append(checklistJson).append('\n')
                .append("meaning=").append(meaning).append('\n')
                .append("signer=").append(signer).append('\n')
                .append("signerName=").append(signerName).append('\n')
                .append("signedAt=").append(signedAt).append('\n')
                .append("supersedes=").append(supersedes).append('\n');
        return PhotoInspector.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<ChecklistEntry> normalise(List<ChecklistEntry> entries) {
        var map = new EnumMap<ChecklistItem, ChecklistEntry>(ChecklistItem.class);
        for (ChecklistItem item : ChecklistItem.values()) {
            map.put(item, new ChecklistEntry(item, CheckResult.NOT_DONE, null));
        }
        for (ChecklistEntry e : entries == null ? List.<ChecklistEntry>of() : entries) {
            if (e == null || e.item() == null) {
                throw new IllegalArgumentException("checklist: every entry names its item");
            }
            var result = e.result() == null ? CheckResult.NOT_DONE : e.result();
            map.put(e.item(), new ChecklistEntry(e.item(), result, optional("checklist." + e.item().name().toLowerCase()
                    + ".note", e.note(), 1000)));
        }
        return List.copyOf(map.values());
    }

    private static Map<String, String> describe(List<ChecklistEntry> entries) {
        var m = new LinkedHashMap<String, String>();
        entries.forEach(e -> m.put(e.item().name(), e.result().name()));
        return m;
    }

    private SubmissionStore.Row require(long id) {
        return store.find(id).orElseThrow(() -> new NoSuchElementException("No forensic submission " + id));
    }

    private static Gtin parseGtin(String raw) {
        try {
            return Gtin.of(raw.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gtin: " + e.getMessage());
        }
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String required(String field, @Nullable String value, int max) {
        String v = blankToNull(value);
        if (v == null) {
            throw new IllegalArgumentException(field + ": required");
        }
        if (v.length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters");
        }
        return v;
    }

    private static @Nullable String optional(String field, @Nullable String value, int max) {
        String v = blankToNull(value);
        if (v != null && v.length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters");
        }
        return v;
    }
}
