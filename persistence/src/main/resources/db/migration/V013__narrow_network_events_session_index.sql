-- Raw network events are written at tens of thousands a second and read back only when a late or
-- reordered event makes ingestion recompute its session (the stored picture in data_sessions is
-- continued otherwise). That read names the SIM and the session's start, which identify a session
-- but for the carrier's key: a key of two fixed-size columns instead of one with the key's text
-- makes every insert's index entry a third of the size and its comparisons plain integer ones; the
-- few events of one SIM that started at the same instant are told apart by their key on the row.
drop index network_events_session_ix;
create index network_events_sim_session_ix on network_events (sim_id, session_started_at);
