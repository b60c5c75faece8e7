-- Alerts raised from ingestion signals (archive_signal: seq gaps, recalls): at most one alert per signal,
-- with a readable description; the sweep's cursor over archive_signal ids.
alter table alert add column signal_id bigint references archive_signal (id);
alter table alert add column detail text;
create unique index alert_signal_uq on alert (signal_id) where signal_id is not null;

create table alert_cursor (
    name           text primary key,
    last_signal_id bigint not null default 0,
    updated_at     timestamptz not null default now()
);
insert into alert_cursor (name) values ('signals');
