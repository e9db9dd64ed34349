-- The audit trail's keyed hash chain: each entry is sealed once, in commit order, with a gapless
-- sequence number and an HMAC-SHA256 over the entry and its predecessor's MAC
create table audit_seal (
    seq      bigint      not null primary key,
    entry_id bigint      not null references audit_entry (id),
    mac_key  integer     not null,
    prev_mac varchar(64) not null,
    mac      varchar(64) not null,
    constraint audit_seal_entry_uk unique (entry_id)
);

create table audit_chain_head (
    id       integer     not null primary key,
    last_seq bigint      not null,
    last_mac varchar(64) not null
);
insert into audit_chain_head (id, last_seq, last_mac)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
