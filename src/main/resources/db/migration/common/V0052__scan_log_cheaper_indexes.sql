-- The scan log costs every verification its index maintenance, so it keeps only what the
-- portal's queries use (measured on H2 2.4, 200,000 distinct serials, CPU per inserted row:
-- 38 us with the UUID primary key, the time index and the (serial, scanned_at) index; 24 us
-- with a bigint identity key, the time index and a serial index; 9.7 us when the indexed serial is null):
--  * the primary key is a bigint identity in insertion order: H2 keeps rows under it without
--    a separate index, PostgreSQL appends to its index; logical replication still has a key.
--    The scan UUID stays as the scan's identity in counterfeit evidence, without an index.
--  * the serial index holds the serials of codes that passed their check only (unit_serial; null
--    for FORGED and MALFORMED scans): codes that fail are made up, often in floods, and indexing
--    each random string costs a random index insert per scan (17 us of the 24 on H2) and bloats
--    the index with garbage; a null key goes in at the end. Failed codes are found by the serial
--    as scanned, filtered by outcome or time. No time in the index: a serial has few scans.
-- The table is rebuilt (copy, drop, rename) because H2 and PostgreSQL name the old primary key
-- differently.
create table scan_record_v52 (
    seq              bigint       generated always as identity constraint scan_record_pk primary key,
    id               uuid         not null,
    scanned_at       timestamp with time zone not null,
    gtin             varchar(32),
    serial           varchar(32)  not null,
    outcome          varchar(24)  not null,
    client_key       varchar(64)  not null,
    session_id       varchar(64)  not null,
    country          varchar(2),
    latitude         double precision,
    longitude        double precision,
    user_agent_class varchar(16)  not null,
    unit_status      varchar(16),
    unit_serial      varchar(32)
);
insert into scan_record_v52 (id, scanned_at, gtin, serial, outcome, client_key, session_id, country, latitude,
                             longitude, user_agent_class, unit_status, unit_serial)
select id, scanned_at, gtin, serial, outcome, client_key, session_id, country, latitude, longitude,
       user_agent_class, unit_status, case when outcome in ('FORGED', 'MALFORMED') then null else serial end
from scan_record
order by scanned_at, id;
drop table scan_record;
alter table scan_record_v52 rename to scan_record;
create index scan_record_time_idx on scan_record (scanned_at);
create index scan_record_unit_serial_idx on scan_record (unit_serial);
