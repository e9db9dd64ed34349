-- Production records and the lifecycle log are append-only at the database too
create trigger unit_no_update before update on unit for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
create trigger unit_no_delete before delete on unit for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
create trigger unit_component_no_update before update on unit_component for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
create trigger unit_component_no_delete before delete on unit_component for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
create trigger lifecycle_event_no_update before update on lifecycle_event for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
create trigger lifecycle_event_no_delete before delete on lifecycle_event for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
create trigger lifecycle_event_epc_no_update before update on lifecycle_event_epc for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
create trigger lifecycle_event_epc_no_delete before delete on lifecycle_event_epc for each row call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger';
