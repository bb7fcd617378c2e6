-- Raw network events are written at tens of thousands a second and read back only when a late or
-- reordered event makes ingestion recompute its session (the stored picture in data_sessions is
-- continued otherwise). That read names the SIM and the session's start, which identify a session
-- but for the carrier's key: a key of two fixed-size columns instead of one with the key's text
-- makes every insert's index entry a third of the size and its comparisons plain integer ones; the
-- few events of one SIM that started at the same instant are told apart by their key on the row.
drop index network_events_session_ix;
create index network_events_sim_session_ix on network_events (sim_id, session_started_at);

-- Ingestion batches, like Commands, now add to the account rollups on a shard leased to one
-- transaction at a time (not always shard 0), so that batches of one account never queue on the
-- same rows' locks until each other's commits; readers sum over shards as before.
comment on column usage_account_hourly.shard is
  'spreads an account cell over rows: each Command or ingestion batch adds to a shard its node leases to it';
comment on column usage_account_daily.shard is
  'as usage_account_hourly.shard';
