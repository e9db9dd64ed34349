-- Whether the scan's location (the ?country= or coordinates the client sent) is the client's own
-- claim rather than the network's (a trusted proxy's country header): a claimed location is a weaker
-- signal and cannot raise a HIGH geo anomaly alone. Scans recorded before this column are taken as
-- the network's, as they were counted then.
alter table scan_record add column location_claimed boolean default false not null;
