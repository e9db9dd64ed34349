-- An EPCIS event is stored once (issue 14): before V0171_1 makes the captured event's hash unique, a
-- second copy that two concurrent captures of the same event may have stored is folded into the first
-- (its packing and its lifecycle link move there, its EPC and party index rows go). Error declarations
-- (declares_hash set) share the hash of the event they declare and are left as they are.
update epcis_containment c set event_id = (
        select min(k.id) from epcis_event d join epcis_event k on k.event_hash = d.event_hash and k.declares_hash is null
        where d.id = c.event_id)
    where c.event_id in (
        select d.id from epcis_event d where d.declares_hash is null and exists (
            select 1 from epcis_event k where k.event_hash = d.event_hash and k.declares_hash is null and k.id < d.id));

update epcis_event k set lifecycle_event_id = (
        select min(d.lifecycle_event_id) from epcis_event d
        where d.event_hash = k.event_hash and d.declares_hash is null and d.id > k.id)
    where k.lifecycle_event_id is null and k.declares_hash is null and not exists (
        select 1 from epcis_event x where x.event_hash = k.event_hash and x.declares_hash is null and x.id < k.id);

delete from epcis_event_epc where event_id in (
    select d.id from epcis_event d where d.declares_hash is null and exists (
        select 1 from epcis_event k where k.event_hash = d.event_hash and k.declares_hash is null and k.id < d.id));

delete from epcis_event_party where event_id in (
    select d.id from epcis_event d where d.declares_hash is null and exists (
        select 1 from epcis_event k where k.event_hash = d.event_hash and k.declares_hash is null and k.id < d.id));

delete from epcis_event where id in (
    select d.id from epcis_event d where d.declares_hash is null and exists (
        select 1 from epcis_event k where k.event_hash = d.event_hash and k.declares_hash is null and k.id < d.id));
