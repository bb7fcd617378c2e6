-- Accounts own every resource. Auth Tokens are never stored: only their SHA-256 hashes.
create table accounts (
  id                   bigint generated always as identity primary key,
  sid                  text not null,
  friendly_name        text,
  parent_sid           text,
  status               text not null default 'active',
  primary_token_hash   bytea not null,
  secondary_token_hash bytea,
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now(),
  constraint accounts_sid_uq unique (sid),
  constraint accounts_sid_ck check (sid ~ '^AC[0-9a-f]{32}$'),
  constraint accounts_status_ck check (status in ('active', 'suspended', 'closed')),
  constraint accounts_parent_fk foreign key (parent_sid) references accounts (sid),
  constraint accounts_not_own_parent_ck check (parent_sid is null or parent_sid <> sid)
);
create unique index accounts_primary_token_hash_uq on accounts (primary_token_hash);
create unique index accounts_secondary_token_hash_uq on accounts (secondary_token_hash)
  where secondary_token_hash is not null;

-- OAuth2 client-credentials access tokens (stored hashed, expire).
create table access_tokens (
  token_hash  bytea primary key,
  account_sid text not null references accounts (sid) on delete cascade,
  expires_at  timestamptz not null,
  created_at  timestamptz not null default now()
);
create index access_tokens_expires_at_ix on access_tokens (expires_at);
