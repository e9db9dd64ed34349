-- A repair names the service centre that did it. Earlier repairs take the centre their RMA was
-- assigned to, where a row says so; the others (RMAs of a centre's own claims) stay unnamed.
alter table repair_record add column service_party varchar(32);
update repair_record set service_party = (select a.service_party from rma_assignment a where a.claim_id = repair_record.claim_id);
