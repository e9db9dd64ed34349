-- Second factors on the unit (issue 17). Secrets are not here: NFC keys and scratch-off codes are
-- derived from the factor master keys held outside the database (serial-registry.factors.keys).

-- Which second factors the units of a product carry (no row: none).
create table product_second_factor (
    gtin        varchar(14)  primary key,
    nfc         boolean      not null,
    scratch_off boolean      not null,
    hologram    boolean      not null,
    updated_at  timestamp with time zone not null,
    updated_by  varchar(100) not null
);

-- NTAG 424 DNA tags bound to units. last_counter is the highest SDMReadCtr seen (-1 before the
-- first tap); a tap is accepted only if its counter is higher (conditional update).
create table nfc_tag (
    uid          varchar(14)  primary key,
    serial       varchar(20)  not null,
    gtin         varchar(14)  not null,
    key_version  int          not null,
    last_counter int          not null,
    bound_at     timestamp with time zone not null,
    bound_by     varchar(100) not null,
    last_tap_at  timestamp with time zone,
    constraint nfc_tag_serial_uq unique (serial)
);

-- Scratch-off codes are HMACs of the serial (never stored); this records the first check of each.
create table scratch_code_use (
    serial  varchar(20) primary key,
    gtin    varchar(14) not null,
    used_at timestamp with time zone not null
);

-- Hologram numbers bound to one unit (serial) or to a whole lot (serial null).
create table hologram (
    hologram_number varchar(32)  primary key,
    gtin            varchar(14)  not null,
    serial          varchar(20),
    lot             varchar(20),
    bound_at        timestamp with time zone not null,
    bound_by        varchar(100) not null,
    constraint hologram_unit_or_lot check (serial is not null or lot is not null)
);
create index hologram_serial_idx on hologram (serial);
