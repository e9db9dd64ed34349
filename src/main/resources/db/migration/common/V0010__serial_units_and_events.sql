-- Serial batches, units (immutable production records), sparse unit status and the
-- append-only, hash-chained lifecycle event log (modelled on EPCIS 2.0)

create table serial_batch (
    id               uuid         not null primary key,
    idempotency_key  varchar(128),
    request_hash     varchar(64)  not null,
    product_id       bigint       not null references product (id),
    gtin             varchar(14)  not null,
    lot              varchar(20)  not null,
    facility_id      bigint       not null references facility (id),
    line_id          bigint       not null references production_line (id),
    quantity         integer      not null,
    production_date  date         not null,
    expiry_date      date,
    intended_market  varchar(2)   not null,
    first_sequence   bigint       not null,
    status           varchar(16)  not null,
    issued_count     integer      not null,
    failure          varchar(1000),
    requested_by     varchar(64)  not null,
    requested_at     timestamp with time zone not null,
    completed_at     timestamp with time zone,
    version          bigint       not null,
    constraint serial_batch_idempotency_uk unique (idempotency_key),
    constraint serial_batch_quantity_range check (quantity between 1 and 1000000)
);
create index serial_batch_lot_idx on serial_batch (gtin, lot);

-- Sequence numbers per facility, line and production day (encoded in the serial)
create table serial_sequence (
    facility_number integer not null,
    line_number     integer not null,
    production_day  date    not null,
    next_value      bigint  not null,
    primary key (facility_number, line_number, production_day)
);

-- The production record of a unit: written once, never updated (the database refuses)
create table unit (
    serial          varchar(20) not null primary key,
    gtin            varchar(14) not null,
    lot             varchar(20) not null,
    batch_id        uuid        not null references serial_batch (id),
    production_date date        not null,
    expiry_date     date,
    facility_number integer     not null,
    line_number     integer     not null,
    intended_market varchar(2)  not null
);
create index unit_batch_idx on unit (batch_id);
create index unit_lot_idx on unit (gtin, lot);

-- Genealogy: the component units built into an assembly (append-only)
create table unit_component (
    serial           varchar(20) not null references unit (serial),
    component_serial varchar(20) not null references unit (serial),
    primary key (serial, component_serial)
);
create index unit_component_component_idx on unit_component (component_serial);

-- Current status of units whose status differs from ACTIVE; derived from the event log
create table unit_status (
    serial        varchar(20) not null primary key references unit (serial),
    status        varchar(16) not null,
    last_event_id bigint      not null,
    changed_by    varchar(64) not null,
    changed_at    timestamp with time zone not null,
    version       bigint      not null
);

-- The lifecycle event log: append-only, each event hashes its predecessor
create table lifecycle_event (
    id                    bigint       not null primary key,
    event_id              uuid         not null,
    event_type            varchar(24)  not null,
    action                varchar(8)   not null,
    event_time            timestamp with time zone not null,
    recorded_at           timestamp with time zone not null,
    biz_step              varchar(32)  not null,
    disposition           varchar(32),
    read_point            varchar(128),
    biz_location          varchar(128),
    source_party          varchar(128),
    destination_party     varchar(128),
    biz_transactions      varchar(2000),
    gtin                  varchar(14),
    lot                   varchar(20),
    batch_id              uuid,
    epc_count             integer      not null,
    epc_digest            varchar(64)  not null,
    new_status            varchar(16),
    error_declaration_for bigint references lifecycle_event (id),
    reason                varchar(500),
    recorded_by           varchar(64)  not null,
    prev_hash             varchar(64)  not null,
    hash                  varchar(64)  not null,
    constraint lifecycle_event_uuid_uk unique (event_id),
    constraint lifecycle_event_hash_uk unique (hash)
);
create index lifecycle_event_batch_idx on lifecycle_event (batch_id);

-- The serials an event lists (a batch's commissioning event lists them through batch_id instead)
create table lifecycle_event_epc (
    event_id bigint      not null references lifecycle_event (id),
    serial   varchar(20) not null references unit (serial),
    primary key (event_id, serial)
);
create index lifecycle_event_epc_serial_idx on lifecycle_event_epc (serial);

-- One row: the head of the hash chain; appenders lock it, so the chain stays linear
create table lifecycle_chain_head (
    id        integer     not null primary key,
    last_id   bigint      not null,
    last_hash varchar(64) not null
);
insert into lifecycle_chain_head (id, last_id, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
