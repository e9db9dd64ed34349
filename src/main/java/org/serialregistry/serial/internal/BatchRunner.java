package org.serialregistry.serial.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.BatchStatus;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.EpcisEventType;
import org.serialregistry.serial.SerialBatchIssued;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues one recorded batch in a single transaction: generate the serials, write the units (and
 * components), append the commissioning event listing them, mark the batch completed. Any failure
 * rolls all of it back.
 */
@Component
public class BatchRunner {

    private final BatchStore batches;
    private final UnitStore units;
    private final LifecycleLogStore log;
    private final SerialCodec codec;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BatchRunner(BatchStore batches, UnitStore units, LifecycleLogStore log, SerialCodec codec,
                ApplicationEventPublisher events, Clock clock) {
        this.batches = batches;
        this.units = units;
        this.log = log;
        this.codec = codec;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public void run(UUID id, @Nullable List<List<String>> components, Consumer<Integer> progress) {
        var row = batches.find(id).orElseThrow(() -> new IllegalStateException("no batch " + id));
        var batch = row.view();
        if (batch.status() == BatchStatus.COMPLETED || batch.status() == BatchStatus.FAILED) {
            return;
        }
        batches.markRunning(id);
        Gtin gtin = new Gtin(batch.gtin());
        var serials = new ArrayList<String>(batch.quantity());
        codec.issueRange(gtin, row.facilityNumber(), row.lineNumber(), batch.productionDate(), row.firstSequence(),
                batch.quantity(), serials::add);
        units.insertUnits(serials, batch.gtin(), batch.lot(), id, batch.productionDate(), batch.expiryDate(),
                row.facilityNumber(), row.lineNumber(), batch.intendedMarket(), progress);
        if (components != null) {
            units.insertComponents(serials, components);
        }
        var digest = new Hashing.SerialListDigest();
        serials.sort(null);
        serials.forEach(digest::add);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        var production = batch.productionDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        log.append(new LifecycleLogStore.Draft(EpcisEventType.OBJECT_EVENT, "ADD", production.isAfter(now) ? now : production,
                now, BusinessStep.COMMISSIONING, Disposition.ACTIVE, "urn:serial-registry:facility:" + batch.facility()
                + ":line:" + batch.line(), "urn:serial-registry:facility:" + batch.facility(), null, null,
                EventRow.formatTransactions(Map.of("serial-batch", id.toString())), batch.gtin(), batch.lot(), id,
                null, null, null, batch.requestedBy()), List.of(), serials.size(), digest.hex());
        batches.markCompleted(id, serials.size(), now);
        events.publishEvent(new SerialBatchIssued(id, gtin, new LotNumber(batch.lot()), serials.size(),
                batch.facility(), batch.line()));
    }

    void failNow(UUID id, RuntimeException e) {
        batches.markFailed(id, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                Instant.now(clock));
    }

    @Transactional
    public void fail(UUID id, RuntimeException e) {
        failNow(id, e);
    }
}
