package org.serialregistry.recall.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.custody.Custody;
import org.serialregistry.custody.Parties;
import org.serialregistry.custody.PartyView;
import org.serialregistry.recall.CampaignId;
import org.serialregistry.recall.CampaignState;
import org.serialregistry.recall.CampaignView;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.EpcisEventType;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.NewLifecycleEvent;
import org.serialregistry.serial.ProductView;
import org.serialregistry.serial.SelectedUnit;
import org.serialregistry.serial.UnitSelection;
import org.serialregistry.serial.UnitSelections;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.security.Role;
import org.serialregistry.security.SystemIdentity;
import org.serialregistry.shared.Databases;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.warranty.OwnershipRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The background job that marks a campaign's units RECALLED, a chunk per transaction: one lifecycle
 * event (RECALLED, business transaction {@code recall -> RC-...}) for the chunk's units, their custody
 * holders and markets in {@code recall_unit}, an e-mail notice for each registered owner, and the
 * cursor (the last serial handled) moved on, all committed together. A restart, or another instance,
 * resumes after the cursor; two instances never handle the same chunk (the cursor's version decides).
 * The job acts as the person who signed the campaign.
 *
 * <p>Each chunk is one task on the application's shared {@code taskExecutor} (see
 * {@code BackgroundWork}); the next chunk is queued behind whatever else waits, so a recall of
 * millions of units never holds a pool thread for hours. A campaign has at most one chunk queued or
 * running at a time in this instance ({@link #working}). The look for running campaigns, at start-up
 * and every {@link #LOOK_AGAIN} after, is a task on Spring's {@code taskScheduler}. On shutdown no
 * new chunk starts and {@link #stop()} waits (up to {@link #STOP_WAIT}) for the chunks under way to
 * commit; the cursor keeps the place for the next start.
 */
@Component
public class RecallJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RecallJob.class);
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(30);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final CampaignStore store;
    private final NoticeStore notices;
    private final UnitSelections selections;
    private final Units units;
    private final Custody custody;
    private final Parties parties;
    private final OwnershipRegistry owners;
    private final MasterData masterData;
    private final AuditTrail audit;
    private final RecallNotifier notifier;
    private final TransactionTemplate transaction;
    private final RecallProperties properties;
    private final Clock clock;
    private final AsyncTaskExecutor background;
    private final TaskScheduler scheduler;
    private final SecurityContextHolderStrategy security;
    /** Campaigns (by id) with a chunk queued or running in this instance. */
    private final WorkUnderWay working = new WorkUnderWay();
    private volatile boolean running;
    private volatile @Nullable ScheduledFuture<?> looks;

    RecallJob(CampaignStore store, NoticeStore notices, UnitSelections selections, Units units, Custody custody,
              Parties parties, OwnershipRegistry owners, MasterData masterData, AuditTrail audit,
              RecallNotifier notifier, TransactionTemplate transaction, RecallProperties properties, Clock clock,
              AsyncTaskExecutor background, @Qualifier("taskScheduler") TaskScheduler scheduler,
              SecurityContextHolderStrategy security) {
        this.store = store;
        this.notices = notices;
        this.selections = selections;
        this.units = units;
        this.custody = custody;
        this.parties = parties;
        this.owners = owners;
        this.masterData = masterData;
        this.audit = audit;
        this.notifier = notifier;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
        this.background = background;
        this.scheduler = scheduler;
        this.security = security;
    }

    /**
     * Resumes campaigns left running by a restart (at once), and looks again every {@link #LOOK_AGAIN}
     * (for another instance's, or a chunk that failed). Called again, it replaces the earlier looks.
     */
    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        if (!running) {
            return;
        }
        var earlier = looks;
        if (earlier != null) {
            earlier.cancel(false);
        }
        looks = scheduler.scheduleWithFixedDelay(this::lookForRunningCampaigns, LOOK_AGAIN);
    }

    /** Starts work on running campaigns soon (after the commit that started one); returns at once. */
    public void kick() {
        if (!running) {
            return;
        }
        try {
            background.execute(this::lookForRunningCampaigns);
        } catch (TaskRejectedException e) {
            log.warn("Recall job: could not queue a look for running campaigns (the next look finds them): {}", e.toString());
        }
    }

    private void lookForRunningCampaigns() {
        try {
            for (CampaignView c : store.inState(CampaignState.RUNNING)) {
                if (running && working.begin(c.id().value())) {
                    queueChunk(c);
                }
            }
        } catch (RuntimeException e) {
            if (Databases.unreachable(e)) {
                // an outage: the next look (every few seconds) finds them once the database is back
                log.warn("Recall job: could not read running campaigns, the database is unreachable: {}", e.toString());
            } else {
                log.error("Recall job: could not read running campaigns: {}", e.toString());
            }
        }
    }

    private void queueChunk(CampaignView campaign) {
        try {
            background.execute(() -> chunk(campaign));
        } catch (TaskRejectedException e) {
            log.warn("Recall job: campaign {} waits for the next look (executor full or stopping)", campaign.campaignNumber());
            working.end(campaign.id().value());
        }
    }

    /** One chunk as the campaign's signer, then the next queued, until the campaign is done or the job stops. */
    private void chunk(CampaignView campaign) {
        boolean[] more = {false};
        try {
            if (running) {
                SystemIdentity.runAs(security, campaign.startedBy(),
                        () -> more[0] = Boolean.TRUE.equals(transaction.execute(s -> step(campaign.id().value()))), Role.QUALITY);
            }
            notifier.wake();
        } catch (RuntimeException e) {
            // the chunk rolled back; the next look resumes after the last committed one
            log.error("Recall job: campaign {} stopped at a chunk: {}", campaign.campaignNumber(), e.toString());
        } finally {
            if (more[0] && running) {
                queueChunk(campaign);
            } else {
                working.end(campaign.id().value());
            }
        }
    }

    /** Whether a chunk of the campaign is queued or running in this instance. */
    boolean isWorkingOn(CampaignId campaignId) {
        return working.isUnderWay(campaignId.value());
    }

    /** One chunk; false when the campaign is done (or no longer running, or another replica works it now). */
    private boolean step(long campaignId) {
        var cursor = store.claimCursor(campaignId).orElse(null);
        if (cursor == null || cursor.campaign().state() != CampaignState.RUNNING) {
            return false;
        }
        var c = cursor.campaign();
        int chunk = Math.max(1, Math.min(properties.chunkSize(), 100_000));
        List<SelectedUnit> page;
        String last;
        if (c.listedSerials() > 0) {
            var listed = store.listedSerials(c.id().value(), cursor.lastSerial(), Math.min(chunk, 1000));
            if (listed.isEmpty()) {
                return complete(c);
            }
            var s = c.scope();
            page = selections.page(new UnitSelection(s.gtin(), s.lots(), listed, s.producedFrom(), s.producedTo(),
                    s.facilityCode(), s.lineCode()), null, listed.size());
            last = listed.getLast();
        } else {
            page = selections.page(c.scope(), cursor.lastSerial(), chunk);
            if (page.isEmpty()) {
                return complete(c);
            }
            last = page.getLast().serial();
        }
        handle(c, page);
        if (!store.advance(c.id().value(), c.version(), last, page.size())) {
            throw new IllegalStateException("another instance moved the cursor of " + c.campaignNumber() + " first");
        }
        return true;
    }

    private void handle(CampaignView c, List<SelectedUnit> page) {
        if (page.isEmpty()) {
            return;
        }
        Instant now = now();
        var toRecall = page.stream().filter(u -> u.status() != UnitStatus.RECALLED)
                .map(u -> new SerialNumber(u.serial())).toList();
        if (!toRecall.isEmpty()) {
            String why = "recall " + c.campaignNumber() + ": " + c.reason();
            units.record(new NewLifecycleEvent(toRecall, EpcisEventType.OBJECT_EVENT, BusinessStep.HOLDING,
                    Disposition.RECALLED, null, null, null, null, null, Map.of("recall", c.campaignNumber()),
                    UnitStatus.RECALLED, why.length() > 500 ? why.substring(0, 499) + "…" : why));
        }
        var serials = page.stream().map(SelectedUnit::serial).toList();
        var holders = custody.holdersOf(serials);
        var manufacturers = new HashMap<String, String>();
        var affected = new ArrayList<CampaignStore.AffectedUnit>(page.size());
        for (SelectedUnit u : page) {
            String holder = holders.get(u.serial());
            if (holder == null && u.status() != UnitStatus.SUPPLIED) {
                // never shipped: still at its manufacturing site
                holder = manufacturers.computeIfAbsent(u.facilityCode(),
                        f -> parties.manufacturerOf(f).map(PartyView::code).orElse(null));
            }
            affected.add(new CampaignStore.AffectedUnit(u.serial(), u.intendedMarket(), holder));
        }
        store.insertUnits(c.id().value(), affected, now);
        var byGtin = new HashMap<String, String>();
        var mails = owners.owners(serials).stream().map(o -> new NoticeStore.NewNotice(NoticeStore.Channel.EMAIL,
                o.email(), o.serial(), ownerMail(c, o.ownerName(), o.serial(), byGtin.computeIfAbsent(o.gtin(),
                        g -> masterData.product(new Gtin(g)).map(ProductView::name).orElse("product"))))).toList();
        notices.insert(c.id().value(), mails, now);
    }

    static String ownerMail(CampaignView c, String owner, String serial, String product) {
        return "Recall " + c.campaignNumber() + ": your " + product + " (serial " + serial + ")\n\n"
                + "Dear " + owner + ",\n\n"
                + "the manufacturer recalls your " + product + " with serial number " + serial + ".\n\n"
                + "Why: " + c.reason() + "\n"
                + "Severity: " + c.severity().label() + "\n"
                + "Remedy: " + c.remedy().label() + "\n\n"
                + "What to do: " + c.instructions() + "\n\n"
                + "You receive this message because you registered this unit for its warranty. "
                + "Quote " + c.campaignNumber() + " and the serial number in any reply.\n";
    }

    private boolean complete(CampaignView c) {
        if (store.complete(c.id().value(), c.version(), now())) {
            audit.record("recall.units-recalled", "recall", c.campaignNumber(), AuditTrail.state("state", "RUNNING"),
                    AuditTrail.state("state", "ACTIVE", "affected", c.affectedUnits()));
            log.info("Recall {}: {} units recalled", c.campaignNumber(), c.affectedUnits());
        }
        return false;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public void start() {
        running = true;
    }

    /** No new chunk starts; waits (up to {@link #STOP_WAIT}) for the chunks under way to commit or roll back. */
    @Override
    public void stop() {
        running = false;
        var l = looks;
        if (l != null) {
            l.cancel(false);
        }
        if (!working.awaitNone(STOP_WAIT)) {
            log.warn("Recall job: stopped with campaigns {} still in a chunk", working);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
