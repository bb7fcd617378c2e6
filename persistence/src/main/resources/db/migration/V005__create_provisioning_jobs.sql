-- Asynchronous SIM provisioning: a status change or connectivity reset is accepted (202) and a job
-- is written in the same transaction as the SIM's 'updating'/'resetting' mark. Workers claim jobs
-- with FOR UPDATE SKIP LOCKED and a lease; completion is guarded by state = 'running' and the
-- claiming worker. Timed transitions (deactivated -> canceled, ready -> active) are jobs whose
-- run_at lies in the future: the database is the scheduler.
create table provisioning_jobs (
  id              bigint generated always as identity primary key,
  sim_id          bigint not null references sims (id) on delete cascade,
  account_sid     text not null,
  kind            text not null,
  origin          text not null,
  target_status   text,
  restore_status  text,
  callback_url    text,
  callback_method text not null default 'POST',
  state           text not null default 'queued',
  run_at          timestamptz not null default now(),
  attempts        integer not null default 0,
  max_attempts    integer not null default 10,
  locked_by       text,
  locked_until    timestamptz,
  last_error      text,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  finished_at     timestamptz,
  constraint provisioning_jobs_kind_ck check (kind in ('status', 'reset')),
  constraint provisioning_jobs_origin_ck check (origin in ('request', 'follow_up', 'timer')),
  constraint provisioning_jobs_state_ck check (state in ('queued', 'running', 'completed', 'failed', 'canceled')),
  constraint provisioning_jobs_target_ck check ((kind = 'status') = (target_status is not null)),
  constraint provisioning_jobs_target_status_ck check (target_status is null
      or target_status in ('ready', 'active', 'suspended', 'deactivated', 'canceled')),
  constraint provisioning_jobs_callback_method_ck check (callback_method in ('GET', 'POST')),
  constraint provisioning_jobs_lease_ck check ((state = 'running') = (locked_until is not null)),
  constraint provisioning_jobs_finished_ck check ((state in ('completed', 'failed', 'canceled'))
      = (finished_at is not null))
);
-- the claim query: due work in run_at order
create index provisioning_jobs_due_ix on provisioning_jobs (run_at, id) where state in ('queued', 'running');
-- at most one live (non-timer) job per SIM: a second concurrent change is a conflict (33010)
create unique index provisioning_jobs_one_live_per_sim_uq on provisioning_jobs (sim_id)
  where state in ('queued', 'running') and origin <> 'timer';
create index provisioning_jobs_sim_ix on provisioning_jobs (sim_id);

-- List filters (ListSim): each is an index range inside the account's keyset order.
create index sims_account_status_id_ix on sims (account_sid, status, id);
create index sims_account_rate_plan_id_ix on sims (account_sid, rate_plan_id, id);
create index sims_account_eid_ix on sims (account_sid, eid) where eid is not null;
create index sims_account_registration_code_ix on sims (account_sid, registration_code)
  where registration_code is not null;
