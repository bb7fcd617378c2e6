-- SIMs are loaded by an operator (inventory import), never created through the public API.
create table sims (
  id                       bigint generated always as identity primary key,
  sid                      text not null,
  account_sid              text not null references accounts (sid),
  rate_plan_id             bigint references rate_plans (id),
  unique_name              text,
  friendly_name            text,
  iccid                    text not null,
  eid                      text,
  registration_code        text,
  status                   text not null default 'new',
  reset_status             text,
  commands_callback_url    text,
  commands_callback_method text not null default 'POST',
  sms_url                  text,
  sms_method               text not null default 'POST',
  sms_fallback_url         text,
  sms_fallback_method      text not null default 'POST',
  voice_url                text,
  voice_method             text not null default 'POST',
  voice_fallback_url       text,
  voice_fallback_method    text not null default 'POST',
  ip_address               text,
  created_at               timestamptz not null default now(),
  updated_at               timestamptz not null default now(),
  constraint sims_sid_uq unique (sid),
  constraint sims_iccid_uq unique (iccid),
  constraint sims_sid_ck check (sid ~ '^DE[0-9a-f]{32}$'),
  constraint sims_iccid_ck check (iccid ~ '^[0-9]{19,20}$'),
  constraint sims_status_ck check (status in ('new', 'ready', 'active', 'suspended', 'deactivated',
                                              'canceled', 'scheduled', 'updating')),
  constraint sims_reset_status_ck check (reset_status is null or reset_status = 'resetting'),
  constraint sims_unique_name_ck check (unique_name is null or (length(unique_name) between 1 and 64
                                        and unique_name !~ '^DE[0-9a-fA-F]{32}$'))
);
create unique index sims_account_unique_name_uq on sims (account_sid, unique_name) where unique_name is not null;
create index sims_account_id_ix on sims (account_sid, id);
create index sims_rate_plan_id_ix on sims (rate_plan_id);
