-- Commands: machine-to-machine SMS to a SIM (to_sim) and from it (from_sim). The row's status is
-- the truth; command_jobs only says when a worker must look at a command again (send it, or give
-- up waiting for its delivery receipt). Every change of a command's status happens under its row
-- lock, guarded by the status it expects, so a receipt and a timeout cannot both win.
create table commands (
  id                         bigint generated always as identity primary key,
  sid                        text not null,
  account_sid                text not null references accounts (sid),
  sim_sid                    text not null,
  command                    text not null,
  payload                    text not null,
  command_mode               text not null default 'text',
  transport                  text not null default 'sms',
  delivery_receipt_requested boolean not null default true,
  status                     text not null,
  direction                  text not null,
  callback_url               text,
  callback_method            text not null default 'POST',
  error_code                 integer,
  error_message              text,
  -- the network event an MO command came from: a resent event stores nothing new
  source_event_id            text,
  created_at                 timestamptz not null default now(),
  updated_at                 timestamptz not null default now(),
  constraint commands_sid_uq unique (sid),
  constraint commands_source_event_uq unique (source_event_id),
  constraint commands_sid_ck check (sid ~ '^DC[0-9a-f]{32}$'),
  constraint commands_sim_sid_ck check (sim_sid ~ '^DE[0-9a-f]{32}$'),
  constraint commands_mode_ck check (command_mode in ('text', 'binary')),
  constraint commands_transport_ck check (transport in ('sms', 'ip')),
  constraint commands_status_ck check (status in ('queued', 'sent', 'delivered', 'received', 'failed')),
  constraint commands_direction_ck check (direction in ('to_sim', 'from_sim')),
  constraint commands_received_ck check ((direction = 'from_sim') = (status = 'received')),
  constraint commands_callback_method_ck check (callback_method in ('GET', 'POST')),
  constraint commands_error_ck check ((status = 'failed') = (error_code is not null))
);
-- keyset pages per account, and each filter as a range inside that order
create index commands_account_id_ix on commands (account_sid, id);
create index commands_account_sim_id_ix on commands (account_sid, sim_sid, id);
create index commands_account_status_id_ix on commands (account_sid, status, id);
-- the 100-queued-per-SIM rule (33118)
create index commands_queued_sim_ix on commands (sim_sid) where status = 'queued';
-- retention purge
create index commands_created_at_ix on commands (created_at);

-- When a worker must act on a command: stage 'send' (hand it to the carrier) or 'receipt' (the
-- receipt wait is over: fail the command if it is still only 'sent'). Claimed with
-- FOR UPDATE SKIP LOCKED and a lease, like provisioning_jobs.
create table command_jobs (
  id           bigint generated always as identity primary key,
  command_id   bigint not null references commands (id) on delete cascade,
  stage        text not null,
  state        text not null default 'queued',
  run_at       timestamptz not null default now(),
  attempts     integer not null default 0,
  max_attempts integer not null default 8,
  locked_by    text,
  locked_until timestamptz,
  last_error   text,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  finished_at  timestamptz,
  constraint command_jobs_stage_ck check (stage in ('send', 'receipt')),
  constraint command_jobs_state_ck check (state in ('queued', 'running', 'completed', 'failed', 'canceled')),
  constraint command_jobs_lease_ck check ((state = 'running') = (locked_until is not null)),
  constraint command_jobs_finished_ck check ((state in ('completed', 'failed', 'canceled'))
      = (finished_at is not null))
);
create index command_jobs_due_ix on command_jobs (run_at, id) where state in ('queued', 'running');
create index command_jobs_command_ix on command_jobs (command_id);
