-- File contents (binary type differs between databases) and append-only warranty records
create table warranty_file_content (
    file_id bigint not null primary key references warranty_file (id),
    content varbinary(5242880) not null
);
create trigger warranty_policy_no_update before update on warranty_policy for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
create trigger warranty_policy_no_delete before delete on warranty_policy for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
create trigger warranty_claim_check_no_update before update on warranty_claim_check for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
create trigger warranty_claim_check_no_delete before delete on warranty_claim_check for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
create trigger warranty_signature_no_update before update on warranty_signature for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
create trigger warranty_signature_no_delete before delete on warranty_signature for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
