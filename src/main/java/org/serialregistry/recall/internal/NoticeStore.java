package org.serialregistry.recall.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.serialregistry.recall.internal.CampaignStore.utc;

/** The outbox of recall notices: kept until sent or given up, each attempt leased first. */
@Repository
public class NoticeStore {

    public enum Channel { EMAIL, WEBHOOK }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    NoticeStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public record NewNotice(Channel channel, String recipient, @Nullable String serial, String payload) {
    }

    public void insert(long campaignId, List<NewNotice> notices, Instant at) {
        template.batchUpdate("insert into recall_notice (campaign_id, channel, recipient, serial, payload, state, attempts, "
                + "next_attempt_at, created_at) values (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)", notices, 1000, (ps, n) -> {
            ps.setLong(1, campaignId);
            ps.setString(2, n.channel().name());
            ps.setString(3, n.recipient());
            ps.setString(4, n.serial());
            ps.setString(5, n.payload());
            ps.setObject(6, utc(at));
            ps.setObject(7, utc(at));
        });
    }

    public record Notice(long id, long campaignId, String channel, String recipient, @Nullable String serial,
                         String payload, int attempts, OffsetDateTime nextAttemptAt) {
    }

    public List<Long> due(Instant now, int limit) {
        return jdbc.sql("select id from recall_notice where state = 'PENDING' and next_attempt_at <= ? order by id "
                + "fetch first " + limit + " rows only").param(utc(now)).query(Long.class).list();
    }

    public Optional<Notice> pending(long id) {
        return jdbc.sql("select id, campaign_id, channel, recipient, serial, payload, attempts, next_attempt_at "
                + "from recall_notice where id = ? and state = 'PENDING'").param(id).query(Rows.of(Notice.class)).optional();
    }

    /** Takes the lease: whoever moves next_attempt_at on from the value it read sends this attempt. */
    public boolean lease(Notice n, Instant until) {
        return jdbc.sql("update recall_notice set next_attempt_at = ? where id = ? and state = 'PENDING' "
                + "and next_attempt_at = ?").params(utc(until), n.id(), n.nextAttemptAt()).update() == 1;
    }

    public void sent(long id, int attempt, Instant at) {
        jdbc.sql("update recall_notice set state = 'SENT', attempts = ?, sent_at = ?, last_error = null where id = ?")
                .params(attempt, utc(at), id).update();
    }

    public void failed(long id, int attempt, String error, @Nullable Instant retryAt) {
        String why = error.length() > 500 ? error.substring(0, 500) : error;
        if (retryAt == null) {
            jdbc.sql("update recall_notice set state = 'FAILED', attempts = ?, last_error = ? where id = ?")
                    .params(attempt, why, id).update();
        } else {
            jdbc.sql("update recall_notice set attempts = ?, last_error = ?, next_attempt_at = ? where id = ?")
                    .params(attempt, why, utc(retryAt), id).update();
        }
    }

    public record NoticeCount(String channel, String state, long notices) {
    }

    public List<NoticeCount> counts(long campaignId) {
        return jdbc.sql("select channel, state, count(*) as notices from recall_notice where campaign_id = ? "
                + "group by channel, state").param(campaignId).query(Rows.of(NoticeCount.class)).list();
    }
}
