create table rate_plans (
  id                               bigint generated always as identity primary key,
  sid                              text not null,
  account_sid                      text not null references accounts (sid),
  unique_name                      text,
  friendly_name                    text,
  data_enabled                     boolean not null,
  data_metering                    text not null,
  data_limit                       integer,
  messaging_enabled                boolean not null,
  voice_enabled                    boolean not null,
  national_roaming_enabled         boolean not null,
  national_roaming_data_limit      integer,
  international_roaming            text[] not null default '{}',
  international_roaming_data_limit integer,
  data_limit_strategy              text not null default 'block',
  usage_notification_url           text,
  usage_notification_method        text not null default 'POST',
  created_at                       timestamptz not null default now(),
  updated_at                       timestamptz not null default now(),
  constraint rate_plans_sid_uq unique (sid),
  constraint rate_plans_sid_ck check (sid ~ '^WP[0-9a-f]{32}$'),
  constraint rate_plans_unique_name_ck check (unique_name is null or (length(unique_name) between 1 and 64
                                              and unique_name !~ '^WP[0-9a-fA-F]{32}$')),
  constraint rate_plans_data_metering_ck check (data_metering in ('payg', 'quota-1', 'quota-10', 'quota-50')),
  constraint rate_plans_data_limit_strategy_ck check (data_limit_strategy in ('block', 'throttle')),
  constraint rate_plans_usage_notification_method_ck check (usage_notification_method in ('GET', 'POST')),
  constraint rate_plans_limits_ck check (coalesce(data_limit, 0) >= 0
                                         and coalesce(national_roaming_data_limit, 0) >= 0
                                         and coalesce(international_roaming_data_limit, 0) >= 0)
);
create unique index rate_plans_account_unique_name_uq on rate_plans (account_sid, unique_name)
  where unique_name is not null;
-- keyset pages: one index range scan per page whatever the depth
create index rate_plans_account_id_ix on rate_plans (account_sid, id);
