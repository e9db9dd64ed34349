package org.serialregistry.verification.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retention of the scan log on PostgreSQL ({@code serial-registry.scan.retention.*}), where the log is
 * partitioned by month (migration V0160). H2 keeps one plain table and ignores these settings.
 *
 * @param keep        scans are kept at least this long; a month's partition is dropped whole once its
 *                    last day is older than this (so up to a month more is kept). Zero keeps everything
 * @param monthsAhead partitions are created this many months ahead, so scans never land in the default
 *                    partition while the clock is right
 * @param cron        when the job runs (each replica schedules it; one at a time does the work, under a
 *                    PostgreSQL advisory lock)
 */
@ConfigurationProperties("serial-registry.scan.retention")
public record ScanLogRetentionProperties(@DefaultValue("760d") Duration keep,
                                         @DefaultValue("3") int monthsAhead,
                                         @DefaultValue("0 17 3 * * *") String cron) {
}
