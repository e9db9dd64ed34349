package org.serialregistry.serial.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
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

    private static final int PARALLEL_FROM = 50_000;
    private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(BatchRunner.class);

    private final BatchStore batches;
    private final UnitStore units;
    private final LifecycleLogStore log;
    private final SerialCodec codec;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final BatchSigner signer;

    BatchRunner(BatchStore batches, UnitStore units, LifecycleLogStore log, SerialCodec codec,
                ApplicationEventPublisher events, Clock clock, BatchSigner signer) {
        this.signer = signer;
        this.batches = batches;
        this.units = units;
        this.log = log;
        this.codec = codec;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public void run(UUID id, @Nullable List<List<String>> components, Consumer<Integer> progress) {
        if (!batches.claim(id)) {
            return; // finished, or another replica is issuing it (a starting replica resumes every unfinished batch)
        }
        var row = batches.find(id).orElseThrow(() -> new IllegalStateException("no batch " + id));
        var batch = row.view();
        if (batch.status() == BatchStatus.COMPLETED || batch.status() == BatchStatus.FAILED) {
            return;
        }
        if (!batches.markRunning(id)) {
            return; // issued or failed by another run meanwhile: never twice
        }
        long t0 = System.nanoTime();
        Gtin gtin = new Gtin(batch.gtin());
        String[] issued = generate(gtin, row.facilityNumber(), row.lineNumber(), batch.productionDate(),
                row.firstSequence(), batch.quantity());
        List<String> serials = Arrays.asList(issued);
        long t1 = System.nanoTime();
        if (components == null) {
            // Serials come out of FF1 in random order; in key order the primary-key index grows at its end
            Arrays.parallelSort(issued);
        }
        long t2 = System.nanoTime();
        units.insertUnits(serials, batch.gtin(), batch.lot(), id, batch.productionDate(), batch.expiryDate(),
                row.facilityNumber(), row.lineNumber(), batch.intendedMarket(), progress);
        if (components != null) {
            // components.get(i) belongs to the i-th serial issued: insert before sorting
            units.insertComponents(serials, components);
            Arrays.parallelSort(issued);
        }
        long t3 = System.nanoTime();
        var digest = new Hashing.SerialListDigest();
        serials.forEach(digest::add);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        var production = batch.productionDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        log.append(new LifecycleLogStore.Draft(EpcisEventType.OBJECT_EVENT, "ADD", production.isAfter(now) ? now : production,
                now, BusinessStep.COMMISSIONING, Disposition.ACTIVE, "urn:serial-registry:facility:" + batch.facility()
                + ":line:" + batch.line(), "urn:serial-registry:facility:" + batch.facility(), null, null,
                EventRow.formatTransactions(Map.of("serial-batch", id.toString())), batch.gtin(), batch.lot(), id,
                null, null, null, batch.requestedBy()), List.of(), serials.size(), digest.hex());
        // serials is a view of issued, sorted by now: the Merkle leaves go in serial order
        signer.sign(id, serials, batch.gtin(), batch.lot(), batch.productionDate(), batch.expiryDate(),
                row.facilityNumber(), row.lineNumber(), batch.intendedMarket(), now);
        long t4 = System.nanoTime();
        batches.markCompleted(id, serials.size(), now);
        if (logger.isDebugEnabled()) {
            logger.debug("Batch {} ({} units): generated {} ms, sorted {} ms, units written {} ms, event {} ms, signed {} ms",
                    id, serials.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
                    (t4 - t3) / 1_000_000, (System.nanoTime() - t4) / 1_000_000);
        }
        events.publishEvent(new SerialBatchIssued(id, gtin, new LotNumber(batch.lot()), serials.size(),
                batch.facility(), batch.line()));
    }

    /** Large batches are generated on all cores: each thread encrypts its own slice of the sequence range. */
    private String[] generate(Gtin gtin, int facility, int line, java.time.LocalDate day, long first, int count) {
        String[] out = new String[count];
        int threads = count < PARALLEL_FROM ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
        int slice = (count + threads - 1) / threads;
        java.util.stream.IntStream.range(0, threads).parallel().forEach(t -> {
            int from = t * slice;
            int n = Math.min(count, from + slice) - from;
            if (n > 0) {
                int[] at = {from};
                codec.issueRange(gtin, facility, line, day, first + from, n, serial -> out[at[0]++] = serial);
            }
        });
        return out;
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
