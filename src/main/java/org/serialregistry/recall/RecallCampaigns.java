package org.serialregistry.recall;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.custody.Parties;
import org.serialregistry.recall.internal.CampaignStore;
import org.serialregistry.recall.internal.NoticeStore;
import org.serialregistry.recall.internal.OpenRecalls;
import org.serialregistry.recall.internal.RecallJob;
import org.serialregistry.recall.internal.RecallNotifier;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.security.Role;
import org.serialregistry.security.Signer;
import org.serialregistry.security.UserAdministration;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.EpcisEventType;
import org.serialregistry.serial.NewLifecycleEvent;
import org.serialregistry.serial.UnitSelection;
import org.serialregistry.serial.UnitSelections;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recall campaigns. Starting one is a signed decision of a quality engineer or administrator; the
 * units are marked RECALLED by a resumable background job (progress on the campaign), while the
 * public page warns from the moment of the signature. Registered owners get an e-mail, subscribed
 * partners a signed webhook. Returns and remedies are lifecycle events (recorded here or by any other
 * module) that move the campaign's figures; closing the campaign is signed too.
 */
// Over 400 lines on purpose: start and close are the two signed decisions of one campaign and share
// the signature check, the content hash, the notices and the webhook payload; the job, the notifier
// and the remedy watcher already live apart (recall.internal). Split webhook subscription out first
// if this grows.
@Service
public class RecallCampaigns {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CampaignStore store;
    private final NoticeStore notices;
    private final UnitSelections selections;
    private final Units units;
    private final Parties parties;
    private final UserAdministration users;
    private final CurrentUser currentUser;
    private final RecallJob job;
    private final RecallNotifier notifier;
    private final OpenRecalls openRecalls;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RecallCampaigns(CampaignStore store, NoticeStore notices, UnitSelections selections, Units units, Parties parties,
                    UserAdministration users, CurrentUser currentUser, RecallJob job, RecallNotifier notifier,
                    OpenRecalls openRecalls, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.notices = notices;
        this.selections = selections;
        this.units = units;
        this.parties = parties;
        this.users = users;
        this.currentUser = currentUser;
        this.job = job;
        this.notifier = notifier;
        this.openRecalls = openRecalls;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Starts a recall: checks the request (every problem in one message, each naming its field) and the
     * signature, stores the campaign, notifies subscribed partners and starts the job after commit.
     *
     * @throws IllegalArgumentException for an invalid request, a scope naming no unit, or a signature
     *                                  that does not verify; nothing is written then
     */
    @Transactional
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public CampaignView start(NewRecallCampaign request, RecallSignature signature) {
        return startSigned(request, signature == null ? null : signature.meaning(), () -> signer(signature));
    }

    /**
     * Starts a recall sent through the API: as {@link #start(NewRecallCampaign, RecallSignature)}, the
     * signer proven by {@link org.serialregistry.security.Signers} only once the request has passed every
     * check (so that a bad request names all its problems and spends no password attempt).
     */
    @Transactional
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public CampaignView start(NewRecallCampaign request, @Nullable SignatureMeaning meaning, Supplier<Signer> signer) {
        return startSigned(request, meaning, () -> signer.get().username());
    }

    private CampaignView startSigned(NewRecallCampaign request, @Nullable SignatureMeaning meaning, Supplier<String> signs) {
        var problems = new ArrayList<String>();
        UnitSelection scope = null;
        if (request.scope() == null) {
            problems.add("scope: name lots, serials, a production window or a facility");
        } else {
            try {
                scope = selections.validate(request.scope());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        String reason = text(request.reason(), "reason", "say why the units are recalled", problems);
        String instructions = text(request.instructions(), "instructions",
                "tell owners what to do (stop using it, where to take it)", problems);
        if (request.severity() == null) {
            problems.add("severity: choose class I, II or III");
        }
        if (request.remedy() == null) {
            problems.add("remedy: choose repair, software update, inspection, replacement, refund or destruction");
        }
        if (meaning == null) {
            problems.add("meaning: say what the signature means (approval, responsibility)");
        }
        long expected = 0;
        if (scope != null && problems.isEmpty()) {
            expected = selections.count(scope);
            if (expected == 0) {
                problems.add("scope: names no unit that can still be recalled (unknown, or stolen, destroyed or archived)");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        String signer = signs.get();
        Instant now = now();
        long id = store.insert(reason, request.severity(), request.remedy(), instructions, scope, expected,
                signer, now);
        var campaign = store.find(id).orElseThrow();
        String hash = sign(campaign, "START", signer, meaning, null, now);
        audit.record("recall.started", "recall", campaign.campaignNumber(), null, AuditTrail.state(
                "reason", reason, "severity", request.severity().name(), "remedy", request.remedy().name(),
                "scope", scopeText(scope), "expectedUnits", expected, "signedBy", signer,
                "meaning", meaning.name(), "contentHash", hash, "requestedBy", actor()));
        var body = new LinkedHashMap<String, Object>();
        body.put("event", "recall.started");
        body.putAll(payload(campaign));
        webhooks(campaign, body, now);
        events.publishEvent(new RecallCampaignStarted(campaign.id(), campaign.campaignNumber(), expected));
        // the public page warns from now on: this instance at once, others within the lookup's few seconds
        openRecalls.refresh();
        afterCompletion(openRecalls::refresh);
        afterCommit(() -> {
            job.kick();
            notifier.wake();
        });
        return campaign;
    }

    /** The latest campaigns first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN','WARRANTY','CHANNEL','SERVICE_CENTER')")
    public List<CampaignView> campaigns() {
        return store.latest(200);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN','WARRANTY','CHANNEL','SERVICE_CENTER')")
    public Optional<CampaignView> campaign(CampaignId id) {
        return store.find(id.value());
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN','WARRANTY','CHANNEL','SERVICE_CENTER')")
    public Optional<CampaignView> campaign(String campaignNumber) {
        return store.findByNumber(campaignNumber.strip().toUpperCase());
    }

    /** Affected, located, returned, remedied and still in the field, in total and per market. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN','WARRANTY','CHANNEL','SERVICE_CENTER')")
    public CampaignProgress progress(CampaignId id) {
        var perMarket = new TreeMap<String, long[]>();
        for (var row : store.counts(id.value())) {
            long[] c = perMarket.computeIfAbsent(row.market(), m -> new long[4]);
            c[0] += row.units();
            c[1] += row.located() ? row.units() : 0;
            c[2] += RecallUnitState.RETURNED.name().equals(row.state()) ? row.units() : 0;
            c[3] += RecallUnitState.REMEDIED.name().equals(row.state()) ? row.units() : 0;
        }
        long[] total = new long[4];
        var markets = new ArrayList<CampaignProgress.Counts>();
        perMarket.forEach((market, c) -> {
            markets.add(new CampaignProgress.Counts(market, c[0], c[1], c[2], c[3]));
            for (int i = 0; i < 4; i++) {
                total[i] += c[i];
            }
        });
        return new CampaignProgress(new CampaignProgress.Counts("all", total[0], total[1], total[2], total[3]), markets);
    }

    /** Notices per channel and state ({@code EMAIL -> {SENT -> 12, PENDING -> 3}}). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN','WARRANTY','CHANNEL','SERVICE_CENTER')")
    public Map<String, Map<String, Long>> noticeCounts(CampaignId id) {
        var result = new TreeMap<String, Map<String, Long>>();
        notices.counts(id.value()).forEach(n -> result.computeIfAbsent(n.channel(), k -> new TreeMap<>()).put(n.state(), n.notices()));
        return result;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public List<CampaignSignature> signatures(CampaignId id) {
        return store.signatures(id.value());
    }

    /**
     * Records that units of a campaign came back or were remedied, as lifecycle events: a return is a
     * receiving event (disposition returned); a remedy is a repair (the unit is ACTIVE again) or, for
     * remedies that take the unit out, its destruction. Units returned or remedied through other
     * modules' events (a returns desk, a repair) count just the same.
     *
     * @throws IllegalArgumentException naming serials that are not in the campaign, or a closed campaign
     */
    @Transactional
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN','SERVICE_CENTER')")
    public CampaignProgress recordOutcome(CampaignId id, List<String> serials, RecallUnitState outcome, @Nullable String note) {
        var c = store.find(id.value()).orElseThrow(() -> new IllegalArgumentException("campaign: no campaign " + id));
        if (c.state() == CampaignState.CLOSED) {
            throw new IllegalArgumentException("campaign: " + c.campaignNumber() + " is closed");
        }
        if (outcome == null || outcome == RecallUnitState.IN_FIELD) {
            throw new IllegalArgumentException("outcome: RETURNED or REMEDIED");
        }
        if (serials == null || serials.isEmpty()) {
            throw new IllegalArgumentException("serials: name at least one unit");
        }
        var clean = serials.stream().map(s -> s.strip().toUpperCase()).distinct().sorted().toList();
        var wrong = new ArrayList<String>();
        for (String s : clean) {
            var unit = store.unit(id.value(), s);
            if (unit.isEmpty()) {
                wrong.add(s + " is not in " + c.campaignNumber());
            } else if (RecallUnitState.REMEDIED.name().equals(unit.get().state())) {
                wrong.add(s + " is already remedied");
            } else if (outcome == RecallUnitState.RETURNED && RecallUnitState.RETURNED.name().equals(unit.get().state())) {
                wrong.add(s + " is already returned");
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException("serials: " + String.join("; ", wrong.stream().limit(10).toList()));
        }
        var list = clean.stream().map(SerialNumber::new).toList();
        String why = c.campaignNumber() + (note == null || note.isBlank() ? "" : ": " + note.strip());
        var tx = Map.of("recall", c.campaignNumber());
        var event = switch (outcome) {
            case RETURNED -> new NewLifecycleEvent(list, EpcisEventType.OBJECT_EVENT, BusinessStep.RECEIVING,
                    Disposition.RETURNED, null, null, null, null, parties.actingParty().orElse(null), tx, null, why);
            default -> c.remedy().takesUnitOut()
                    ? new NewLifecycleEvent(list, EpcisEventType.OBJECT_EVENT, BusinessStep.DESTROYING,
                    Disposition.DESTROYED, null, null, null, null, null, tx, UnitStatus.DESTROYED, why)
                    : new NewLifecycleEvent(list, EpcisEventType.OBJECT_EVENT, BusinessStep.REPAIRING,
                    Disposition.ACTIVE, null, null, null, null, null, tx, UnitStatus.ACTIVE, why);
        };
        var recorded = units.record(event);
        audit.record("recall.outcome", "recall", c.campaignNumber(), null, AuditTrail.state("outcome", outcome.name(),
                "units", clean.size(), "event", recorded.id(), "note", note));
        return progress(id);
    }

    /**
     * Closes a campaign that has finished marking its units, with a signature. Units still in the
     * field stay RECALLED.
     *
     * @throws IllegalArgumentException while the job runs, for a closed campaign, a stale version or a bad signature
     */
    @Transactional
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public CampaignView close(CampaignId id, long expectedVersion, RecallSignature signature, @Nullable String note) {
        return closeSigned(id, expectedVersion, signature == null ? null : signature.meaning(), () -> signer(signature), note);
    }

    /** Closes a campaign through the API, the signer proven after every other check; otherwise as the portal's close. */
    @Transactional
    @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
    public CampaignView close(CampaignId id, long expectedVersion, @Nullable SignatureMeaning meaning, Supplier<Signer> signer,
                              @Nullable String note) {
        return closeSigned(id, expectedVersion, meaning, () -> signer.get().username(), note);
    }

    private CampaignView closeSigned(CampaignId id, long expectedVersion, @Nullable SignatureMeaning meaning, Supplier<String> signs,
                               @Nullable String note) {
        var c = store.find(id.value()).orElseThrow(() -> new IllegalArgumentException("campaign: no campaign " + id));
        if (c.state() == CampaignState.RUNNING) {
            throw new IllegalArgumentException("campaign: " + c.campaignNumber()
                    + " is still marking its units; close it when the job has finished");
        }
        if (c.state() == CampaignState.CLOSED) {
            throw new IllegalArgumentException("campaign: " + c.campaignNumber() + " is already closed");
        }
        if (c.version() != expectedVersion) {
            throw new IllegalArgumentException("version: the campaign changed meanwhile; reload it");
        }
        if (meaning == null) {
            throw new IllegalArgumentException("meaning: say what the signature means (approval, responsibility)");
        }
        String why = note == null || note.isBlank() ? null : note.strip();
        if (why != null && why.length() > 1000) {
            throw new IllegalArgumentException("note: at most 1000 characters");
        }
        String signer = signs.get();
        Instant now = now();
        var progress = progress(id).total();
        if (!store.close(id.value(), expectedVersion, signer, now)) {
            throw new IllegalArgumentException("version: the campaign changed meanwhile; reload it");
        }
        var closed = store.find(id.value()).orElseThrow();
        String hash = sign(closed, "CLOSE", signer, meaning, why, now);
        audit.record("recall.closed", "recall", c.campaignNumber(), AuditTrail.state("state", c.state().name()),
                AuditTrail.state("state", "CLOSED", "signedBy", signer, "meaning", meaning.name(),
                        "note", why, "affected", progress.affected(), "remedied", progress.remedied(),
                        "inField", progress.inField(), "contentHash", hash));
        var body = new LinkedHashMap<String, Object>();
        body.put("event", "recall.closed");
        body.putAll(payload(closed));
        body.put("remedied", progress.remedied());
        body.put("stillInField", progress.inField());
        webhooks(closed, body, now);
        events.publishEvent(new RecallCampaignClosed(id, c.campaignNumber(), progress.affected(), progress.remedied()));
        afterCommit(() -> {
            openRecalls.refresh();
            notifier.wake();
        });
        return closed;
    }

    /**
     * Subscribes a partner to recall notices; returns the signing secret, shown only here.
     *
     * @throws IllegalArgumentException for an unknown party or a URL that is not http(s)
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public WebhookSubscription subscribe(String partyCode, String url) {
        var party = parties.require("party", partyCode == null ? "" : partyCode.strip());
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url: not a URL");
        }
        if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase())
                || uri.getHost() == null) {
            throw new IllegalArgumentException("url: give an http or https address");
        }
        var bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        Instant now = now();
        long id = store.insertWebhook(party.code(), uri.toString(), secret, actor(), now);
        audit.record("recall.webhook-subscribed", "recall-webhook", String.valueOf(id), null,
                AuditTrail.state("party", party.code(), "url", uri.toString()));
        return new WebhookSubscription(id, party.code(), uri.toString(), secret, now);
    }

    private void webhooks(CampaignView c, Map<String, Object> body, Instant now) {
        String payload = JSON.writeValueAsString(body);
        var list = store.activeWebhooks().stream().map(w -> new NoticeStore.NewNotice(NoticeStore.Channel.WEBHOOK,
                "webhook:" + w.id(), null, payload)).toList();
        notices.insert(c.id().value(), list, now);
    }

    private static Map<String, Object> payload(CampaignView c) {
        var body = new LinkedHashMap<String, Object>();
        body.put("campaignNumber", c.campaignNumber());
        body.put("state", c.state().name());
        body.put("severity", c.severity().name());
        body.put("remedy", c.remedy().name());
        body.put("reason", c.reason());
        body.put("instructions", c.instructions());
        var scope = new LinkedHashMap<String, Object>();
        scope.put("gtin", c.scope().gtin());
        scope.put("lots", c.scope().lots());
        scope.put("listedSerials", c.listedSerials());
        scope.put("producedFrom", c.scope().producedFrom() == null ? null : c.scope().producedFrom().toString());
        scope.put("producedTo", c.scope().producedTo() == null ? null : c.scope().producedTo().toString());
        scope.put("facility", c.scope().facilityCode());
        scope.put("line", c.scope().lineCode());
        body.put("scope", scope);
        body.put("expectedUnits", c.expectedUnits());
        body.put("startedAt", c.startedAt().toString());
        return body;
    }

    static String scopeText(UnitSelection s) {
        var parts = new ArrayList<String>();
        if (s.gtin() != null) {
            parts.add("GTIN " + s.gtin());
        }
        if (!s.lots().isEmpty()) {
            parts.add("lots " + String.join(", ", s.lots()));
        }
        if (!s.serials().isEmpty()) {
            parts.add(s.serials().size() + " listed serials");
        }
        if (s.producedFrom() != null || s.producedTo() != null) {
            parts.add("made " + (s.producedFrom() == null ? "…" : s.producedFrom()) + " to "
                    + (s.producedTo() == null ? "…" : s.producedTo()));
        }
        if (s.facilityCode() != null) {
            parts.add("facility " + s.facilityCode() + (s.lineCode() == null ? "" : " line " + s.lineCode()));
        }
        return String.join("; ", parts);
    }

    /** Checks the signature: the signer's password, and that the signer may make this decision. */
    private String signer(RecallSignature signature) {
        String signer = signature.signer() == null || signature.signer().isBlank() ? actor() : signature.signer().strip();
        var account = users.findByUsername(signer);
        if (account.isEmpty() || !users.confirmPassword(signer, signature.password())) {
            throw new IllegalArgumentException("password: the signature does not verify (user " + signer
                    + " and this password); nothing was signed or started");
        }
        if (!account.get().roles().contains(Role.QUALITY) && !account.get().roles().contains(Role.ADMIN)) {
            throw new IllegalArgumentException("signer: " + signer + " is not a quality engineer or administrator");
        }
        return account.get().username();
    }

    private String sign(CampaignView c, String decision, String signer, SignatureMeaning meaning, @Nullable String note,
                        Instant at) {
        String printed = users.findByUsername(signer).map(u -> u.displayName()).orElse(signer);
        String text = String.join("|", c.campaignNumber(), decision, c.reason(), c.severity().name(), c.remedy().name(),
                c.instructions(), scopeText(c.scope()), String.valueOf(c.listedSerials()), String.valueOf(c.expectedUnits()),
                signer, printed, meaning.name(), String.valueOf(note), at.toString());
        String hash;
        try {
            hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        store.insertSignature(c.id().value(), decision, signer, printed, meaning, note, at, hash);
        return hash;
    }

    private static String text(@Nullable String value, String field, String hint, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(field + ": " + hint);
            return "";
        }
        if (value.strip().length() > 1000) {
            problems.add(field + ": at most 1000 characters");
        }
        return value.strip();
    }

    private static void afterCompletion(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    action.run();
                }
            });
        }
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    private String actor() {
        return currentUser.username().orElse("system");
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
