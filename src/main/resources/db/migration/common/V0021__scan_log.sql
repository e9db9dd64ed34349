-- The scan log: one row per public or API verification, written in batches off the request path.
-- Ids are time-ordered UUIDs (version 7) and indexes are few: every verification pays for them.
-- Values are stored as scanned (sanitised and cut to the column size), so that forged and
-- malformed codes are evidence too. The client key is a keyed hash of the network address;
-- the address itself is never stored.
create table scan_record (
    id               uuid         not null primary key,
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
    unit_status      varchar(16)
);
create index scan_record_time_idx on scan_record (scanned_at);
create index scan_record_serial_idx on scan_record (serial, scanned_at);
