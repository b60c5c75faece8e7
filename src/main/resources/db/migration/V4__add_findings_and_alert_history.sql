-- Post-hoc scanning (scan) and the review workflow's history (alert).

-- Which messages have been scanned, with which rules version. A message without a row here has not
-- been scanned yet; the sweep finds it even if the scan that should have followed its commit was lost.
create table message_scan (
    message_id    bigint primary key references chat_message (id),
    rules_version text not null,
    hit_count     integer not null,
    scanned_at    timestamptz not null default now()
);

-- How far the sweep has walked chat_message ids: every id at or below it has a message_scan row.
create table scan_cursor (
    name            text primary key,
    last_message_id bigint not null default 0,
    updated_at      timestamptz not null default now()
);
insert into scan_cursor (name) values ('sweep');

-- One row per rule hit in a message: the span in the original text and what the rule matched.
create sequence finding_seq increment by 50;
create table finding (
    id             bigint primary key default nextval('finding_seq'),
    message_id     bigint not null references chat_message (id),
    rule_id        text not null,
    rules_version  text not null,
    category       text not null,
    severity       text not null check (severity in ('low', 'medium', 'high', 'critical')),
    action         text not null check (action in ('BLOCK', 'WARN')),
    start_offset   integer not null,                 -- UTF-16 offsets into chat_message.content_text
    end_offset     integer not null,
    matched        text not null,                    -- the normalised terms that matched
    original       text not null,                    -- what was typed, content_text[start, end)
    created_at     timestamptz not null default now(),
    check (start_offset >= 0 and end_offset > start_offset)
);
create unique index finding_message_rule_span_uq on finding (message_id, rule_id, rules_version, start_offset);
create index finding_message_idx on finding (message_id);

-- Alerts gain tags; everything that happens to one is an alert_event.
alter table alert add column tags text[] not null default '{}';
alter table alert add column message_time timestamptz;
create index alert_message_time_idx on alert (message_time);

-- The review history: append-only like audit_event. Each event records who did what, when, and the
-- alert's state before and after.
create sequence alert_event_seq increment by 50;
create table alert_event (
    id          bigint primary key default nextval('alert_event_seq'),
    alert_id    bigint not null references alert (id),
    occurred_at timestamptz not null default now(),
    actor       text not null,
    action      text not null check (action in ('raise', 'view', 'claim', 'assign', 'note', 'escalate', 'close',
                                                'reopen', 'tag')),
    before      jsonb,                               -- {status, assignee, resolution, tags}; null for raise
    after       jsonb not null,
    note        text
);
create index alert_event_alert_idx on alert_event (alert_id, id);

create function refuse_alert_event_change() returns trigger language plpgsql as $$
begin
    raise exception 'alert_event is append-only (% refused)', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;
create trigger alert_event_append_only
    before update or delete on alert_event
    for each row execute function refuse_alert_event_change();
create trigger alert_event_no_truncate
    before truncate on alert_event
    for each statement execute function refuse_alert_event_change();
