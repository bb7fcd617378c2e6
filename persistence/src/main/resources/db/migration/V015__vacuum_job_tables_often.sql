-- The job tables and the callback outbox churn: every row is inserted, claimed and ended within
-- seconds, and each claim and each end changes `state`, a column of the claim's index (its key, or
-- its partial predicate), so every change leaves a dead entry there. A claim reads that index from
-- its oldest end and steps over every dead entry until a vacuum removes them; with Postgres'
-- defaults (a vacuum once a fifth of the table is dead, throttled by the cost delay) a busy job
-- table is vacuumed rarely and slowly, and a claim costs more the longer since the last one.
-- These three are vacuumed after a thousand dead rows, unthrottled. The autovacuum launcher looks
-- at the tables every `autovacuum_naptime` (a minute by default; the embedded Postgres uses 5 s,
-- and docs/deployment.md recommends it for an external one).
alter table command_jobs set (autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0,
  autovacuum_vacuum_cost_delay = 0);
alter table provisioning_jobs set (autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0,
  autovacuum_vacuum_cost_delay = 0);
alter table callback_deliveries set (autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0,
  autovacuum_vacuum_cost_delay = 0);
