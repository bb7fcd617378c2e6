-- The carrier's delivery report for a sent Command, held durably: stage 'report' is a job due when
-- the report arrives, carrying its outcome (delivered, or the network's error). It is written in
-- the transaction that records the Command 'sent', and a worker applies it, retrying until it is
-- applied, so a database outage or a node stopping between "sent" and the report loses nothing:
-- any node claims it (lease, FOR UPDATE SKIP LOCKED) like every other command job.
alter table command_jobs
  add column report_delivered     boolean,
  add column report_error_code    integer,
  add column report_error_message text;
alter table command_jobs drop constraint command_jobs_stage_ck;
alter table command_jobs add constraint command_jobs_stage_ck check (stage in ('send', 'receipt', 'report'));
alter table command_jobs add constraint command_jobs_report_ck check ((stage = 'report') = (report_delivered is not null));
