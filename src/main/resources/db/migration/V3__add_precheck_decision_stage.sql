-- A pre-send check runs while the advisor types (stage 'typing', from the sidebar) and once more when
-- the message is sent ('send'). Both are kept as evidence; reviewers tell drafts from send attempts.
alter table precheck_decision
    add column stage text not null default 'send' check (stage in ('typing', 'send'));
create index precheck_decision_stage_idx on precheck_decision (principal, stage, decided_at desc);
