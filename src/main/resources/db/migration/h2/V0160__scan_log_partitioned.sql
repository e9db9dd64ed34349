-- PostgreSQL partitions the scan log by month here (see db/migration/postgresql/V0160); H2, the
-- single-node development database, keeps the plain table and has no retention job.
comment on table scan_record is 'Scan log: one row per verification (partitioned by month on PostgreSQL)';
