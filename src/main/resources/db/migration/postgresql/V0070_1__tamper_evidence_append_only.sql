-- Checkpoints are append-only; TRUNCATE is refused on every append-only table and on the chain heads
create trigger chain_checkpoint_no_update before update on chain_checkpoint for each row execute function reject_modification();
create trigger chain_checkpoint_no_delete before delete on chain_checkpoint for each row execute function reject_modification();
create trigger chain_checkpoint_no_truncate before truncate on chain_checkpoint for each statement execute function reject_modification();
create trigger audit_entry_no_truncate before truncate on audit_entry for each statement execute function reject_modification();
create trigger unit_no_truncate before truncate on unit for each statement execute function reject_modification();
create trigger unit_component_no_truncate before truncate on unit_component for each statement execute function reject_modification();
create trigger lifecycle_event_no_truncate before truncate on lifecycle_event for each statement execute function reject_modification();
create trigger lifecycle_event_epc_no_truncate before truncate on lifecycle_event_epc for each statement execute function reject_modification();
create trigger lifecycle_chain_head_no_truncate before truncate on lifecycle_chain_head for each statement execute function reject_modification();
create trigger unit_status_no_truncate before truncate on unit_status for each statement execute function reject_modification();
