-- The audit log is append-only at the database too: updates and deletes fail
create or replace function reject_modification() returns trigger as $$
begin
    raise exception 'table % is append-only: % refused', tg_table_name, tg_op using errcode = '42501';
end;
$$ language plpgsql;

create trigger audit_entry_no_update before update on audit_entry for each row execute function reject_modification();
create trigger audit_entry_no_delete before delete on audit_entry for each row execute function reject_modification();
