-- The callback outbox, owned by the callbacks module (see callbacks/README.md for the state diagram).
--
-- Producers insert a delivery inside the transaction that makes the state change it reports, so a
-- callback exists iff that change committed. Dispatchers claim due rows with
-- FOR UPDATE SKIP LOCKED and a lease; every attempt is written to callback_attempts; a delivery
-- that exhausts its attempts ends 'failed' together with a Debugger alert.
create table callback_deliveries (
  id                bigint generated always as identity primary key,
  idempotency_token text not null,
  account_sid       text not null references accounts (sid),
  resource_sid      text not null,
  kind              text not null,
  url               text not null,
  method            text not null,
  -- the exact application/x-www-form-urlencoded bytes; for GET they are the query string added to url
  body              text not null default '',
  state             text not null default 'pending',
  -- a redelivery starts a new series; attempt_count counts attempts within the current series
  series            integer not null default 1,
  attempt_count     integer not null default 0,
  max_attempts      integer not null,
  next_attempt_at   timestamptz not null default now(),
  lease_expires_at  timestamptz,
  lease_owner       text,
  -- when the current (or last) attempt was claimed; a rescued attempt is dated from it
  attempted_at      timestamptz,
  created_at        timestamptz not null default now(),
  delivered_at      timestamptz,
  last_error        text,
  constraint callback_deliveries_token_uq unique (idempotency_token),
  constraint callback_deliveries_token_ck check (idempotency_token ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
  constraint callback_deliveries_state_ck check (state in ('pending', 'running', 'delivered', 'failed', 'cancelled')),
  constraint callback_deliveries_method_ck check (method in ('GET', 'POST')),
  constraint callback_deliveries_kind_ck check (kind ~ '^[a-z]+(\.[a-z_]+)+$'),
  constraint callback_deliveries_url_ck check (url ~* '^https?://' and length(url) <= 2048),
  constraint callback_deliveries_attempts_ck check (series >= 1 and max_attempts >= 1
                                                    and attempt_count between 0 and max_attempts),
  -- a lease exists exactly while a dispatcher holds the row
  constraint callback_deliveries_lease_ck check ((state = 'running') = (lease_owner is not null)
                                                 and (state = 'running') = (lease_expires_at is not null)),
  constraint callback_deliveries_delivered_ck check ((state = 'delivered') = (delivered_at is not null))
);
-- claiming: due pending rows in next_attempt_at order
create index callback_deliveries_claim_ix on callback_deliveries (state, next_attempt_at);
-- rescuing: running rows whose lease has expired
create index callback_deliveries_lease_ix on callback_deliveries (lease_expires_at) where state = 'running';
create index callback_deliveries_account_resource_ix on callback_deliveries (account_sid, resource_sid);

-- Wakes listening dispatchers when work becomes due now: on every insert (once per statement) and
-- when a row goes back to pending for an immediate attempt (redelivery, hand-back, zero-delay retry).
-- NOTIFY is transactional: it is delivered on commit, and not at all on rollback.
create function callback_deliveries_notify() returns trigger
  language plpgsql as $$
begin
  perform pg_notify('callback_deliveries', '');
  return null;
end
$$;
create trigger callback_deliveries_inserted_tg
  after insert on callback_deliveries
  for each statement execute function callback_deliveries_notify();
create trigger callback_deliveries_due_tg
  after update of state on callback_deliveries
  for each row when (new.state = 'pending' and old.state <> 'pending' and new.next_attempt_at <= now())
  execute function callback_deliveries_notify();

-- Every attempt of every delivery: what happened, how long it took, what the receiver answered.
create table callback_attempts (
  id             bigint generated always as identity primary key,
  delivery_id    bigint not null references callback_deliveries (id) on delete cascade,
  series         integer not null,
  attempt_number integer not null,
  dispatcher     text not null,
  request_url    text not null,
  started_at     timestamptz not null,
  duration_ms    integer not null,
  http_status    integer,
  response_body  text,
  error          text,
  constraint callback_attempts_number_ck check (series >= 1 and attempt_number >= 1),
  constraint callback_attempts_duration_ck check (duration_ms >= 0),
  constraint callback_attempts_http_status_ck check (http_status is null or http_status between 100 and 599),
  constraint callback_attempts_response_body_ck check (response_body is null or char_length(response_body) <= 1024),
  constraint callback_attempts_outcome_ck check (http_status is not null or error is not null)
);
create index callback_attempts_delivery_ix on callback_attempts (delivery_id, id);

-- The account's Debugger.
create table alerts (
  id                   bigint generated always as identity primary key,
  sid                  text not null,
  account_sid          text not null references accounts (sid),
  resource_sid         text,
  error_code           integer not null,
  log_level            text not null,
  alert_text           text not null,
  request_url          text,
  request_method       text,
  request_variables    text,
  response_status_code integer,
  response_body        text,
  delivery_id          bigint references callback_deliveries (id) on delete set null,
  created_at           timestamptz not null default now(),
  constraint alerts_sid_uq unique (sid),
  constraint alerts_sid_ck check (sid ~ '^NO[0-9a-f]{32}$'),
  constraint alerts_log_level_ck check (log_level in ('error', 'warning', 'notice', 'debug')),
  constraint alerts_request_method_ck check (request_method is null or request_method in ('GET', 'POST')),
  constraint alerts_response_status_code_ck check (response_status_code is null
                                                   or response_status_code between 100 and 599),
  constraint alerts_response_body_ck check (response_body is null or char_length(response_body) <= 1024)
);
-- keyset pages per account
create index alerts_account_id_ix on alerts (account_sid, id);
create index alerts_delivery_ix on alerts (delivery_id) where delivery_id is not null;

-- KORE-style webhook secrets: kore-signature is computed with the account's active secret.
-- The secret is kept in clear because signing needs it; the API shows it once, at creation.
create table webhook_secrets (
  id          text primary key,
  account_sid text not null references accounts (sid),
  name        text not null,
  secret      text not null,
  status      text not null default 'pending',
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  constraint webhook_secrets_id_ck check (id ~ '^whs_[0-9a-z]{26}$'),
  constraint webhook_secrets_name_ck check (length(name) between 1 and 64),
  constraint webhook_secrets_secret_ck check (length(secret) >= 16),
  constraint webhook_secrets_status_ck check (status in ('active', 'pending'))
);
create unique index webhook_secrets_one_active_uq on webhook_secrets (account_sid) where status = 'active';
create index webhook_secrets_account_ix on webhook_secrets (account_sid, created_at);

-- The key for X-Twilio-Signature. Auth Tokens are stored only as hashes (V001), so the api-server
-- writes the clear token here when it creates or rotates an account's primary Auth Token.
create table account_signing_keys (
  account_sid text primary key references accounts (sid) on delete cascade,
  signing_key text not null,
  updated_at  timestamptz not null default now(),
  constraint account_signing_keys_key_ck check (length(signing_key) >= 1)
);
