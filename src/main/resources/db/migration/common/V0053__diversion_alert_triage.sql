-- Channel managers work diversion alerts: OPEN -> INVESTIGATING (assigned) -> CONFIRMED (the
-- holder broke its agreement) or DISMISSED (an authorised move, e.g. a permitted parallel sale),
-- with the reason; reopening is possible. Every change also goes to the audit log.
alter table diversion_alert add column assignee varchar(64);
alter table diversion_alert add column resolution varchar(1000);
alter table diversion_alert add column status_changed_by varchar(64);
alter table diversion_alert add column status_changed_at timestamp with time zone;
alter table diversion_alert add column version bigint default 0 not null;
create index diversion_alert_status_idx on diversion_alert (status);
