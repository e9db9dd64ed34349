-- The audit log is append-only at the database too: updates and deletes fail
create trigger audit_entry_no_update before update on audit_entry for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
create trigger audit_entry_no_delete before delete on audit_entry for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
