package org.serialregistry.custody.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.serialregistry.custody.PartyType;
import org.serialregistry.custody.PartyView;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Parties, their bound users and the per-product market exceptions, in plain JDBC. */
@Repository
public class PartyStore {

    private final JdbcTemplate jdbc;

    PartyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<PartyView> all() {
        var users = usersByParty();
        return jdbc.query("select * from party order by party_type, code", PARTY).stream().map(r -> r.view(users)).toList();
    }

    public Optional<PartyView> find(String code) {
        var users = usersByParty();
        return jdbc.query("select * from party where code = ?", PARTY, code).stream().findFirst().map(r -> r.view(users));
    }

    public Optional<PartyView> manufacturerOf(String facilityCode) {
        var users = usersByParty();
        return jdbc.query("select * from party where party_type = 'MANUFACTURER_SITE' and facility_code = ? order by id",
                PARTY, facilityCode).stream().findFirst().map(r -> r.view(users));
    }

    public void insert(String code, String name, PartyType type, String country, Set<CountryCode> markets,
                       @Nullable String facilityCode, Instant at) {
        jdbc.update("insert into party (code, name, party_type, country, authorised_markets, facility_code, created_at, "
                + "version) values (?,?,?,?,?,?,?,0)", code, name, type.name(), country, join(markets), facilityCode,
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    /** @return rows changed: 0 when the version no longer matches */
    public int update(String code, String name, PartyType type, String country, Set<CountryCode> markets,
                      @Nullable String facilityCode, long version) {
        return jdbc.update("update party set name = ?, party_type = ?, country = ?, authorised_markets = ?, "
                        + "facility_code = ?, version = version + 1 where code = ? and version = ?", name, type.name(),
                country, join(markets), facilityCode, code, version);
    }

    public Optional<String> partyOfUser(String username) {
        return jdbc.queryForList("select party_code from party_user where username = ?", String.class, username)
                .stream().findFirst();
    }

    public void bindUser(String username, String partyCode) {
        jdbc.update("delete from party_user where username = ?", username);
        jdbc.update("insert into party_user (username, party_code) values (?, ?)", username, partyCode);
    }

    public int unbindUser(String username) {
        return jdbc.update("delete from party_user where username = ?", username);
    }

    public Map<String, Set<CountryCode>> extraMarkets() {
        var result = new HashMap<String, Set<CountryCode>>();
        jdbc.query("select gtin, extra_markets from product_market_exception", EXCEPTION)
                .forEach(e -> result.put(e.gtin(), split(e.extraMarkets())));
        return result;
    }

    public void setExtraMarkets(String gtin, Set<CountryCode> markets, @Nullable String note) {
        jdbc.update("delete from product_market_exception where gtin = ?", gtin);
        if (!markets.isEmpty()) {
            jdbc.update("insert into product_market_exception (gtin, extra_markets, note) values (?,?,?)", gtin,
                    join(markets), note);
        }
    }

    private Map<String, List<String>> usersByParty() {
        var map = new HashMap<String, List<String>>();
        jdbc.query("select party_code, username from party_user order by username", PARTY_USER)
                .forEach(u -> map.computeIfAbsent(u.partyCode(), k -> new java.util.ArrayList<>()).add(u.username()));
        return map;
    }

    /** A party row, mapped by column name; the markets are stored as comma-separated codes. */
    private record PartyRow(long id, String code, String name, PartyType partyType, String country,
                            @Nullable String authorisedMarkets, @Nullable String facilityCode, long version) {

        PartyView view(Map<String, List<String>> users) {
            return new PartyView(id, code, name, partyType, new CountryCode(country), split(authorisedMarkets),
                    facilityCode, users.getOrDefault(code, List.of()), version);
        }
    }

    private record MarketException(String gtin, @Nullable String extraMarkets) {
    }

    private record PartyUser(String partyCode, String username) {
    }

    private static final RowMapper<PartyRow> PARTY = Rows.of(PartyRow.class);
    private static final RowMapper<MarketException> EXCEPTION = Rows.of(MarketException.class);
    private static final RowMapper<PartyUser> PARTY_USER = Rows.of(PartyUser.class);

    static String join(Set<CountryCode> markets) {
        return markets.stream().map(CountryCode::value).sorted().collect(Collectors.joining(","));
    }

    static Set<CountryCode> split(@Nullable String markets) {
        if (markets == null || markets.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(markets.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(CountryCode::new)
                .collect(Collectors.toUnmodifiableSet());
    }
}
