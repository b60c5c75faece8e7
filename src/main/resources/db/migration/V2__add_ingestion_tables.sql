-- Archive ingestion: per-source counters on the cursor, quarantine, evidence references, media and
-- completeness signals. A batch's messages, quarantine rows, evidence references, media rows,
-- signals and cursor move are written in one transaction.

alter table ingest_cursor
    add column stored_count      bigint not null default 0,
    add column duplicate_count   bigint not null default 0,
    add column quarantined_count bigint not null default 0,
    add column media_count       bigint not null default 0,
    add column media_failed_count bigint not null default 0,
    add column last_batch_at     timestamptz,
    add column last_error        text,
    add column last_error_at     timestamptz;

-- Records that could not become messages. Nothing is dropped: the record as received stays here
-- and in the batch's evidence object.
create sequence quarantined_record_seq increment by 50;
create table quarantined_record (
    id              bigint primary key default nextval('quarantined_record_seq'),
    source          text not null,
    seq             bigint,                          -- null for import lines
    line_number     integer,                         -- for import lines
    msgid           text,
    publickey_ver   integer,
    reason          text not null,                   -- stable code: bad_base64, unknown_key_version, ...
    detail          text,
    record          text not null,                   -- the record exactly as received
    evidence_key    text,
    quarantined_at  timestamptz not null default now(),
    resolved_at     timestamptz,
    constraint quarantined_record_source_seq_uq unique (source, seq)
);
create index quarantined_record_reason_idx on quarantined_record (reason, quarantined_at);

-- Where each message's evidence lives: a slice [byte_offset, byte_offset + byte_length) of a batch
-- object, with the SHA-256 of that slice.
create table message_evidence (
    message_id  bigint not null references chat_message (id),
    kind        text not null check (kind in ('encrypted_record', 'decrypted_json', 'import_line')),
    object_key  text not null,
    byte_offset bigint not null,
    byte_length integer not null,
    sha256      text not null,
    primary key (message_id, kind)
);

create sequence media_object_seq increment by 50;
create table media_object (
    id          bigint primary key default nextval('media_object_seq'),
    message_id  bigint not null references chat_message (id),
    item_index  integer not null,
    kind        text not null,
    sdkfileid   text not null,
    md5sum      text not null,                       -- as reported by WeCom ('' when it reports none)
    size        bigint,
    object_key  text,
    sha256      text,
    status      text not null check (status in ('stored', 'failed')),
    attempts    integer not null,
    error       text,
    stored_at   timestamptz not null default now(),
    constraint media_object_message_item_uq unique (message_id, item_index)
);
create index media_object_failed_idx on media_object (status) where status = 'failed';

-- Completeness and behaviour signals for compliance: seq gaps and recalls.
create sequence archive_signal_seq increment by 50;
create table archive_signal (
    id          bigint primary key default nextval('archive_signal_seq'),
    source      text not null,
    kind        text not null check (kind in ('seq_gap', 'recall')),
    seq_from    bigint,
    seq_to      bigint,
    msgid       text,
    pre_msgid   text,
    sender      text,
    detected_at timestamptz not null default now()
);
create index archive_signal_kind_idx on archive_signal (kind, detected_at);
create unique index archive_signal_gap_uq on archive_signal (source, seq_from) where kind = 'seq_gap';
create unique index archive_signal_recall_uq on archive_signal (msgid) where kind = 'recall';
-- Re-importing the same file must not quarantine its bad lines twice.
create unique index quarantined_record_import_line_uq on quarantined_record (evidence_key, line_number)
    where seq is null;
