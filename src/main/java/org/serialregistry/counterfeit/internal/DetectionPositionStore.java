package org.serialregistry.counterfeit.internal;

import java.time.Instant;
import java.time.ZoneOffset;

import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Where the detection leader stands in the scan log ({@code counterfeit_detection_position}). */
@Repository
class DetectionPositionStore {

    private static final String ID = "scan-log";

    /** @param openSeqs positions below {@code lastSeq} not seen yet, comma-separated */
    record Position(long lastSeq, String openSeqs, long epoch) {
    }

    private final JdbcClient jdbc;

    DetectionPositionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new leader: raises the epoch (fencing off any older leader's writes) and returns the position it starts from. */
    Position takeOver(String leader, Instant now) {
        jdbc.sql("update counterfeit_detection_position set epoch = epoch + 1, leader = ?, updated_at = ? where id = ?")
                .param(leader).param(now.atOffset(ZoneOffset.UTC)).param(ID).update();
        return jdbc.sql("select last_seq, open_seqs, epoch from counterfeit_detection_position where id = ?")
                .param(ID).query(Rows.of(Position.class)).single();
    }

    /** Moves the position on, inside the caller's transaction; false when another leader has taken over since. */
    boolean advance(long epoch, long lastSeq, String openSeqs, Instant now) {
        return jdbc.sql("update counterfeit_detection_position set last_seq = ?, open_seqs = ?, updated_at = ? "
                        + "where id = ? and epoch = ?")
                .param(lastSeq).param(openSeqs).param(now.atOffset(ZoneOffset.UTC)).param(ID).param(epoch).update() == 1;
    }
}
