-- Usage per account per UTC day: the account's hourly rollup summed by day, written in the same
-- statements as the hourly rows. Account UsageRecords over weeks or months read whole days from
-- here (24 times fewer rows) and only the partial first and last day from the hourly rollup.
-- Same split, shards and monthly partitions as usage_account_hourly.
create table usage_account_daily (
  account_sid  text not null,
  day          timestamptz not null,
  roaming      text not null,
  country_code text not null default '',
  shard        smallint not null default 0,
  data_up      bigint not null default 0,
  data_down    bigint not null default 0,
  data_billed  numeric(24, 10) not null default 0,
  cmd_to_sim   bigint not null default 0,
  cmd_from_sim bigint not null default 0,
  cmd_billed   numeric(24, 10) not null default 0,
  constraint usage_account_daily_pk primary key (account_sid, day, roaming, country_code, shard),
  constraint usage_account_daily_day_ck check (day = date_trunc('day', day, 'UTC')),
  constraint usage_account_daily_shard_ck check (shard between 0 and 15),
  constraint usage_account_daily_roaming_ck check (roaming in ('home', 'national', 'international')),
  constraint usage_account_daily_country_ck check ((roaming = 'international') = (country_code <> ''))
) partition by range (day);

-- partitions for every month the hourly rollup holds, and the months ahead it has
do $$
declare
  first_month timestamptz := least(now() - interval '18 months',
                                   coalesce((select min(hour) from usage_account_hourly), now()));
begin
  perform wireless_ensure_month_partitions('usage_account_daily', first_month,
    (extract(year from age(now() + interval '4 months', date_trunc('month', first_month at time zone 'UTC')))
       * 12
     + extract(month from age(now() + interval '4 months', date_trunc('month', first_month at time zone 'UTC')))
     + 1)::integer);
end $$;

insert into usage_account_daily (account_sid, day, roaming, country_code, shard, data_up, data_down, data_billed,
                                 cmd_to_sim, cmd_from_sim, cmd_billed)
select account_sid, date_trunc('day', hour, 'UTC'), roaming, country_code, shard, sum(data_up), sum(data_down),
       sum(data_billed), sum(cmd_to_sim), sum(cmd_from_sim), sum(cmd_billed)
  from usage_account_hourly
 group by account_sid, date_trunc('day', hour, 'UTC'), roaming, country_code, shard;
