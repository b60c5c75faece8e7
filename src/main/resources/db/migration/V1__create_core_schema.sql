-- ChatGuard core schema. Sized for tens of millions of messages: bigint keys from sequences that
-- hand out blocks of 50 (Hibernate's pooled optimizer batches inserts), timestamps in UTC, and
-- indexes for the access paths the features use. docs/DATA_MODEL.md explains the monthly
-- partitioning plan for chat_message.

-- People and parties ----------------------------------------------------------------------------

create sequence employee_seq increment by 50;
create table employee (
    id          bigint primary key default nextval('employee_seq'),
    userid      text not null unique,              -- WeCom userid of a staff member
    name        text,
    department  text,
    employee_group text,                           -- used for sampling rates and reports
    active      boolean not null default true,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create index employee_department_idx on employee (department);

create sequence external_contact_seq increment by 50;
create table external_contact (
    id              bigint primary key default nextval('external_contact_seq'),
    external_userid text not null unique,           -- wm... / wo... ids of clients
    name            text,
    corp_name       text,
    created_at      timestamptz not null default now()
);

-- Conversations: a group room (roomid) or a 1:1 chat keyed by the sorted pair of participants.
create sequence conversation_seq increment by 50;
create table conversation (
    id               bigint primary key default nextval('conversation_seq'),
    conversation_key text not null unique,          -- 'room:<roomid>' or 'single:<a>|<b>' (a < b)
    roomid           text,
    kind             text not null check (kind in ('single', 'group')),
    name             text,
    first_msgtime    timestamptz,
    last_msgtime     timestamptz,
    message_count    bigint not null default 0
);
create index conversation_last_msgtime_idx on conversation (last_msgtime desc);

-- Messages --------------------------------------------------------------------------------------

create sequence chat_message_seq increment by 50;
create table chat_message (
    id              bigint primary key default nextval('chat_message_seq'),
    msgid           text not null,
    seq             bigint,                          -- archive seq; null for imported messages
    action          text not null check (action in ('send', 'recall', 'switch')),
    sender          text,
    tolist          text[] not null default '{}',
    roomid          text,
    conversation_id bigint references conversation (id),
    msgtime         timestamptz not null,
    msgtype         text not null,
    content_text    text,                            -- text extracted for scanning and search
    raw             jsonb not null,                  -- the decrypted record, verbatim
    source          text not null check (source in ('archive', 'import')),
    flags           text[] not null default '{}',    -- e.g. unknown_msgtype, control_chars_stripped
    stored_at       timestamptz not null default now(),
    constraint chat_message_msgid_uq unique (msgid)
);
create index chat_message_conversation_time_idx on chat_message (conversation_id, msgtime);
create index chat_message_sender_time_idx on chat_message (sender, msgtime);
create index chat_message_seq_idx on chat_message (seq) where seq is not null;
-- Time-range scans (rescans, reports) over an append-mostly table: BRIN is tiny and fits.
create index chat_message_msgtime_brin on chat_message using brin (msgtime);
-- Outbox-style cursors (scan, index) walk ids in order; the primary key serves them.

-- Archive ingestion -----------------------------------------------------------------------------

create table ingest_cursor (
    source      text primary key,                   -- one row per archive source (corp id)
    last_seq    bigint not null default 0,
    updated_at  timestamptz not null default now()
);

-- Rules -----------------------------------------------------------------------------------------

create sequence rule_set_version_seq increment by 50;
create table rule_set_version (
    id              bigint primary key default nextval('rule_set_version_seq'),
    version         text not null unique,            -- content hash prefix of all rule files
    content_sha256  text not null,
    files           jsonb not null,                  -- [{name, sha256}]
    rule_count      integer not null,
    loaded_at       timestamptz not null default now(),
    loaded_by       text not null,
    active          boolean not null default false
);
create unique index rule_set_version_one_active_idx on rule_set_version (active) where active;

-- Alerts ----------------------------------------------------------------------------------------

create sequence alert_seq increment by 50;
create table alert (
    id              bigint primary key default nextval('alert_seq'),
    kind            text not null check (kind in ('rule_hit', 'recall', 'seq_gap', 'sample')),
    message_id      bigint references chat_message (id),
    rule_id         text,
    rules_version   text,
    category        text,
    severity        text not null check (severity in ('low', 'medium', 'high', 'critical')),
    status          text not null default 'open'
                    check (status in ('open', 'claimed', 'escalated', 'closed')),
    resolution      text check (resolution in ('violation', 'false_positive', 'no_action')),
    assignee        text,
    employee_userid text,
    conversation_id bigint references conversation (id),
    created_at      timestamptz not null default now(),
    due_at          timestamptz,
    closed_at       timestamptz,
    version         bigint not null default 0       -- optimistic locking for concurrent reviewers
);
create unique index alert_message_rule_uq on alert (message_id, rule_id) where kind = 'rule_hit';
create index alert_status_due_idx on alert (status, due_at);
create index alert_assignee_status_idx on alert (assignee, status);
create index alert_employee_created_idx on alert (employee_userid, created_at);
create index alert_category_created_idx on alert (category, created_at);

-- Security --------------------------------------------------------------------------------------

create sequence app_user_seq increment by 50;
create table app_user (
    id              bigint primary key default nextval('app_user_seq'),
    username        text not null unique,
    password_hash   text not null,                   -- bcrypt, modular crypt format
    roles           text not null,                   -- comma-separated role names
    display_name    text,
    created_at      timestamptz not null default now()
);

create sequence api_token_seq increment by 50;
create table api_token (
    id              bigint primary key default nextval('api_token_seq'),
    name            text not null,
    token_sha256    text not null unique,            -- the token itself is never stored
    token_prefix    text not null,                   -- first characters, to recognise it in lists
    principal       text not null,                   -- the identity requests run as
    roles           text not null,                   -- comma-separated role names
    created_at      timestamptz not null default now(),
    created_by      text not null,
    expires_at      timestamptz,
    revoked_at      timestamptz,
    revoked_by      text,
    last_used_at    timestamptz
);

-- Audit log: append-only. The trigger below refuses UPDATE, DELETE and TRUNCATE for every role,
-- including the table owner the service connects as.
create sequence audit_event_seq increment by 50;
create table audit_event (
    id          bigint primary key default nextval('audit_event_seq'),
    occurred_at timestamptz not null default now(),
    actor       text not null,
    action      text not null,                       -- e.g. token.create, message.read, search
    target_type text,
    target_id   text,
    detail      jsonb not null default '{}'::jsonb,
    client_ip   text
);
create index audit_event_occurred_idx on audit_event using brin (occurred_at);
create index audit_event_actor_idx on audit_event (actor, occurred_at);
create index audit_event_target_idx on audit_event (target_type, target_id);

create function refuse_audit_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only (% refused)', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_event_append_only
    before update or delete on audit_event
    for each row execute function refuse_audit_change();
create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function refuse_audit_change();

-- Pre-send decisions: every BLOCK and WARN is evidence of an attempted violation.
create sequence precheck_decision_seq increment by 50;
create table precheck_decision (
    id              bigint primary key default nextval('precheck_decision_seq'),
    decided_at      timestamptz not null default now(),
    principal       text not null,                   -- authenticated caller (token principal)
    sender          text,                            -- WeCom userid from the request, if given
    receivers       text[] not null default '{}',
    roomid          text,
    decision        text not null check (decision in ('BLOCK', 'WARN')),
    text            text not null,
    hits            jsonb not null,
    rules_version   text not null
);
create index precheck_decision_principal_idx on precheck_decision (principal, decided_at desc);
create index precheck_decision_sender_idx on precheck_decision (sender, decided_at desc);

-- Reports shared with regulators.
create sequence report_seq increment by 50;
create table report (
    id          bigint primary key default nextval('report_seq'),
    title       text not null,
    created_by  text not null,
    created_at  timestamptz not null default now(),
    period_from timestamptz not null,
    period_to   timestamptz not null,
    status      text not null check (status in ('queued', 'running', 'done', 'failed')),
    check (period_from < period_to)
);
create table report_share (
    report_id   bigint not null references report (id),
    shared_with text not null,                       -- username of a regulator
    shared_by   text not null,
    shared_at   timestamptz not null default now(),
    primary key (report_id, shared_with)
);
create index report_share_user_idx on report_share (shared_with);
