create trigger audit_seal_no_update before update on audit_seal for each row execute function reject_modification();
create trigger audit_seal_no_delete before delete on audit_seal for each row execute function reject_modification();
create trigger audit_seal_no_truncate before truncate on audit_seal for each statement execute function reject_modification();
create trigger audit_chain_head_no_truncate before truncate on audit_chain_head for each statement execute function reject_modification();
