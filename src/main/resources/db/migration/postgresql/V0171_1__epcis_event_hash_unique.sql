-- A captured EPCIS event's hash is unique; error declarations share the hash of the event they declare
-- and are left out. Two concurrent captures of one event: the second insert fails and EpcisCapture
-- applies that document again, finding the event stored.
create unique index epcis_event_captured_hash_uq on epcis_event (event_hash) where declares_hash is null;
