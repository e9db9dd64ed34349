package org.serialregistry.reporting;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.serialregistry.custody.Custody;
import org.serialregistry.custody.CustodyFilter;
import org.serialregistry.custody.Parties;
import org.serialregistry.custody.PartyView;
import org.serialregistry.reporting.internal.EpcisDocumentWriter;
import org.serialregistry.reporting.internal.XlsxCustodyWriter;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The custody report: every custody event (one row per unit) with parties, places and references,
 * for a product, lot, party or date range, as a streamed Excel workbook (constant memory: rows are
 * flushed to disk as they are written) or an EPCIS 2.0 JSON-LD document. Large reports run as a
 * {@link ReportJob} off the request thread, written to a temporary file.
 */
@Service
public class CustodyReports {

    private static final Logger log = LoggerFactory.getLogger(CustodyReports.class);

    private final Clock clock;
    private final AsyncTaskExecutor background;
    private final Custody custody;
    private final Parties parties;
    private final Map<UUID, ReportJob> jobs = new ConcurrentHashMap<>();

    CustodyReports(Custody custody, Parties parties, Clock clock, AsyncTaskExecutor background) {
        this.background = background;
        this.clock = clock;
        this.custody = custody;
        this.parties = parties;
    }

    /**
     * Validates report criteria as users type them.
     *
     * @param to inclusive last day (UTC)
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public CustodyFilter filter(@Nullable String gtin, @Nullable String lot, @Nullable String party,
                                @Nullable LocalDate from, @Nullable LocalDate to) {
        String g = blank(gtin) == null ? null : Gtin.of(gtin).value();
        String l = blank(lot) == null ? null : new LotNumber(lot.trim().toUpperCase(java.util.Locale.ROOT)).value();
        String p = blank(party) == null ? null : parties.require("party", party).code();
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("to: the range ends (" + to + ") before it starts (" + from + ")");
        }
        Instant start = from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new CustodyFilter(g, l, p, start, end);
    }

    @PreAuthorize("hasRole('ADMIN')")
    public long count(CustodyFilter filter) {
        return custody.countMovements(filter);
    }

    /** Writes the report to {@code out}; {@code progress} receives the number of rows written so far. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public long write(CustodyFilter filter, ReportFormat format, OutputStream out, LongConsumer progress) throws IOException {
        var names = parties.all().stream().collect(Collectors.toMap(PartyView::code, PartyView::name));
        return switch (format) {
            case XLSX -> {
                try (var writer = new XlsxCustodyWriter(names)) {
                    custody.streamMovements(filter, m -> {
                        writer.add(m);
                        if (writer.rows() % 5000 == 0) {
                            progress.accept(writer.rows());
                        }
                    });
                    writer.writeTo(out);
                    progress.accept(writer.rows());
                    yield writer.rows();
                }
            }
            case EPCIS -> {
                try (var writer = new EpcisDocumentWriter(out, Instant.now(clock))) {
                    custody.streamMovements(filter, m -> {
                        writer.add(m);
                        if (writer.rows() % 5000 == 0) {
                            progress.accept(writer.rows());
                        }
                    });
                    writer.finish();
                    progress.accept(writer.rows());
                    yield writer.rows();
                }
            }
        };
    }

    /** Starts writing the report to a temporary file in the background; poll the job for progress. */
    @PreAuthorize("hasRole('ADMIN')")
    public ReportJob start(CustodyFilter filter, ReportFormat format) {
        long total = count(filter);
        Path file;
        try {
            file = Files.createTempFile("custody-report-", "." + format.extension());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary file for the report", e);
        }
        var job = new ReportJob(UUID.randomUUID(), format, total, file);
        jobs.put(job.id(), job);
        background.execute(() -> {
            try (OutputStream out = Files.newOutputStream(file)) {
                long rows = write(filter, format, out, job::progress);
                job.done(rows);
            } catch (Exception e) {
                log.warn("Custody report {} failed", job.id(), e);
                job.failed("The report could not be written: " + e.getClass().getSimpleName());
            }
        });
        return job;
    }

    public @Nullable ReportJob job(UUID id) {
        return jobs.get(id);
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
