-- Manufacturing signature: each batch's Merkle root over its units' production records, signed with
-- the manufacturer's Ed25519 key; chunk roots (64 leaves each, in serial order) let a unit's proof be
-- computed from its chunk alone
create table batch_signature (
    batch_id    uuid         not null primary key references serial_batch (id),
    leaf_count  integer      not null,
    chunk_size  integer      not null,
    merkle_root varchar(64)  not null,
    key_id      varchar(32)  not null,
    signature   varchar(128) not null,
    signed_at   timestamp with time zone not null
);

create table batch_merkle_chunk (
    batch_id     uuid        not null references serial_batch (id),
    chunk_no     integer     not null,
    first_serial varchar(20) not null,
    last_serial  varchar(20) not null,
    hash         varchar(64) not null,
    primary key (batch_id, chunk_no)
);
