-- Refurbishment: a new serial made from an original, linked both ways (append-only; one each way)
create table unit_refurbishment (
    new_serial      varchar(20) not null primary key references unit (serial),
    original_serial varchar(20) not null references unit (serial),
    refurbished_at  timestamp with time zone not null,
    refurbished_by  varchar(64) not null,
    rma_number      varchar(32),
    constraint unit_refurbishment_original_uk unique (original_serial)
);
