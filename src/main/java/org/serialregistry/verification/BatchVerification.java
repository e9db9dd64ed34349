package org.serialregistry.verification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.UnitCode;
import org.serialregistry.verification.internal.ClientKeys;
import org.serialregistry.verification.internal.ScanLogWriter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Verifies many codes at once for distributors and ERPs (the REST API and the Excel upload). Each
 * item gets the same answer as the public page. Batch checks are evidence too, so each item is
 * written to the scan log like a public scan: the client key and the session are derived from the
 * caller's account (keyed hash, so one account rechecking a unit counts once), the device class
 * is {@code api}. Like every scan, they are dropped (and counted) when the log's queue is full.
 */
@Service
public class BatchVerification {

    public static final int MAX_ITEMS = 10_000;

    /** One code to check; GTIN, lot and expiry (YYMMDD) are optional. */
    public record Item(@Nullable String gtin, @Nullable String serial, @Nullable String lot, @Nullable String expiry) {
    }

    /**
     * The answer for the item at {@code index} (0-based, in the order given); {@code row} is the sheet
     * row it came from when the items were read from a sheet (null for items sent as JSON).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResult(int index, @Nullable Integer row, @Nullable String gtin, String serial,
                             VerificationAnswer answer) {

        public ItemResult(int index, @Nullable String gtin, String serial, VerificationAnswer answer) {
            this(index, null, gtin, serial, answer);
        }

        /** The same answer, named by the sheet row its item came from. */
        public ItemResult atRow(int sheetRow) {
            return new ItemResult(index, sheetRow, gtin, serial, answer);
        }
    }

    private final Verifications verifications;
    private final ScanLogWriter scanLog;
    private final ClientKeys clientKeys;
    private final Clock clock;

    BatchVerification(Verifications verifications, ScanLogWriter scanLog, ClientKeys clientKeys, Clock clock) {
        this.verifications = verifications;
        this.scanLog = scanLog;
        this.clientKeys = clientKeys;
        this.clock = clock;
    }

    /**
     * Verifies up to {@link #MAX_ITEMS} codes, reporting progress (items done) every 100 items.
     *
     * @throws IllegalArgumentException "items: ..." for an empty or too large list
     */
    @PreAuthorize("hasAnyRole('DISTRIBUTOR','CHANNEL','ADMIN','SERVICE_CENTER','WARRANTY','FORENSICS')")
    public List<ItemResult> verify(List<Item> items, IntConsumer progress) {
        if (items == null || items.isEmpty()) {
            throw new IllegalArgumentException("items: send at least one item with a serial");
        }
        if (items.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("items: at most " + MAX_ITEMS + " per request, got " + items.size());
        }
        var auth = SecurityContextHolder.getContext().getAuthentication();
        String account = auth == null ? "unknown" : auth.getName();
        String clientKey = clientKeys.of("account:" + account);
        String session = clientKeys.of("session:" + account);
        var results = new ArrayList<ItemResult>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Item item = read(items.get(i));
            var result = item == null ? verifications.verify(null, null, null, null)
                    : verifications.verify(blankToNull(item.gtin()), blankToNull(item.lot()), strip(item.serial()),
                    blankToNull(item.expiry()));
            scanLog.submit(new UnitScanned(org.serialregistry.verification.internal.ScanRequests.scanId(), Instant.now(clock), result.gtin(), result.serial(),
                    result.outcome(), clientKey, session, null, null, null, "api", result.unitStatus()));
            results.add(new ItemResult(i, result.gtin(), result.serial(), result.answer()));
            if ((i + 1) % 100 == 0 || i + 1 == items.size()) {
                progress.accept(i + 1);
            }
        }
        return results;
    }

    /**
     * The item as the shared code reader understands it: a serial cell may hold a Digital Link or a
     * GS1 element string as a scanner wrote it, in any case; its GTIN, lot and expiry fill the
     * columns left empty. A cell that is no code stays as it is, to be answered as not valid.
     */
    private static @Nullable Item read(@Nullable Item item) {
        if (item == null || item.serial() == null) {
            return item;
        }
        return UnitCode.tryParse(item.serial()).map(code -> new Item(
                item.gtin() == null || item.gtin().isBlank() ? code.gtinValue() : item.gtin(),
                code.serial().value(),
                item.lot() == null || item.lot().isBlank() ? code.lotValue() : item.lot().strip().toUpperCase(Locale.ROOT),
                item.expiry() == null || item.expiry().isBlank() ? code.expiry() : item.expiry())).orElse(item);
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static @Nullable String strip(@Nullable String s) {
        return s == null ? null : s.strip();
    }
}
