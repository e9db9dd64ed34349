package org.serialregistry.warranty;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quality drill-down's title (how many claims are behind a figure, how many denied) comes from the claim
 * tally that the figures come from, not from counting the claims each time: it must say what counting them says,
 * for every product and lot of the demo data, every defect of a lot, and with a state or a text (then the claims
 * are counted).
 */
@IntegrationTest
@WithMockUser(roles = "QUALITY")
class ClaimTotalsTest {

    @Autowired
    ClaimQueries claims;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theTotalsOfAFigureAreWhatCountingItsClaimsSays() {
        List<Map<String, Object>> lots = jdbc.queryForList("select distinct gtin, lot from warranty_claim");
        assertThat(lots).as("demo claims").isNotEmpty();
        for (var lot : lots) {
            String gtin = (String) lot.get("gtin");
            String lotNumber = (String) lot.get("lot");
            var filter = ClaimFilter.all().withLot(gtin, lotNumber);
            assertThat(claims.totals(filter)).as(gtin + " " + lotNumber).isEqualTo(counted(filter, null));
            for (var defect : DefectCode.values()) {
                var ofDefect = filter.withDefect(defect);
                assertThat(claims.totals(ofDefect)).as(gtin + " " + lotNumber + " " + defect)
                        .isEqualTo(counted(ofDefect, null));
            }
            var denied = filter.withStates(Set.of(ClaimState.DENIED));
            assertThat(claims.totals(denied)).as("only the denied ones of " + lotNumber)
                    .isEqualTo(counted(filter, "DENIED"));
        }
        assertThat(claims.totals(ClaimFilter.all())).as("all claims").isEqualTo(counted(ClaimFilter.all(), null));
    }

    /** Counting the claims of a filter by product, lot and defect (and one state) straight from their rows. */
    ClaimTotals counted(ClaimFilter f, @org.jspecify.annotations.Nullable String state) {
        var where = new StringBuilder(" where 1 = 1");
        var args = new java.util.ArrayList<Object>();
        if (f.gtin() != null) {
            where.append(" and gtin = ?");
            args.add(f.gtin());
        }
        if (f.lot() != null) {
            where.append(" and lot = ?");
            args.add(f.lot());
        }
        if (f.defect() != null) {
            where.append(" and defect_code = ?");
            args.add(f.defect().name());
        }
        if (state != null) {
            where.append(" and state = ?");
            args.add(state);
        }
        long total = jdbc.queryForObject("select count(*) from warranty_claim" + where, Long.class, args.toArray());
        long denied = jdbc.queryForObject("select count(*) from warranty_claim" + where + " and state = 'DENIED'",
                Long.class, args.toArray());
        return new ClaimTotals(total, denied);
    }
}
