-- When a SIM first became active: its metering period begins on this day each month (the data
-- limits and usage notifications count from it). Null for a SIM never activated, which is metered
-- by calendar month in UTC.
alter table sims add column activated_at timestamptz;

-- Where the SIM was on the network during a session (roaming class and visited country of the
-- session's latest event): the SIM's latest session tells whether it is roaming now, which decides
-- whether it may exchange Commands abroad and in which roaming class a Command is counted.
alter table data_sessions add column roaming text not null default 'home';
alter table data_sessions add column country_code text not null default '';
alter table data_sessions add constraint data_sessions_roaming_ck
  check (roaming in ('home', 'national', 'international'));

comment on column sim_usage_state.month is
  'start of the metering period the counters belong to (the SIM''s activation day, or the calendar month)';
