-- The custody search by shipment number (portal "Custody" search, GET /api/v1/custody/movements?shipment=)
-- had no index: at 1,000,000 movements it read the movements backwards by event id until it had found the
-- shipment's rows (6.5 x count(*) in the 10 M-unit benchmark). With (shipment_number, event_id) it reads the
-- shipment's newest rows first. One more index write per movement; movements are written per shipment line.
create index custody_movement_shipment_idx on custody_movement (shipment_number, event_id);
