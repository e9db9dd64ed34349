-- A captured EPCIS event's hash is unique (H2 has no partial index: a generated column that holds the
-- hash of captured events and null for error declarations, which share the hash of the event they
-- declare; nulls do not collide). Two concurrent captures of one event: the second insert fails and
-- EpcisCapture applies that document again, finding the event stored.
alter table epcis_event add column captured_hash varchar(120)
    generated always as (case when declares_hash is null then event_hash end);
alter table epcis_event add constraint epcis_event_captured_hash_uq unique (captured_hash);
