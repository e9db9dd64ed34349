package org.serialregistry.serial;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.serial.internal.BatchRunner;
import org.serialregistry.serial.internal.BatchStore;
import org.serialregistry.serial.internal.FacilityRepository;
import org.serialregistry.serial.internal.ProductRepository;
import org.serialregistry.serial.internal.SerialFields;
import org.serialregistry.serial.internal.UnitStore;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.InvalidInput;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.shared.SerialNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

// Over 400 lines on purpose: a batch is queued, issued in one transaction and recovered after a
// crash by the same code, so that a batch is never partial. Split out first: the reads at the end
// (batches, serials, progress), into a SerialQueries class.
/**
 * Issues serials in batches. {@link #issue} validates the whole request first (naming the field of
 * each problem, writing nothing), records the batch, and issues it on a background thread; a
 * batch is all or nothing. An idempotency key makes a repeated request return the first batch,
 * even when the requests race. Small batches can be issued at once with {@code waitIfSmall}.
 */
@Service
public class SerialIssuance {

    /** Batches up to this size are issued in the caller's thread when it asks to wait. */
    public static final int SMALL_BATCH = 10_000;
    public static final int MAX_QUANTITY = 1_000_000;
    public static final int MAX_COMPONENTS_PER_UNIT = 100;

    private static final Logger log = LoggerFactory.getLogger(SerialIssuance.class);

    private final BatchStore batches;
    private final UnitStore units;
    private final ProductRepository products;
    private final FacilityRepository facilities;
    private final BatchRunner runner;
    private final TaskExecutor executor;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final Clock clock;
    private final Map<UUID, Integer> progress = new ConcurrentHashMap<>();

    SerialIssuance(BatchStore batches, UnitStore units, ProductRepository products, FacilityRepository facilities,
                   BatchRunner runner, @Qualifier("serialBatchExecutor") TaskExecutor serialBatchExecutor, TransactionTemplate tx, AuditTrail audit,
                   Clock clock) {
        this.batches = batches;
        this.units = units;
        this.products = products;
        this.facilities = facilities;
        this.runner = runner;
        this.executor = serialBatchExecutor;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /** Outcome of a request: the batch, and whether this request created it or found it by its key. */
    public record Submission(BatchView batch, boolean created) {
    }

    /**
     * Validates and records a batch, then issues it. Returns at once with status QUEUED, or, when
     * {@code waitIfSmall} and the batch has at most {@link #SMALL_BATCH} units, after it completed.
     *
     * @throws IllegalArgumentException "field: problem", nothing written
     * @throws IdempotencyConflictException the key was used before for a different request
     */
    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    public Submission issue(IssueBatchRequest request, @Nullable String idempotencyKey, boolean waitIfSmall) {
        return submit(request, idempotencyKey, waitIfSmall);
    }

    /** {@link #issue} for this module's own services, which check their callers' roles themselves. */
    Submission submit(IssueBatchRequest request, @Nullable String idempotencyKey, boolean waitIfSmall) {
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.trim();
        if (key != null && (key.length() > 128 || !key.matches("[\\x21-\\x7e]+"))) {
            throw new IllegalArgumentException("Idempotency-Key: 1 to 128 visible ASCII characters");
        }
        var valid = validate(request);
        String hash = requestHash(valid);
        if (key != null) {
            var existing = batches.findByIdempotencyKey(key);
            if (existing.isPresent()) {
                return new Submission(sameRequest(existing.get(), hash), false);
            }
        }
        UUID id = UUID.randomUUID();
        String actor = actor();
        try {
            long first = reserveSequences(valid);
            tx.executeWithoutResult(status -> {
                batches.insert(id, key, hash, valid.productId, valid.gtin.value(), valid.lot.value(), valid.facilityId,
                        valid.lineId, valid.quantity, valid.productionDate, valid.expiry, valid.market.value(), first,
                        actor, Instant.now(clock));
                audit.record("serial-batch.requested", "serial-batch", id.toString(), null, AuditTrail.state(
                        "gtin", valid.gtin.value(), "lot", valid.lot.value(), "facility", valid.facilityCode,
                        "line", valid.lineCode, "quantity", valid.quantity, "productionDate", valid.productionDate,
                        "market", valid.market.value(), "idempotencyKey", key));
            });
        } catch (DuplicateKeyException raced) {
            // Another request with the same key won the race: answer with its batch
            var winner = batches.findByIdempotencyKey(key).orElseThrow(() -> raced);
            return new Submission(sameRequest(winner, hash), false);
        }
        if (waitIfSmall && valid.quantity <= SMALL_BATCH) {
            run(id, valid.components);
        } else {
            executor.execute(() -> run(id, valid.components));
        }
        return new Submission(batch(id).orElseThrow(), true);
    }

    /** The batch with its live progress while it runs. */
    public Optional<BatchView> batch(UUID id) {
        return batches.find(id).map(row -> withProgress(row.view()));
    }

    public List<BatchView> latestBatches(int limit) {
        return batches.latest(limit).stream().map(r -> withProgress(r.view())).toList();
    }

    /** Batches, newest first, {@code limit} from {@code offset} on (for lazy grids). */
    public List<BatchView> batches(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit: 1 to 1000 batches from offset 0 on");
        }
        return batches.page(offset, limit).stream().map(r -> withProgress(r.view())).toList();
    }

    public long batchCount() {
        return batches.count();
    }

    /** True while any batch is queued or running (views poll for progress only then). */
    public boolean anyRunning() {
        return batches.anyUnfinished();
    }

    /** Units issued per product (completed batches), largest first. */
    public Map<String, Long> unitsPerProduct() {
        return batches.issuedPerProduct();
    }

    /** Units issued per production day over the last {@code days} days, oldest first, days without units left out. */
    public Map<LocalDate, Long> unitsPerDay(int days) {
        return batches.issuedPerDay(LocalDate.now(clock).minusDays(days - 1L));
    }

    /** One page of a completed batch's serials, in serial order. */
    public List<SerialNumber> serials(BatchId batch, int page, int size) {
        return serials(batch.value(), page, size);
    }

    /** As {@link #serials(BatchId, int, int)}. */
    public List<SerialNumber> serials(UUID batchId, int page, int size) {
        if (size < 1 || size > 10_000) {
            throw new IllegalArgumentException("size: 1 to 10000 serials per page");
        }
        long offset = (long) page * size;
        if (page < 0 || offset > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("page: from 0 to " + (Integer.MAX_VALUE / size) + " at " + size
                    + " serials per page");
        }
        return units.pageOfBatch(batchId, (int) offset, size).stream().map(SerialNumber::new).toList();
    }

    /** Streams all serials of a batch in serial order, in constant memory. */
    public void streamSerials(BatchId batch, Consumer<SerialNumber> sink) {
        streamSerials(batch.value(), sink);
    }

    /** As {@link #streamSerials(BatchId, Consumer)}. */
    public void streamSerials(UUID batchId, Consumer<SerialNumber> sink) {
        units.streamBatch(batchId, s -> sink.accept(new SerialNumber(s)));
    }

    /** Why a batch with components that a restart interrupted is failed instead of issued again. */
    static final String INTERRUPTED_WITH_COMPONENTS = "interrupted by a restart before it completed; no unit was "
            + "issued, and the component lists were not kept: send the request again with a new Idempotency-Key";

    /**
     * Batches interrupted by a shutdown or a crash (kill -9) were rolled back whole, since a batch is
     * issued in one transaction: they are issued again now, all or nothing. A batch whose request
     * listed components cannot be, because the lists were never stored: issuing it without them would
     * give assemblies without their parts, so it is marked failed instead (no units).
     */
    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinished() {
        for (var row : batches.unfinished()) {
            var b = row.view();
            if (!row.requestHash().equals(requestHash(b.gtin(), b.lot(), b.facility(), b.line(), b.quantity(),
                    b.productionDate(), b.expiryDate(), b.intendedMarket(), null))) {
                log.warn("Serial batch {} was interrupted and had components; marked failed", b.id());
                runner.fail(b.id(), new IllegalStateException(INTERRUPTED_WITH_COMPONENTS));
                continue;
            }
            log.info("Resuming serial batch {} ({} units)", b.id(), b.quantity());
            executor.execute(() -> run(b.id(), null));
        }
    }

    private void run(UUID id, @Nullable List<List<String>> components) {
        try {
            runner.run(id, components, count -> progress.put(id, count));
        } catch (RuntimeException e) {
            log.warn("Serial batch {} failed: {}", id, e.toString());
            runner.fail(id, e);
        } finally {
            progress.remove(id);
        }
    }

    private BatchView withProgress(BatchView view) {
        Integer live = progress.get(view.id());
        // RUNNING is written in the issuing transaction, so until it commits others read QUEUED: the
        // live count on this instance is what says the batch runs
        if (live == null || (view.status() != BatchStatus.RUNNING && view.status() != BatchStatus.QUEUED)) {
            return view;
        }
        return new BatchView(view.id(), BatchStatus.RUNNING, view.gtin(), view.productName(), view.lot(), view.facility(),
                view.line(), view.quantity(), live, view.productionDate(), view.expiryDate(), view.intendedMarket(),
                view.requestedBy(), view.requestedAt(), view.completedAt(), view.failure());
    }

    private BatchView sameRequest(BatchStore.BatchRow existing, String hash) {
        if (!existing.requestHash().equals(hash)) {
            throw new IdempotencyConflictException(existing.view().id());
        }
        return withProgress(existing.view());
    }

    private long reserveSequences(Validated v) {
        for (int attempt = 0; ; attempt++) {
            try {
                return units.reserveSequences(v.facilityNumber, v.lineNumber, v.productionDate, v.quantity,
                        SerialFields.MAX_SEQUENCE);
            } catch (UnitStore.ConcurrentSequenceException e) {
                if (attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    private record Validated(long productId, Gtin gtin, LotNumber lot, long facilityId, String facilityCode,
                             int facilityNumber, long lineId, String lineCode, int lineNumber, int quantity,
                             LocalDate productionDate, @Nullable LocalDate expiry, CountryCode market,
                             @Nullable List<List<String>> components) {
    }

    /** Checks every field in one pass: all problems are reported together ({@link InvalidInput}). */
    private Validated validate(IssueBatchRequest r) {
        var errors = new InvalidInput.Collector();
        Gtin gtin = errors.field("gtin", r.gtin(), Gtin::of);
        var product = gtin == null ? null : products.findByGtin(gtin.value()).orElse(null);
        if (gtin != null) {
            errors.require(product != null, "gtin", "no product with GTIN " + gtin.value());
        }
        LotNumber lot = errors.field("lot", r.lot(), v -> new LotNumber(v.trim()));
        var facility = r.facility() == null || r.facility().isBlank() ? null
                : facilities.findByCode(r.facility().trim().toUpperCase()).orElse(null);
        if (errors.require(r.facility() != null && !r.facility().isBlank(), "facility",
                "name the facility code, e.g. DE-MUC")) {
            errors.require(facility != null, "facility", "no facility with code " + r.facility());
        }
        var line = facility == null || r.line() == null ? null : facility.getLines().stream()
                .filter(l -> l.getCode().equalsIgnoreCase(r.line().trim())).findFirst().orElse(null);
        if (errors.require(r.line() != null && !r.line().isBlank(), "line", "name the production line code, e.g. L1")
                && facility != null) {
            errors.require(line != null, "line", "facility " + facility.getCode() + " has no line " + r.line());
        }
        boolean quantityOk = errors.require(r.quantity() >= 1 && r.quantity() <= MAX_QUANTITY, "quantity",
                "must be 1 to " + MAX_QUANTITY + ", got " + r.quantity());
        LocalDate today = LocalDate.now(clock);
        LocalDate day = r.productionDate() == null ? today : r.productionDate();
        errors.require(!day.isAfter(today.plusDays(1)), "productionDate", day + " is in the future");
        errors.require(!day.isBefore(SerialFields.FIRST_PRODUCTION_DAY), "productionDate",
                "serials encode dates from " + SerialFields.FIRST_PRODUCTION_DAY + " on");
        errors.require(r.expiryDate() == null || r.expiryDate().isAfter(day), "expiryDate",
                "must be after the production date " + day);
        CountryCode market = errors.field("intendedMarket", r.intendedMarket(), CountryCode::of);
        var productView = product == null ? null : product.toView();
        if (market != null && productView != null) {
            errors.require(productView.intendedMarkets().contains(market), "intendedMarket", market.value()
                    + " is not an intended market of " + productView.name() + " ("
                    + productView.intendedMarkets().stream().map(CountryCode::value).sorted().toList() + ")");
        }
        var components = quantityOk ? errors.get("components", () -> validateComponents(r.components(), r.quantity()))
                : null;
        errors.throwIfAny();
        return new Validated(product.getId(), gtin, lot, facility.getId(), facility.getCode(), facility.getNumber(),
                line.getId(), line.getCode(), line.getNumber(), r.quantity(), day, r.expiryDate(), market, components);
    }

    private @Nullable List<List<String>> validateComponents(@Nullable List<List<String>> components, int quantity) {
        if (components == null || components.isEmpty()) {
            return null;
        }
        if (components.size() != quantity) {
            throw new IllegalArgumentException("components: give one list per unit (" + quantity + "), got "
                    + components.size());
        }
        var all = new HashSet<String>();
        var normalised = new ArrayList<List<String>>(components.size());
        for (int i = 0; i < components.size(); i++) {
            var list = components.get(i) == null ? List.<String>of() : components.get(i);
            if (list.size() > MAX_COMPONENTS_PER_UNIT) {
                throw new IllegalArgumentException("components[" + i + "]: at most " + MAX_COMPONENTS_PER_UNIT);
            }
            var unit = new ArrayList<String>(list.size());
            for (String c : list) {
                String s = field("components[" + i + "]", c, v -> new SerialNumber(v.trim())).value();
                if (!all.add(s)) {
                    throw new IllegalArgumentException("components[" + i + "]: " + s + " is built into two units");
                }
                unit.add(s);
            }
            normalised.add(unit);
        }
        var known = units.statusOf(all);
        var built = units.assembliesOf(all);
        for (String s : all) {
            if (built.containsKey(s)) {
                throw new IllegalArgumentException("components: " + s + " is already built into " + built.get(s));
            }
            if (!known.containsKey(s)) {
                throw new IllegalArgumentException("components: " + s + " was never issued by this registry");
            }
            if (known.get(s).terminal()) {
                throw new IllegalArgumentException("components: " + s + " is " + known.get(s).label().toLowerCase());
            }
        }
        return normalised;
    }

    private static <T> T field(String name, @Nullable String raw, Function<String, T> parse) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException(name + ": is missing");
        }
        try {
            return parse.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static String requestHash(Validated v) {
        return requestHash(v.gtin.value(), v.lot.value(), v.facilityCode, v.lineCode, v.quantity, v.productionDate,
                v.expiry, v.market.value(), v.components);
    }

    /** What makes two requests the same request (and tells at restart whether a batch had components). */
    static String requestHash(String gtin, String lot, String facilityCode, String lineCode, int quantity,
                              LocalDate productionDate, @Nullable LocalDate expiry, String market,
                              @Nullable List<List<String>> components) {
        return org.serialregistry.serial.internal.Digests.sha256(String.join("|", gtin, lot, facilityCode, lineCode,
                String.valueOf(quantity), productionDate.toString(), String.valueOf(expiry), market,
                String.valueOf(components)).getBytes(StandardCharsets.UTF_8));
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }

    /** An Idempotency-Key was reused with a different request body. */
    public static class IdempotencyConflictException extends RuntimeException {
        private final UUID batchId;

        public IdempotencyConflictException(UUID batchId) {
            super("Idempotency-Key was already used for batch " + batchId + " with a different request");
            this.batchId = batchId;
        }

        public UUID batchId() {
            return batchId;
        }
    }

}
