-- The units of a lot in serial order straight from the index: the recall job reads a lot page by page
-- after the last serial it handled (keyset), which with (gtin, lot) alone meant sorting the rest of the
-- lot for every page. The wider index replaces the old one, so issuing still maintains two indexes.
drop index unit_lot_idx;
create index unit_lot_idx on unit (gtin, lot, serial);
