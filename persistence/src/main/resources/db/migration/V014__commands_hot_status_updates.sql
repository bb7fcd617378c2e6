-- A Command's status changes two or three times in its life (queued -> sent -> delivered or
-- failed). While any index covers `status` (as a key or in a partial index's predicate), Postgres
-- must write a new entry into every index of the table for each change (a non-HOT update); with
-- no index on the changing columns (status, error_code, error_message, updated_at) and room left
-- on the page, the new row version goes beside the old one and no index is touched (HOT).
--
-- What each remaining index is for:
--   commands_pkey (id)                    workers and receipts reach a Command by id; keyset order
--   commands_sid_uq (sid)                 fetch/delete by SID, carrier receipts by SID
--   commands_source_event_uq              a resent network event stores its from_sim Command once
--   commands_account_id_ix                the account's list, in id order (also with the Status,
--                                         Direction and Transport filters, checked on the rows)
--   commands_sim_id_ix (sim_sid, id)      the list filtered by Sim, and the count of a SIM's
--                                         queued Commands for the 100-per-SIM rule (33118)
--   commands_created_at_ix                the retention purge, oldest first
-- Dropped: commands_account_status_id_ix and commands_queued_sim_ix (both on status), and
-- commands_account_sim_id_ix (a SIM SID belongs to one account: (sim_sid, id) serves its list).
drop index commands_account_status_id_ix;
drop index commands_queued_sim_ix;
drop index commands_account_sim_id_ix;
create index commands_sim_id_ix on commands (sim_sid, id);
-- a fifth of every page free for the new versions of its rows' status changes
alter table commands set (fillfactor = 80);
