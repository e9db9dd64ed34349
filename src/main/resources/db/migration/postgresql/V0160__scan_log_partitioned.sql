-- The scan log is the one table that grows with every public scan (10^8 rows and more), so on
-- PostgreSQL it is partitioned by month of scanned_at (native range partitioning): old months are
-- dropped whole by the retention job (ScanLogPartitions) instead of deleted row by row, and a
-- query bounded in time reads only its months. A default partition takes any row outside the
-- months that exist, so an insert never fails for want of a partition.
-- The existing table is converted in place: columns come from the table itself (LIKE), so
-- columns and indexes added by earlier migrations carry over; its rows are copied, its sequence
-- continues. The primary key must hold the partition key: (seq, scanned_at).
do $$
declare
    ix record;
    defs text[] := '{}';
    def text;
    first_month timestamptz;
    last_month timestamptz;
    m timestamptz;
    next_seq bigint;
begin
    for ix in select i.indexname, i.indexdef from pg_indexes i
              where i.schemaname = current_schema() and i.tablename = 'scan_record'
                and i.indexname not in (select conname from pg_constraint
                                        where conrelid = 'scan_record'::regclass and contype in ('p', 'u'))
    loop
        defs := defs || ix.indexdef;
        execute format('alter index %I rename to %I', ix.indexname, left(ix.indexname, 50) || '_v159');
    end loop;
    alter table scan_record rename to scan_record_v159;
    alter table scan_record_v159 rename constraint scan_record_pk to scan_record_v159_pk;

    create table scan_record (like scan_record_v159 including defaults including constraints)
        partition by range (scanned_at);
    create sequence scan_record_seq_seq owned by scan_record.seq;
    alter table scan_record alter column seq set default nextval('scan_record_seq_seq');
    alter table scan_record add constraint scan_record_pk primary key (seq, scanned_at);
    select coalesce(max(seq), 0) + 1 into next_seq from scan_record_v159;
    perform setval('scan_record_seq_seq', next_seq, false);

    -- months from the oldest row to three months ahead (the retention job keeps creating ahead)
    select date_trunc('month', coalesce(min(scanned_at), now()), 'UTC') into first_month from scan_record_v159;
    last_month := date_trunc('month', now() + interval '3 months', 'UTC');
    m := first_month;
    while m <= last_month loop
        -- month arithmetic in UTC, whatever the session's time zone
        execute format('create table %I partition of scan_record for values from (%L) to (%L)',
                       'scan_record_' || to_char(m at time zone 'UTC', '"y"YYYY"m"MM'), m,
                       ((m at time zone 'UTC') + interval '1 month') at time zone 'UTC');
        m := ((m at time zone 'UTC') + interval '1 month') at time zone 'UTC';
    end loop;
    create table scan_record_default partition of scan_record default;

    foreach def in array defs loop
        execute def;
    end loop;

    insert into scan_record select * from scan_record_v159;
    drop table scan_record_v159;
end
$$;
