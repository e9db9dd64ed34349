-- Seals are append-only; their foreign key also makes H2 refuse TRUNCATE of audit_entry
create trigger audit_seal_no_update before update on audit_seal for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
create trigger audit_seal_no_delete before delete on audit_seal for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
