-- Checkpoints are append-only. H2 has no TRUNCATE trigger: it refuses TRUNCATE only on tables that a
-- foreign key references (unit, lifecycle_event, serial_batch); the signed checkpoints find the rest.
create trigger chain_checkpoint_no_update before update on chain_checkpoint for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
create trigger chain_checkpoint_no_delete before delete on chain_checkpoint for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
