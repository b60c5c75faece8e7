-- The evidence ledger: a hash chain over everything a regulator may ask ChatGuard to prove. Each entry
-- names one record (a message's evidence slice, a stored media object, an alert event, an audit event,
-- a blocked or warned pre-send check, an exported report package), the SHA-256 of its content, and the previous
-- entry's hash. One writer appends (under an advisory lock), tailing the source tables behind cursors.
create table evidence_ledger (
    seq            bigint primary key,
    source         text not null,
    ref            text not null,
    content_sha256 text not null,
    prev_hash      text not null,
    entry_hash     text not null,
    recorded_at    timestamptz not null
);
create unique index evidence_ledger_ref_uq on evidence_ledger (ref);

create function refuse_ledger_change() returns trigger language plpgsql as $$
begin
    raise exception 'evidence_ledger is append-only (% refused)', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;
create trigger evidence_ledger_append_only
    before update or delete on evidence_ledger
    for each row execute function refuse_ledger_change();
create trigger evidence_ledger_no_truncate
    before truncate on evidence_ledger
    for each statement execute function refuse_ledger_change();

-- How far the ledger has read each source: rows are taken in (time, id) order once older than the
-- settle time, so a row committed late by a long transaction is not passed over.
create table ledger_cursor (
    source    text primary key,
    last_time timestamptz not null default '-infinity',
    last_id   bigint not null default 0
);
insert into ledger_cursor (source) values
    ('message_evidence'), ('media_object'), ('alert_event'), ('audit_event'), ('precheck_decision'), ('report');

create index alert_event_occurred_idx on alert_event using brin (occurred_at);
create index precheck_decision_decided_idx on precheck_decision using brin (decided_at);
create index media_object_stored_idx on media_object (stored_at, id) where status = 'stored';

-- Runs of the verification job: resumable from last_seq with the hash it had reached.
create sequence ledger_verification_seq increment by 50;
create table ledger_verification (
    id               bigint primary key default nextval('ledger_verification_seq'),
    requested_by     text not null,
    started_at       timestamptz not null,
    finished_at      timestamptz,
    status           text not null check (status in ('running', 'passed', 'failed', 'error')),
    object_percent   integer not null check (object_percent between 0 and 100),
    total_entries    bigint not null,
    entries_checked  bigint not null default 0,
    objects_rehashed bigint not null default 0,
    last_seq         bigint not null default 0,
    last_hash        text not null,
    breaks           jsonb not null default '[]'::jsonb,
    error            text
);

-- Legal holds: while one is active on an object, ChatGuard refuses to dispose of it, whatever its
-- retention. Released holds stay as history.
create sequence legal_hold_seq increment by 50;
create table legal_hold (
    id           bigint primary key default nextval('legal_hold_seq'),
    object_key   text not null,
    reason       text not null,
    placed_by    text not null,
    placed_at    timestamptz not null,
    released_by  text,
    released_at  timestamptz,
    release_note text
);
create unique index legal_hold_active_uq on legal_hold (object_key) where released_at is null;

-- Objects disposed of after their retention, with who and why (the ledger keeps their hashes).
create table disposed_object (
    object_key  text primary key,
    sha256      text,
    disposed_by text not null,
    disposed_at timestamptz not null,
    reason      text not null
);

-- A report is exported once, in the background, into object storage: the files in each format and
-- the evidence package. Its progress and the package's hash are kept here; downloads stop at expires_at.
alter table report add column filter jsonb not null default '{}'::jsonb;
alter table report add column total_alerts bigint;
alter table report add column done_alerts bigint not null default 0;
alter table report add column last_alert_id bigint not null default 0;   -- resume point of the export
alter table report add column package_key text;
alter table report add column package_sha256 text;
alter table report add column package_size bigint;
alter table report add column finished_at timestamptz;
alter table report add column expires_at timestamptz;
alter table report add column error text;
create index report_finished_idx on report (finished_at, id) where status = 'done';
