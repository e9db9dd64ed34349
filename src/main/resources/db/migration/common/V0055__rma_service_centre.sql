-- Which service centre an RMA is with. An RMA from a claim a service centre's user submitted is
-- with that centre without a row here; an RMA from any other claim (owner, API, public form) is
-- unassigned until a centre takes it (a row here), and a repair logged by a centre takes it too.
create table rma_assignment (
    claim_id      bigint      not null primary key,
    service_party varchar(32) not null,
    assigned_by   varchar(64) not null,
    assigned_at   timestamp with time zone not null
);
create index rma_assignment_party_idx on rma_assignment (service_party);
