#!/usr/bin/env python3
"""Network ingestion throughput: posts batches of session events for the bench SIMs to
POST /network/v1/Events from several client processes for a fixed time, and prints events/s
and the latency of a batch (p50, p99).
Each batch carries whole sessions (start, update, end) on distinct SIMs with new event ids, so
every event is new work: stored, attributed, rolled up and checked against the SIM's plan.

The client must not be what is measured: every process renders its request bodies before the
timed part starts (sized for BENCH_INGEST_MAX_RATE events/s, default 120,000; should it run out it
renders more on the fly and says so) and posts them over one keep-alive connection. A mediation
system shards its feed by SIM, and so does this client: each process sends the sessions of its
own share of the SIMs (BENCH_INGEST_SHARED_SIMS=1 lets every process pick from all SIMs, so that
concurrent batches contend for the same SIM locks).

usage: ingest.py BASE OPERATOR_TOKEN ICCID_FILE SECONDS PROCESSES BATCH
"""
import http.client, json, multiprocessing, os, sys, time, urllib.parse, uuid
from datetime import datetime, timedelta, timezone

EVENT = ('{{"type":"{kind}","event_id":"{id}","iccid":"{iccid}","session_id":"{session}",'
         '"session_start":"{start}","time":"{time}","bytes_uploaded":{up},"bytes_downloaded":{down},'
         '"roaming":"home","radio_link":"LTE","operator_mcc":"310","operator_mnc":"260"}}')


def render(iccids, batch, first_sim):
    """One batch body: whole sessions on consecutive SIMs of this process's share."""
    now = datetime.now(timezone.utc)
    start = (now - timedelta(minutes=30)).isoformat()
    times = [(now - timedelta(minutes=m)).isoformat() for m in (30, 15, 1)]
    events, sim = [], first_sim
    while len(events) < batch:
        iccid = iccids[sim % len(iccids)]
        sim += 1
        session = uuid.uuid4().hex
        for (kind, up, down), at in zip((("session_start", 0, 0), ("session_update", 2000, 9000),
                                         ("session_end", 5000, 21000)), times):
            events.append(EVENT.format(kind=kind, id=uuid.uuid4().hex, iccid=iccid, session=session, start=start,
                                       time=at, up=up, down=down))
    return ('{"events":[' + ",".join(events[:batch]) + "]}").encode(), sim


def worker(index, args, ready, go, results):
    base, token, iccids, seconds, processes, batch, bodies_needed = args
    share = iccids if os.environ.get("BENCH_INGEST_SHARED_SIMS") == "1" else iccids[index::processes]
    sim = index * 7919 % len(share) if share is iccids else 0
    bodies = []
    for _ in range(bodies_needed):
        body, sim = render(share, batch, sim)
        bodies.append(body)
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    totals = {"events": 0, "accepted": 0, "rejected": 0, "batches": 0, "errors": 0, "rendered_in_timed_part": 0}
    latencies = []  # seconds from sending a batch to its answer (its transaction committed durably)
    ready.put(index)
    go.wait()
    cpu = time.process_time()
    deadline = time.time() + seconds
    while time.time() < deadline:
        if bodies:
            body = bodies.pop()
        else:
            body, sim = render(share, batch, sim)
            totals["rendered_in_timed_part"] += 1
        try:
            sent = time.time()
            connection.request("POST", "/network/v1/Events", body=body, headers=headers)
            response = connection.getresponse()
            answer = response.read()
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status}: {answer[:200]!r}")
            answer = json.loads(answer)
            latencies.append(time.time() - sent)
            totals["batches"] += 1
            totals["events"] += batch
            totals["accepted"] += answer.get("accepted", 0)
            totals["rejected"] += answer.get("rejected", 0)
        except Exception as e:
            totals["errors"] += 1
            connection.close()
            connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    totals["client_cpu_seconds"] = round(time.process_time() - cpu, 2)
    results.put((totals, latencies))


def main():
    base, token, iccid_file = sys.argv[1], sys.argv[2], sys.argv[3]
    seconds, processes, batch = float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
    iccids = [l.strip() for l in open(iccid_file) if l.strip()]
    max_rate = float(os.environ.get("BENCH_INGEST_MAX_RATE", "120000"))
    bodies_needed = int(max_rate * seconds / processes / batch) + 1
    ready, results, go = multiprocessing.Queue(), multiprocessing.Queue(), multiprocessing.Event()
    args = (base, token, iccids, seconds, processes, batch, bodies_needed)
    workers = [multiprocessing.Process(target=worker, args=(i, args, ready, go, results)) for i in range(processes)]
    for w in workers:
        w.start()
    for _ in workers:
        ready.get()
    started = time.time()
    go.set()
    totals, latencies = {}, []
    for _ in workers:
        counts, times = results.get()
        latencies += times
        for k, v in counts.items():
            totals[k] = totals.get(k, 0) + v
    elapsed = time.time() - started
    for w in workers:
        w.join()
    latencies.sort()
    def percentile(q):
        return round(1000 * latencies[min(len(latencies) - 1, int(q * len(latencies)))], 1) if latencies else None
    print(json.dumps({"events_per_second": round(totals["accepted"] / elapsed, 1), "elapsed": round(elapsed, 1),
                      **totals, "batch_p50_ms": percentile(0.5), "batch_p99_ms": percentile(0.99)}))


if __name__ == "__main__":
    main()
