-- Idempotency-Key on POST: the first request with a key reserves it, its reply is kept for 24 h and
-- returned to every retry with the same key and the same request; another request reusing the key
-- is refused.
create table idempotency_keys (
  account_sid     text not null references accounts (sid),
  key             text not null,
  request_hash    bytea not null,
  state           text not null default 'running',
  response_status integer,
  response_body   text,
  created_at      timestamptz not null default now(),
  expires_at      timestamptz not null,
  primary key (account_sid, key),
  constraint idempotency_keys_key_ck check (length(key) between 1 and 255),
  constraint idempotency_keys_state_ck check (state in ('running', 'done')),
  constraint idempotency_keys_response_ck check ((state = 'done') = (response_status is not null))
);
create index idempotency_keys_expires_at_ix on idempotency_keys (expires_at);
