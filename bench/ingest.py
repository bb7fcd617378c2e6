#!/usr/bin/env python3
"""Network ingestion throughput: posts batches of session events for the bench SIMs to
POST /network/v1/Events from several client threads for a fixed time, and prints events/s.
Each batch carries whole sessions (start, update, end) on distinct SIMs, so every event is new
work: stored, attributed, rolled up and checked against the SIM's plan.

usage: ingest.py BASE OPERATOR_TOKEN ICCID_FILE SECONDS THREADS BATCH
"""
import json, sys, threading, time, urllib.request, uuid
from datetime import datetime, timedelta, timezone

base, token, iccid_file, seconds, threads, batch = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
iccids = [l.strip() for l in open(iccid_file) if l.strip()]
lock = threading.Lock()
totals = {"events": 0, "accepted": 0, "rejected": 0, "batches": 0, "errors": 0}
deadline = time.time() + seconds

def batch_body(worker, n):
    now = datetime.now(timezone.utc)
    events = []
    while len(events) < batch:
        iccid = iccids[(worker * 7919 + n * 104729 + len(events)) % len(iccids)]
        session = uuid.uuid4().hex
        start = (now - timedelta(minutes=30)).isoformat()
        for kind, minutes, up, down in (("session_start", 30, 0, 0), ("session_update", 15, 2000, 9000),
                                        ("session_end", 1, 5000, 21000)):
            events.append({"type": kind, "event_id": uuid.uuid4().hex, "iccid": iccid, "session_id": session,
                           "session_start": start, "time": (now - timedelta(minutes=minutes)).isoformat(),
                           "bytes_uploaded": up, "bytes_downloaded": down, "roaming": "home",
                           "radio_link": "LTE", "operator_mcc": "310", "operator_mnc": "260"})
    return json.dumps({"events": events[:batch]}).encode()

def worker(i):
    n = 0
    while time.time() < deadline:
        body = batch_body(i, n); n += 1
        req = urllib.request.Request(base + "/network/v1/Events", data=body, method="POST",
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        try:
            answer = json.load(urllib.request.urlopen(req, timeout=60))
            with lock:
                totals["batches"] += 1; totals["events"] += batch
                totals["accepted"] += answer.get("accepted", 0); totals["rejected"] += answer.get("rejected", 0)
        except Exception as e:
            with lock:
                totals["errors"] += 1

started = time.time()
workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
for w in workers: w.start()
for w in workers: w.join()
elapsed = time.time() - started
print(json.dumps({"events_per_second": round(totals["accepted"] / elapsed, 1), "elapsed": round(elapsed, 1), **totals}))
