-- Refused transfers are evidence: never changed, never deleted
create trigger custody_refusal_no_update before update on custody_refusal for each row execute function reject_modification();
create trigger custody_refusal_no_delete before delete on custody_refusal for each row execute function reject_modification();
