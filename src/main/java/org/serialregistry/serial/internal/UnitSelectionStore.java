package org.serialregistry.serial.internal;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.SelectedUnit;
import org.serialregistry.serial.UnitSelection;
import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The units a selection names, in serial order, without the terminal ones. */
@Repository
public class UnitSelectionStore {

    private final JdbcClient jdbc;

    UnitSelectionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(String serial, String gtin, String lot, String facilityCode, String intendedMarket,
                       @Nullable String status) {
    }

    public List<SelectedUnit> page(UnitSelection s, @Nullable String after, int limit) {
        int n = Math.max(1, Math.min(limit, 100_000));
        if (s.lots().isEmpty()) {
            return query(s, after, n, "u.serial");
        }
        // lot by lot, each a range of the (gtin, lot, serial) index read in its order, then merged: with
        // "lot in (...)" the database would sort the rest of the lots for every page
        var merged = new ArrayList<SelectedUnit>();
        for (String lot : s.lots()) {
            merged.addAll(query(new UnitSelection(s.gtin(), List.of(lot), s.serials(), s.producedFrom(), s.producedTo(),
                    s.facilityCode(), s.lineCode()), after, n, "u.gtin, u.lot, u.serial"));
        }
        merged.sort(java.util.Comparator.comparing(SelectedUnit::serial));
        return merged.size() > n ? List.copyOf(merged.subList(0, n)) : merged;
    }

    private List<SelectedUnit> query(UnitSelection s, @Nullable String after, int limit, String order) {
        var sql = new StringBuilder("select u.serial, u.gtin, u.lot, f.code as facility_code, u.intended_market, st.status from unit u ");
        var params = new ArrayList<Object>();
        where(s, sql, params);
        if (after != null) {
            sql.append(" and u.serial > ?");
            params.add(after);
        }
        sql.append(" order by ").append(order).append(" fetch first ").append(limit).append(" rows only");
        return jdbc.sql(sql.toString()).params(params).query(Rows.of(Row.class)).list().stream()
                .map(r -> new SelectedUnit(r.serial(), r.gtin(), r.lot(), r.facilityCode(), r.intendedMarket(),
                        r.status() == null ? org.serialregistry.serial.UnitStatus.ACTIVE
                                : org.serialregistry.serial.UnitStatus.valueOf(r.status())))
                .toList();
    }

    public long count(UnitSelection s) {
        var sql = new StringBuilder("select count(*) from unit u ");
        var params = new ArrayList<Object>();
        where(s, sql, params);
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
    }

    private static void where(UnitSelection s, StringBuilder sql, List<Object> params) {
        sql.append("left join unit_status st on st.serial = u.serial join facility f on f.number = u.facility_number ");
        if (s.facilityCode() != null) {
            sql.append("and f.code = ? ");
            params.add(s.facilityCode());
            if (s.lineCode() != null) {
                sql.append("join production_line l on l.facility_id = f.id and l.number = u.line_number and l.code = ? ");
                params.add(s.lineCode());
            }
        }
        sql.append("where (st.status is null or st.status not in ('STOLEN', 'DESTROYED', 'ARCHIVED'))");
        if (s.gtin() != null) {
            sql.append(" and u.gtin = ?");
            params.add(s.gtin());
        }
        if (s.lots().size() == 1) {
            sql.append(" and u.lot = ?");
            params.add(s.lots().getFirst());
        } else {
            in(sql, params, "u.lot", s.lots());
        }
        in(sql, params, "u.serial", s.serials());
        if (s.producedFrom() != null) {
            sql.append(" and u.production_date >= ?");
            params.add(s.producedFrom());
        }
        if (s.producedTo() != null) {
            sql.append(" and u.production_date <= ?");
            params.add(s.producedTo());
        }
    }

    private static void in(StringBuilder sql, List<Object> params, String column, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        sql.append(" and ").append(column).append(" in (");
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
            params.add(values.get(i));
        }
        sql.append(')');
    }
}
