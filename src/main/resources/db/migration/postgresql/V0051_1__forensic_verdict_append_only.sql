-- Signed verdicts are never edited or deleted: a later signed verdict supersedes them
create trigger forensic_verdict_no_update before update on forensic_verdict for each row execute function reject_modification();
create trigger forensic_verdict_no_delete before delete on forensic_verdict for each row execute function reject_modification();
