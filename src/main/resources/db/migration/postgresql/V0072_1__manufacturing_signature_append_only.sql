create trigger batch_signature_no_update before update on batch_signature for each row execute function reject_modification();
create trigger batch_signature_no_delete before delete on batch_signature for each row execute function reject_modification();
create trigger batch_signature_no_truncate before truncate on batch_signature for each statement execute function reject_modification();
create trigger batch_merkle_chunk_no_update before update on batch_merkle_chunk for each row execute function reject_modification();
create trigger batch_merkle_chunk_no_delete before delete on batch_merkle_chunk for each row execute function reject_modification();
create trigger batch_merkle_chunk_no_truncate before truncate on batch_merkle_chunk for each statement execute function reject_modification();
