-- The callback dispatcher's capacity: a backlog of :n pending Command status callbacks for the
-- bench account, to the local receiver (:url), put straight into the outbox in one statement (its
-- trigger NOTIFYs the dispatchers at commit, as for callbacks the API writes). Each is signed, sent,
-- answered and recorded like any other; bench/run times how long the backlog takes to drain.
-- psql variables: account, url, n.
\set ON_ERROR_STOP on
insert into callback_deliveries (idempotency_token, account_sid, resource_sid, kind, url, method, body, max_attempts)
select gen_random_uuid()::text, :'account', 'DC' || md5('backlog' || n), 'command.status', :'url', 'POST',
       'CommandSid=DC' || md5('backlog' || n) || '&AccountSid=' || :'account' || '&SimSid=DE' || md5((n % 1000)::text)
       || '&SimUniqueName=bench-' || (n % 1000) || '&Command=ping&CommandMode=text&Status=sent&Direction=to_sim'
       || '&Transport=sms&DateCreated=2026-12-01T00%3A00%3A00Z&DateUpdated=2026-12-01T00%3A00%3A00Z', 7
  from generate_series(1, :n) as g(n);
