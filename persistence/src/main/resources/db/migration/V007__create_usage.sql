-- Network usage: raw carrier events, data sessions and hourly usage rollups.
--
-- Raw events and sessions are range-partitioned by month on their time; the rollups too. Monthly
-- partitions live in the schema wireless_partitions (so the jOOQ code generator, which reads
-- public, sees only the parents); wireless_ensure_month_partitions creates them ahead and
-- wireless_drop_month_partitions enforces retention by dropping whole months, never by DELETE.
-- There is no default partition: ingestion refuses events outside the covered window.
create schema if not exists wireless_partitions;

create function wireless_ensure_month_partitions(parent text, first_month timestamptz, months integer)
  returns integer language plpgsql as $$
declare
  m     timestamp;
  part  text;
  made  integer := 0;
begin
  for i in 0 .. months - 1 loop
    m := date_trunc('month', first_month at time zone 'UTC') + make_interval(months => i);
    part := parent || '_' || to_char(m, 'YYYYMM');
    if to_regclass('wireless_partitions.' || part) is null then
      execute format('create table wireless_partitions.%I partition of public.%I for values from (%L) to (%L)',
                     part, parent, m at time zone 'UTC', (m + interval '1 month') at time zone 'UTC');
      made := made + 1;
    end if;
  end loop;
  return made;
end $$;

-- Drops the monthly partitions of parent that end at or before cutoff; returns how many.
create function wireless_drop_month_partitions(parent text, cutoff timestamptz)
  returns integer language plpgsql as $$
declare
  part    record;
  dropped integer := 0;
begin
  for part in
    select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
     where i.inhparent = ('public.' || parent)::regclass and c.relname ~ '_[0-9]{6}$'
  loop
    if (to_timestamp(right(part.relname, 6), 'YYYYMM') at time zone 'UTC') + interval '1 month'
         <= cutoff at time zone 'UTC' then
      execute format('drop table wireless_partitions.%I', part.relname);
      dropped := dropped + 1;
    end if;
  end loop;
  return dropped;
end $$;

-- Every carrier event as received. The key makes a resent event (same id, same time) a no-op.
create table network_events (
  occurred_at        timestamptz not null,
  event_id           text not null,
  sim_id             bigint not null,
  kind               text not null,
  session_key        text not null,
  session_started_at timestamptz not null,
  bytes_up           bigint not null,
  bytes_down         bigint not null,
  packets_up         bigint not null,
  packets_down       bigint not null,
  roaming            text not null,
  country_code       text not null default '',
  details            jsonb not null default '{}',
  received_at        timestamptz not null default now(),
  constraint network_events_pk primary key (event_id, occurred_at),
  constraint network_events_kind_ck check (kind in ('session_start', 'session_update', 'session_end')),
  constraint network_events_roaming_ck check (roaming in ('home', 'national', 'international')),
  constraint network_events_counters_ck check (bytes_up >= 0 and bytes_down >= 0 and packets_up >= 0
                                               and packets_down >= 0)
) partition by range (occurred_at);
-- re-attribution at ingestion reads one session's events
create index network_events_session_ix on network_events (sim_id, session_key, occurred_at);

create sequence data_sessions_id_seq;

-- One row per carrier session, recomputed from its events under the SIM's row lock.
create table data_sessions (
  id               bigint not null default nextval('data_sessions_id_seq'),
  sid              text not null,
  sim_id           bigint not null,
  sim_sid          text not null,
  account_sid      text not null,
  session_key      text not null,
  started_at       timestamptz not null,
  ended_at         timestamptz,
  last_updated_at  timestamptz not null,
  radio_link       text,
  operator_mcc     text,
  operator_mnc     text,
  operator_country text,
  operator_name    text,
  cell_id          text,
  cell_lat         double precision,
  cell_lon         double precision,
  imei             text,
  bytes_up         bigint not null default 0,
  bytes_down       bigint not null default 0,
  packets_up       bigint not null default 0,
  packets_down     bigint not null default 0,
  constraint data_sessions_pk primary key (sim_id, session_key, started_at),
  constraint data_sessions_sid_ck check (sid ~ '^WN[0-9a-f]{32}$'),
  constraint data_sessions_end_ck check (ended_at is null or ended_at >= started_at)
) partition by range (started_at);
-- ListDataSession: newest first by id inside one SIM
create index data_sessions_sim_id_ix on data_sessions (sim_id, id desc);

-- Usage per SIM per hour, split by roaming class and (international) country. The only source
-- of UsageRecords; maintained in the ingestion transaction.
create table usage_sim_hourly (
  account_sid  text not null,
  sim_sid      text not null,
  hour         timestamptz not null,
  roaming      text not null,
  country_code text not null default '',
  data_up      bigint not null default 0,
  data_down    bigint not null default 0,
  data_billed  numeric(24, 10) not null default 0,
  cmd_to_sim   bigint not null default 0,
  cmd_from_sim bigint not null default 0,
  cmd_billed   numeric(24, 10) not null default 0,
  constraint usage_sim_hourly_pk primary key (account_sid, sim_sid, hour, roaming, country_code),
  constraint usage_sim_hourly_roaming_ck check (roaming in ('home', 'national', 'international')),
  constraint usage_sim_hourly_country_ck check ((roaming = 'international') = (country_code <> ''))
) partition by range (hour);

create table usage_account_hourly (
  account_sid  text not null,
  hour         timestamptz not null,
  roaming      text not null,
  country_code text not null default '',
  data_up      bigint not null default 0,
  data_down    bigint not null default 0,
  data_billed  numeric(24, 10) not null default 0,
  cmd_to_sim   bigint not null default 0,
  cmd_from_sim bigint not null default 0,
  cmd_billed   numeric(24, 10) not null default 0,
  -- Commands are counted one by one inside their own transactions; spreading an account's cell
  -- over a few rows (chosen by SIM) keeps concurrent Commands of one account from queueing on a
  -- single row lock. Readers always sum over shards. Ingestion batches use shard 0.
  shard        smallint not null default 0,
  constraint usage_account_hourly_pk primary key (account_sid, hour, roaming, country_code, shard),
  constraint usage_account_hourly_shard_ck check (shard between 0 and 15),
  constraint usage_account_hourly_roaming_ck check (roaming in ('home', 'national', 'international')),
  constraint usage_account_hourly_country_ck check ((roaming = 'international') = (country_code <> ''))
) partition by range (hour);

-- Rate-plan enforcement state of a SIM: this month's data per roaming class, what the carrier was
-- told, and the lifetime data and commands that move a ready SIM to active. Small, one row per SIM
-- that ever used data or sent/received a command.
create table sim_usage_state (
  sim_id              bigint primary key references sims (id) on delete cascade,
  month               timestamptz not null,
  home_bytes          bigint not null default 0,
  national_bytes      bigint not null default 0,
  international_bytes bigint not null default 0,
  lifetime_bytes      bigint not null default 0,
  lifetime_commands   bigint not null default 0,
  data_state          text not null default 'allowed',
  notified_month      timestamptz,
  updated_at          timestamptz not null default now(),
  constraint sim_usage_state_data_state_ck check (data_state in ('allowed', 'blocked', 'throttled'))
);

select wireless_ensure_month_partitions('network_events', now() - interval '2 months', 5);
select wireless_ensure_month_partitions('data_sessions', now() - interval '2 months', 5);
select wireless_ensure_month_partitions('usage_sim_hourly', now() - interval '18 months', 22);
select wireless_ensure_month_partitions('usage_account_hourly', now() - interval '18 months', 22);
