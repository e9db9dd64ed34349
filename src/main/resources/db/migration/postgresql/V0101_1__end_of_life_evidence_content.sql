-- The evidence files' bytes (PostgreSQL: bytea); evidence and recall signatures are append-only
create table end_of_life_evidence_content (
    evidence_id bigint not null primary key references end_of_life_evidence (id),
    content     bytea  not null
);
create trigger end_of_life_evidence_no_update before update on end_of_life_evidence for each row execute function reject_modification();
create trigger end_of_life_evidence_no_delete before delete on end_of_life_evidence for each row execute function reject_modification();
create trigger end_of_life_evidence_content_no_update before update on end_of_life_evidence_content for each row execute function reject_modification();
create trigger end_of_life_evidence_content_no_delete before delete on end_of_life_evidence_content for each row execute function reject_modification();
create trigger recall_signature_no_update before update on recall_signature for each row execute function reject_modification();
create trigger recall_signature_no_delete before delete on recall_signature for each row execute function reject_modification();
