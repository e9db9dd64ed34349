create trigger batch_signature_no_update before update on batch_signature for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
create trigger batch_signature_no_delete before delete on batch_signature for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
create trigger batch_merkle_chunk_no_update before update on batch_merkle_chunk for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
create trigger batch_merkle_chunk_no_delete before delete on batch_merkle_chunk for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
