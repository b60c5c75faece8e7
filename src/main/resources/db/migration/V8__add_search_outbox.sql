-- The search index holds, per message, the categories its current findings fall in and the statuses of
-- its alerts. A change to either queues the message here, in the transaction that makes the change; the
-- row is removed only after a search index commit that holds the change. A crash in between leaves the
-- row, so the message is indexed again rather than left stale.
create table search_outbox (
    id         bigserial primary key,
    message_id bigint not null,
    queued_at  timestamptz not null default now()
);

-- The alert statuses of a batch of messages, for indexing.
create index alert_message_idx on alert (message_id) where message_id is not null;
