-- Retroactive rescans: a job walks the messages of a time range with the rules in force, raises alerts
-- for new (message, rule) pairs and marks alerts whose rule no longer matches. The cursor and counters
-- move in the same transaction as each batch, so a restarted job carries on where it stopped.
create sequence rescan_job_seq increment by 50;
create table rescan_job (
    id               bigint primary key default nextval('rescan_job_seq'),
    requested_by     text not null,
    requested_at     timestamptz not null default now(),
    rules_version    text not null,                  -- the version when the job started
    period_from      timestamptz,                    -- message time, inclusive; null: from the start
    period_to        timestamptz,                    -- exclusive; null: to the end
    status           text not null check (status in ('running', 'done', 'failed', 'cancelled')),
    total            bigint not null,                -- messages in the range when the job started
    done             bigint not null default 0,
    last_message_id  bigint not null default 0,      -- cursor: every message up to it is rescanned
    new_alerts       bigint not null default 0,
    unmatched_alerts bigint not null default 0,
    rematched_alerts bigint not null default 0,
    started_at       timestamptz not null default now(),
    resumed_at       timestamptz,                    -- last (re)start, for the rate
    done_at_resume   bigint not null default 0,
    updated_at       timestamptz not null default now(),
    finished_at      timestamptz,
    error            text
);
create index rescan_job_status_idx on rescan_job (status);

-- An alert whose rule no longer matches its message under a later rules version is marked, not deleted.
alter table alert add column unmatched_version text;

alter table alert_event drop constraint alert_event_action_check;
alter table alert_event add constraint alert_event_action_check check (action in ('raise', 'view', 'claim', 'assign',
    'note', 'escalate', 'close', 'reopen', 'tag', 'unmatched', 'rematched'));
