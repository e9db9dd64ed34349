-- Refused transfers are evidence: never changed, never deleted
create trigger custody_refusal_no_update before update on custody_refusal for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
create trigger custody_refusal_no_delete before delete on custody_refusal for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
