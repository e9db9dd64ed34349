package org.serialregistry.counterfeit.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The webhook deliveries of high-severity cases ({@code webhook_delivery}), for {@link WebhookNotifier}. */
@Repository
class WebhookDeliveryStore {

    /** A delivery still to send, as read before its lease. */
    record Pending(long caseId, String payload, int attempts, OffsetDateTime nextAttemptAt) {
    }

    private final JdbcTemplate jdbc;

    WebhookDeliveryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long caseId, String payload, Instant now) {
        jdbc.update("insert into webhook_delivery (case_id, payload, attempts, state, next_attempt_at, created_at) "
                + "values (?, ?, 0, 'PENDING', ?, ?)", caseId, payload, CaseStore.utc(now), CaseStore.utc(now));
    }

    List<Long> due(Instant now) {
        return jdbc.queryForList("select id from webhook_delivery where state = 'PENDING' and next_attempt_at <= ? "
                + "order by id fetch first 100 rows only", Long.class, CaseStore.utc(now));
    }

    Optional<Pending> pending(long id) {
        return JdbcClient.create(jdbc).sql("select case_id, payload, attempts, next_attempt_at from webhook_delivery "
                + "where id = ? and state = 'PENDING'").param(id).query(Rows.of(Pending.class)).optional();
    }

    /** The lease: whoever moves next_attempt_at on from the value it read sends this attempt. */
    boolean lease(long id, OffsetDateTime read, Instant until) {
        return jdbc.update("update webhook_delivery set next_attempt_at = ? where id = ? and state = 'PENDING' "
                + "and next_attempt_at = ?", CaseStore.utc(until), id, read) == 1;
    }

    void delivered(long id, int attempt, Instant at) {
        jdbc.update("update webhook_delivery set state = 'DELIVERED', attempts = ?, delivered_at = ?, last_error = null "
                + "where id = ?", attempt, CaseStore.utc(at), id);
    }

    void failed(long id, int attempt, String why) {
        jdbc.update("update webhook_delivery set state = 'FAILED', attempts = ?, last_error = ? where id = ?",
                attempt, why, id);
    }

    void retryAt(long id, int attempt, String why, Instant next) {
        jdbc.update("update webhook_delivery set attempts = ?, last_error = ?, next_attempt_at = ? where id = ?",
                attempt, why, CaseStore.utc(next), id);
    }
}
