-- Lines belong to a policy version, which is never edited
create trigger warranty_policy_line_no_update before update on warranty_policy_line for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
create trigger warranty_policy_line_no_delete before delete on warranty_policy_line for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
