package org.serialregistry.factors.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.Rows;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** All SQL of the second factors. */
@Repository
public class FactorStore {

    public record ProductRow(String gtin, boolean nfc, boolean scratchOff, boolean hologram) {
    }

    public record TagRow(String uid, String serial, String gtin, int keyVersion, int lastCounter,
                         @Nullable OffsetDateTime lastTapAt, OffsetDateTime boundAt) {
    }

    public record HologramRow(String hologramNumber, String gtin, @Nullable String serial, @Nullable String lot) {
    }

    private final JdbcClient jdbc;

    FactorStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ProductRow> product(String gtin) {
        return jdbc.sql("select gtin, nfc, scratch_off, hologram from product_second_factor where gtin = ?")
                .param(gtin).query(Rows.of(ProductRow.class)).optional();
    }

    public List<ProductRow> products() {
        return jdbc.sql("select gtin, nfc, scratch_off, hologram from product_second_factor order by gtin")
                .query(Rows.of(ProductRow.class)).list();
    }

    public void saveProduct(ProductRow row, Instant at, String by) {
        int updated = jdbc.sql("update product_second_factor set nfc = ?, scratch_off = ?, hologram = ?, updated_at = ?, "
                        + "updated_by = ? where gtin = ?")
                .params(row.nfc(), row.scratchOff(), row.hologram(), utc(at), by, row.gtin()).update();
        if (updated == 0) {
            jdbc.sql("insert into product_second_factor (gtin, nfc, scratch_off, hologram, updated_at, updated_by) "
                    + "values (?,?,?,?,?,?)").params(row.gtin(), row.nfc(), row.scratchOff(), row.hologram(), utc(at), by)
                    .update();
        }
    }

    public Optional<TagRow> tag(String uid) {
        return jdbc.sql("select uid, serial, gtin, key_version, last_counter, last_tap_at, bound_at from nfc_tag where uid = ?")
                .param(uid).query(Rows.of(TagRow.class)).optional();
    }

    public Optional<TagRow> tagOfSerial(String serial) {
        return jdbc.sql("select uid, serial, gtin, key_version, last_counter, last_tap_at, bound_at from nfc_tag "
                + "where serial = ?").param(serial).query(Rows.of(TagRow.class)).optional();
    }

    public void insertTag(String uid, String serial, String gtin, int keyVersion, Instant at, String by) {
        jdbc.sql("insert into nfc_tag (uid, serial, gtin, key_version, last_counter, bound_at, bound_by) "
                + "values (?,?,?,?,-1,?,?)").params(uid, serial, gtin, keyVersion, utc(at), by).update();
    }

    /**
     * Moves the tag's counter up to {@code counter}, only if it is higher than the highest seen: one
     * conditional update, so two taps with the same counter never both pass, whatever the concurrency.
     *
     * @return whether the counter went up (false: replayed or older tap)
     */
    public boolean advanceCounter(String uid, int counter, Instant at) {
        return jdbc.sql("update nfc_tag set last_counter = ?, last_tap_at = ? where uid = ? and last_counter < ?")
                .params(counter, utc(at), uid, counter).update() == 1;
    }

    /** @return null if the code was not used yet (it is now), else when it was first used */
    public @Nullable Instant consumeScratchCode(String serial, String gtin, Instant at) {
        var used = scratchCodeUsedAt(serial);
        if (used != null) {
            return used;
        }
        try {
            jdbc.sql("insert into scratch_code_use (serial, gtin, used_at) values (?,?,?)").params(serial, gtin, utc(at))
                    .update();
            return null;
        } catch (DuplicateKeyException raced) {
            return Optional.ofNullable(scratchCodeUsedAt(serial)).orElse(at);
        }
    }

    public @Nullable Instant scratchCodeUsedAt(String serial) {
        return jdbc.sql("select used_at from scratch_code_use where serial = ?").param(serial).query(OffsetDateTime.class)
                .optional().map(OffsetDateTime::toInstant).orElse(null);
    }

    public Optional<HologramRow> hologram(String number) {
        return jdbc.sql("select hologram_number, gtin, serial, lot from hologram where hologram_number = ?")
                .param(number).query(Rows.of(HologramRow.class)).optional();
    }

    public List<String> hologramsOf(String gtin, String serial, String lot) {
        return jdbc.sql("select hologram_number from hologram where serial = ? or (serial is null and gtin = ? and lot = ?) "
                + "order by hologram_number limit 50").params(serial, gtin, lot).query(String.class).list();
    }

    public List<String> existingHolograms(List<String> numbers) {
        if (numbers.isEmpty()) {
            return List.of();
        }
        var found = new java.util.ArrayList<String>();
        for (int i = 0; i < numbers.size(); i += 500) {
            var part = numbers.subList(i, Math.min(numbers.size(), i + 500));
            found.addAll(jdbc.sql("select hologram_number from hologram where hologram_number in (:numbers)")
                    .param("numbers", part).query(String.class).list());
        }
        return found;
    }

    public void insertHolograms(List<String> numbers, String gtin, @Nullable String serial, @Nullable String lot,
                                Instant at, String by) {
        for (String number : numbers) {
            jdbc.sql("insert into hologram (hologram_number, gtin, serial, lot, bound_at, bound_by) values (?,?,?,?,?,?)")
                    .params(number, gtin, serial, lot, utc(at), by).update();
        }
    }

    public List<TagRow> latestTags(int limit) {
        return jdbc.sql("select uid, serial, gtin, key_version, last_counter, last_tap_at, bound_at from nfc_tag "
                + "order by bound_at desc, uid limit ?").param(limit).query(Rows.of(TagRow.class)).list();
    }

    public long tagCount() {
        return jdbc.sql("select count(*) from nfc_tag").query(Long.class).single();
    }

    public long hologramCount() {
        return jdbc.sql("select count(*) from hologram").query(Long.class).single();
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
