#!/usr/bin/env python3
"""Fault 2: Kafka broker outage (SIGKILL of the broker), then restart through the launcher.

Before: a few instances are stored. During: store-service readiness is DOWN (503), STOW answers
503 + Retry-After within 2 s, WADO and QIDO of the stored data answer 200. After `nimbus up`
restarts Kafka: STOW is acknowledged again without restarting any service (same PIDs); the
instances acknowledged around the outage are all retrievable and findable.
"""
import os
import sys
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chaoslib as C  # noqa: E402

STOW_BOUND = 2.0           # seconds allowed for a 503 while Kafka is down
READY_WAIT = 60            # seconds allowed for readiness to notice the outage
RECOVER_WAIT = 120         # seconds allowed for STOW to work again after Kafka is back


def main():
    s = requests.Session()
    services = ["store", "retrieve", "query", "delete"]
    pids_before = {x: C.pid_of(x) for x in services}
    stored = []
    for i in range(3):
        data, st, se, sop = C.make_instance(number=i + 1)
        r = C.stow(s, [data])
        if r.status_code == 200 and sop in C.referenced_sops(r):
            stored.append((st, se, sop, data))
    if not C.report(len(stored) == 3, "kafka-outage: 3 instances stored before the outage"):
        return

    kpid = C.kill9("kafka")
    t_kill = time.time()
    C.report(kpid is not None, "kafka-outage: Kafka broker killed (PID %s)" % kpid)

    # the first STOW right after the kill: the producer still has the topic's metadata cached, so
    # send() does not block; the bounded ack wait must answer 503 within 2 s (it used to wait for
    # the 8 s delivery timeout). Its blob is kept (the event's outcome is unknown) for the sweeper.
    data, st, se, sop = C.make_instance(number=99)
    r, first_secs = C.timed(C.stow, s, [data], timeout=30)
    first_ok = isinstance(r, requests.Response) and r.status_code == 503 and "Retry-After" in r.headers
    C.report(first_ok and first_secs <= STOW_BOUND, "kafka-outage: the first STOW right after the kill answers 503 "
             "with Retry-After within %.0fs (%s in %.2fs)" % (STOW_BOUND, C.status_of(r), first_secs))

    # readiness of store-service turns DOWN
    t_down, body = None, ""
    while time.time() - t_kill < READY_WAIT:
        code, body = C.ready_status("store", timeout=5)
        if code == 503:
            t_down = time.time() - t_kill
            break
        time.sleep(0.5)
    C.report(t_down is not None, "kafka-outage: store-service /q/health/ready turns DOWN (503) — after %s" % (
        "%.1fs" % t_down if t_down is not None else "never within %ds: %s" % (READY_WAIT, body[:200])))
    for svc in ("query", "delete"):
        code, body = C.ready_status(svc, timeout=5)
        # informational: query-service keeps serving QIDO from PostgreSQL (its indexer waits);
        # delete-service needs Kafka for every DELETE
        C.info("%s-service /q/health/ready while Kafka is down: %s %s" % (svc, code, body[:160].replace("\n", " ")))

    # STOW answers 503 + Retry-After within 2 s (three attempts, each measured)
    times, answers = [], []
    for i in range(3):
        data, st, se, sop = C.make_instance(number=100 + i)
        t0 = time.time()
        try:
            r = C.stow(s, [data], timeout=30)
            answers.append((r.status_code, r.headers.get("Retry-After"), r.text[:200]))
        except requests.RequestException as e:
            answers.append(("exception", None, str(e)[:200]))
        times.append(time.time() - t0)
    ok = all(a[0] == 503 and a[1] for a in answers) and max(times) <= STOW_BOUND
    C.report(ok, "kafka-outage: STOW answers 503 with Retry-After within %.0fs (times %s, answers %s)" % (
        STOW_BOUND, ["%.2fs" % t for t in times], [(a[0], a[1]) for a in answers]))
    C.figure("kafka down: STOW 503 latency", seconds=[round(t, 2) for t in times], statuses=[a[0] for a in answers])

    # WADO and QIDO of stored data keep working
    st, se, sop, data = stored[0]
    w = C.wado_instance(s, st, se, sop)
    q = C.qido_sop(s, sop)
    m = s.get("%s/studies/%s/metadata" % (C.BASE, st), headers={"Accept": "application/dicom+json"}, timeout=30)
    C.report(w.status_code == 200 and w.content == data, "kafka-outage: WADO instance of stored data 200, byte-identical "
             "(got %d)" % w.status_code)
    C.report(q.status_code == 200 and sop in q.text, "kafka-outage: QIDO of stored data 200 (got %d)" % q.status_code)
    C.report(m.status_code == 200, "kafka-outage: WADO metadata of stored data 200 (got %d)" % m.status_code)

    # restart Kafka via the launcher; services must recover without a restart
    rc, secs = C.nimbus_up("up-after-kafka")
    t_back = time.time()
    C.report(rc == 0 and C.pid_of("kafka") is not None, "kafka-outage: 'nimbus up' restarted Kafka (rc %d, %.1fs)"
             % (rc, secs))
    recovered, last = None, None
    data, st2, se2, sop2 = C.make_instance(number=200)
    while time.time() - t_back < RECOVER_WAIT:
        try:
            r = C.stow(s, [data], timeout=30)
            last = (r.status_code, r.text[:200])
            if r.status_code == 200 and sop2 in C.referenced_sops(r):
                recovered = time.time()
                break
            if r.status_code == 409 and "45070" in r.text:   # stored by an earlier attempt
                recovered = time.time()
                break
        except requests.RequestException as e:
            last = ("exception", str(e)[:200])
        time.sleep(0.5)
    C.report(recovered is not None, "kafka-outage: STOW acknowledged again %s after Kafka was restarted "
             "(%.1fs after the kill)%s" % ("%.1fs" % (recovered - t_back) if recovered else "never",
                                           (recovered - t_kill) if recovered else -1,
                                           "" if recovered else " last answer %r" % (last,)))
    same = {x: C.pid_of(x) for x in services}
    C.report(same == pids_before, "kafka-outage: no service was restarted (PIDs %s)" % same)
    ready_all = None
    t0 = time.time()
    while time.time() - t0 < 60:
        if all(C.ready_status(x)[0] == 200 for x in services):
            ready_all = time.time() - t_back
            break
        time.sleep(0.5)
    C.report(ready_all is not None, "kafka-outage: every service ready again (%s after Kafka restart)" % (
        "%.1fs" % ready_all if ready_all is not None else "not within 60s"))
    # everything acknowledged is still there
    lost = inconsistent = 0
    checks = stored + ([(st2, se2, sop2, data)] if recovered else [])
    for st, se, sop, d in checks:
        w = C.wado_instance(s, st, se, sop)
        q = C.qido_sop(s, sop)
        a, b = (w.status_code == 200 and w.content == d), (q.status_code == 200 and sop in q.text)
        lost += (not a and not b)
        inconsistent += (a != b)
    C.report(lost == 0 and inconsistent == 0, "kafka-outage: acknowledged %d, lost %d, inconsistent %d"
             % (len(checks), lost, inconsistent))
    C.figure("Kafka broker outage (kill -9, nimbus up)", acknowledged=len(checks), lost=lost,
             inconsistent=inconsistent, readiness_down_after_s=round(t_down, 1) if t_down else None,
             stow_503_max_s=round(max(times), 2), first_stow_after_kill_503_s=round(first_secs, 2),
             kafka_restart_s=round(secs, 1),
             stow_ok_after_kafka_restart_s=round(recovered - t_back, 1) if recovered else None,
             all_ready_after_kafka_restart_s=round(ready_all, 1) if ready_all is not None else None)


if __name__ == "__main__":
    main()
