-- Rescans write only what a rules change changed. A finding stays current until a later scan no
-- longer finds it; it is then retired (marked with that scan's rules version), never deleted.
-- message_scan keeps a digest of the message's current hits, so a rescan recognises an unchanged
-- message from that one row without reading its findings.

alter table finding add column retired_version text;   -- null: current; else the version that stopped finding it
alter table finding add column retired_at timestamptz;

-- Until now each rescan wrote every hit again under its own version: only the findings of a message's
-- latest version are current.
update finding f
   set retired_version = l.rules_version, retired_at = now()
  from (select distinct on (message_id) message_id, rules_version
          from finding order by message_id, created_at desc, id desc) l
 where f.message_id = l.message_id and f.rules_version <> l.rules_version;

-- One current finding per (message, rule, start); retired rows are history and may repeat.
drop index finding_message_rule_span_uq;
create unique index finding_current_uq on finding (message_id, rule_id, start_offset) where retired_version is null;

-- 64-bit digest of the current hits (rule, span, match, category, severity, action); null when not
-- known yet (messages scanned before this column existed): the next rescan compares their findings.
alter table message_scan add column hits_digest bigint;

-- How many messages of a rescan had their hits changed by the new rules (the rest were confirmed as they were).
alter table rescan_job add column changed_messages bigint not null default 0;

-- The highest message id in a rescan's period when it started: the walk ends there instead of reading
-- past the period to the end of the archive.
alter table rescan_job add column last_period_message_id bigint;
