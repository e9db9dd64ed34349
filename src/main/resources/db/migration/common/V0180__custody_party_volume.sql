-- Units received and passed on (shipped onwards or sold) per party, changed in the same transaction
-- as the custody movements they count (CustodyVolumeTally). The channel home read them by grouping
-- every movement on each visit: 3.75x a count(*) of the movements at 1 M rows, growing with them.
create table custody_party_volume (
    party     varchar(32) not null primary key,
    received  bigint      not null,
    passed_on bigint      not null
);

insert into custody_party_volume (party, received, passed_on)
select party, sum(received), sum(passed_on) from (
    select to_party as party, count(*) as received, 0 as passed_on from custody_movement
    where biz_step = 'RECEIVING' and to_party is not null group by to_party
    union all
    select from_party as party, 0 as received, count(*) as passed_on from custody_movement
    where biz_step in ('SHIPPING', 'RETAIL_SELLING') and from_party is not null group by from_party
) v group by party;
