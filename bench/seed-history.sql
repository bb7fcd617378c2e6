-- The benchmark fleet's history, written straight into the tables the API reads (the ingestion
-- path is measured on its own). Run by bench/seed in three phases (psql variable `phase`):
--   prepare  the monthly partitions the history needs;
--   sims     for the account's SIMs with lo <= id <= hi: usage in two hours of each of the last 90
--            days (mostly home, some national and international roaming), one data session a day
--            for the last 30 days, and 10 Commands per SIM;
--   account  the account's hourly and daily rollups as the exact sums of its SIM rollups, then ANALYZE.
-- psql variables: account (the account SID), lo, hi, phase (the phase flags are named in_* so that
-- \gset does not overwrite `account`).
\set ON_ERROR_STOP on
select :'phase' = 'prepare' as in_prepare, :'phase' = 'sims' as in_sims, :'phase' = 'account' as in_account \gset

\if :in_prepare
select wireless_ensure_month_partitions('usage_sim_hourly', now() - interval '4 months', 5);
select wireless_ensure_month_partitions('usage_account_hourly', now() - interval '4 months', 5);
select wireless_ensure_month_partitions('usage_account_daily', now() - interval '4 months', 5);
select wireless_ensure_month_partitions('data_sessions', now() - interval '2 months', 3);
\endif

\if :in_sims
insert into usage_sim_hourly (account_sid, sim_sid, hour, roaming, country_code, data_up, data_down, data_billed,
                              cmd_to_sim, cmd_from_sim, cmd_billed)
select :'account', s.sid, h.hour, r.roaming, r.country, r.up, r.down, (r.up + r.down) * 0.0000001, 1, 1, 0.01
  from sims s
 cross join generate_series(1, 90) as d(day)
 cross join lateral (values (date_trunc('hour', now()) - make_interval(days => d.day, hours => (s.id % 12)::int)),
                            (date_trunc('hour', now()) - make_interval(days => d.day, hours => 12 + (s.id % 12)::int)))
       as h(hour)
 cross join lateral (select case when (s.id + d.day) % 10 = 0 then 'international'
                                 when (s.id + d.day) % 10 = 1 then 'national' else 'home' end as roaming,
                            case when (s.id + d.day) % 10 = 0 then 'DE' else '' end as country,
                            1000 + (s.id * 7 + d.day * 13) % 50000 as up,
                            4000 + (s.id * 11 + d.day * 17) % 200000 as down) r
 where s.account_sid = :'account' and s.id between :lo and :hi
on conflict do nothing;

insert into data_sessions (sid, sim_id, sim_sid, account_sid, session_key, started_at, ended_at, last_updated_at,
                           radio_link, operator_mcc, operator_mnc, operator_country, operator_name, cell_id,
                           cell_lat, cell_lon, imei, bytes_up, bytes_down, packets_up, packets_down)
select 'WN' || md5(s.sid || d.day), s.id, s.sid, :'account', 'bench-' || d.day,
       now() - make_interval(days => d.day, hours => 3), now() - make_interval(days => d.day, hours => 2),
       now() - make_interval(days => d.day, hours => 2), 'LTE', '310', '260', 'US', 'T-Mobile USA',
       '310-260-' || (s.id % 5000), 47.6, -122.3, '35693803564380' || (s.id % 10),
       10000, 40000, 100, 300
  from sims s
 cross join generate_series(1, 30) as d(day)
 where s.account_sid = :'account' and s.id between :lo and :hi
on conflict do nothing;

insert into commands (sid, account_sid, sim_sid, command, payload, status, direction, created_at, updated_at)
select 'DC' || md5(s.sid || n.n), :'account', s.sid, 'reading ' || n.n, 'reading ' || n.n,
       case when n.n % 2 = 0 then 'delivered' else 'received' end,
       case when n.n % 2 = 0 then 'to_sim' else 'from_sim' end,
       now() - make_interval(hours => n.n), now() - make_interval(hours => n.n)
  from sims s
 cross join generate_series(1, 10) as n(n)
 where s.account_sid = :'account' and s.id between :lo and :hi
on conflict do nothing;
\endif

\if :in_account
insert into usage_account_hourly (account_sid, hour, roaming, country_code, data_up, data_down, data_billed,
                                  cmd_to_sim, cmd_from_sim, cmd_billed)
select account_sid, hour, roaming, country_code, sum(data_up), sum(data_down), sum(data_billed),
       sum(cmd_to_sim), sum(cmd_from_sim), sum(cmd_billed)
  from usage_sim_hourly
 where account_sid = :'account'
 group by account_sid, hour, roaming, country_code
on conflict (account_sid, hour, roaming, country_code, shard) do update
   set data_up = excluded.data_up, data_down = excluded.data_down, data_billed = excluded.data_billed,
       cmd_to_sim = excluded.cmd_to_sim, cmd_from_sim = excluded.cmd_from_sim, cmd_billed = excluded.cmd_billed;

insert into usage_account_daily (account_sid, day, roaming, country_code, shard, data_up, data_down, data_billed,
                                 cmd_to_sim, cmd_from_sim, cmd_billed)
select account_sid, date_trunc('day', hour, 'UTC'), roaming, country_code, shard, sum(data_up), sum(data_down),
       sum(data_billed), sum(cmd_to_sim), sum(cmd_from_sim), sum(cmd_billed)
  from usage_account_hourly
 where account_sid = :'account'
 group by account_sid, date_trunc('day', hour, 'UTC'), roaming, country_code, shard
on conflict (account_sid, day, roaming, country_code, shard) do update
   set data_up = excluded.data_up, data_down = excluded.data_down, data_billed = excluded.data_billed,
       cmd_to_sim = excluded.cmd_to_sim, cmd_from_sim = excluded.cmd_from_sim, cmd_billed = excluded.cmd_billed;

analyze;
\endif
