-- How far counterfeit detection has judged the scan log, when it runs as one leader among several
-- replicas (PostgreSQL; an advisory lock elects the leader). One row, written in the transaction
-- that stores the signals of the scans it judged, so a new leader goes on exactly where the old one
-- committed:
--  * last_seq: the highest scan_record.seq judged;
--  * open_seqs: positions below last_seq not seen yet (comma-separated): rows of another replica's
--    batch that was not committed when the leader read past them; they are read again until they
--    appear or a few minutes have passed;
--  * epoch: raised by every new leader; a write by an older leader (one that lost its lock without
--    noticing) finds another epoch and is rolled back.
-- Starts after the scans already in the log: they were judged by the detectors that saw them.
create table counterfeit_detection_position (
    id         varchar(16)  not null primary key,
    last_seq   bigint       not null,
    open_seqs  varchar(100000) not null,
    epoch      bigint       not null,
    leader     varchar(200),
    updated_at timestamp with time zone not null
);
insert into counterfeit_detection_position (id, last_seq, open_seqs, epoch, leader, updated_at)
select 'scan-log', coalesce(max(seq), 0), '', 0, null, current_timestamp from scan_record;
