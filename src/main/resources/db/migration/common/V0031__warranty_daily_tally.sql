-- Running claim counts per failure date (for "claims over time"), kept like warranty_claim_tally,
-- and filled from the claims that exist
create table warranty_claim_daily_tally (
    failure_date date   not null primary key,
    claims       bigint not null,
    denied       bigint not null
);
insert into warranty_claim_daily_tally (failure_date, claims, denied)
select failure_date, count(*), sum(case when state = 'DENIED' then 1 else 0 end)
from warranty_claim group by failure_date;
