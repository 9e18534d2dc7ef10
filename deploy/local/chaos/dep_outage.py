#!/usr/bin/env python3
"""Faults 3 and 4: S3 server (S3Proxy) or PostgreSQL outage (SIGKILL), then restart through the launcher.

    dep_outage.py s3|postgres

Before: a few instances are stored. During the outage:
- the readiness of every service that needs the dependency turns DOWN (S3: store, retrieve,
  delete; PostgreSQL: all four);
- every request that needs it answers 503 + Retry-After within 2 s (no hang, no 500):
  S3 -> STOW, WADO instance, WADO frame; PostgreSQL -> STOW, QIDO, WADO (instance, metadata), DELETE;
- requests that do not need it keep working (S3 down: QIDO, and WADO metadata already in
  retrieve-service's metadata cache, which stored events fill; PostgreSQL down: liveness);
After `nimbus up` restarts the dependency: every service ready again and STOW/WADO/QIDO work
without restarting any service (same PIDs); what was acknowledged before is still there.
"""
import os
import sys
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chaoslib as C  # noqa: E402

BOUND = 2.0
KIND = sys.argv[1] if len(sys.argv) > 1 else "s3"
COMPONENT = {"s3": "s3proxy", "postgres": "postgres"}[KIND]
NEEDS = {"s3": ["store", "retrieve", "delete"], "postgres": ["store", "retrieve", "query", "delete"]}[KIND]
NAME = "%s-outage" % KIND


def main():
    s = requests.Session()
    pids_before = {x: C.pid_of(x) for x in C.SERVICES}
    stored = {}
    for i in range(3):
        data, st, se, sop = C.make_instance(number=i + 1)
        r = C.stow(s, [data])
        if r.status_code == 200 and sop in C.referenced_sops(r):
            stored[sop] = (st, se, data)
    if not C.report(len(stored) == 3, "%s: 3 instances stored before the outage" % NAME):
        return
    st0, se0, sop0 = next((v[0], v[1], k) for k, v in stored.items())
    metadata_url = "%s/studies/%s/series/%s/instances/%s/metadata" % (C.BASE, st0, se0, sop0)
    json_accept = {"Accept": "application/dicom+json"}
    # read once before the outage: from now on it is in the metadata cache (the event-driven
    # warming usually put it there already; this makes the check independent of that race)
    C.report(s.get(metadata_url, headers=json_accept, timeout=30).status_code == 200,
             "%s: WADO metadata read before the outage" % NAME)
    victim = C.make_instance(number=50)  # deleted during the outage (PostgreSQL case)

    if KIND == "postgres":
        # a crash test of a cluster without fsync proves nothing (the test stack runs so)
        fsync = C.psql("show fsync")[0][0]
        C.report(fsync == "on", "%s: PostgreSQL runs with fsync=%s" % (NAME, fsync))
    pid = C.kill9(COMPONENT)
    t_kill = time.time()
    C.report(pid is not None, "%s: %s killed with SIGKILL (PID %s)" % (NAME, COMPONENT, pid))

    # readiness DOWN for every service that needs the dependency
    down_after = {}
    while time.time() - t_kill < 30 and len(down_after) < len(NEEDS):
        for svc in NEEDS:
            if svc not in down_after and C.ready_status(svc, timeout=5)[0] == 503:
                down_after[svc] = round(time.time() - t_kill, 1)
        time.sleep(0.3)
    C.report(len(down_after) == len(NEEDS), "%s: readiness DOWN (503) of %s (seconds after the kill: %s)"
             % (NAME, ", ".join(NEEDS), down_after))

    # requests that need the dependency: 503 + Retry-After within 2 s
    checks = [
        ("STOW", lambda: C.stow(s, [C.make_instance(number=60)[0]], timeout=30)),
        ("WADO instance", lambda: C.wado_instance(s, st0, se0, sop0)),
    ]
    if KIND == "s3":
        checks += [
            ("WADO frame", lambda: s.get("%s/studies/%s/series/%s/instances/%s/frames/1" % (C.BASE, st0, se0, sop0),
                                         headers={"Accept": 'multipart/related; type="application/octet-stream"; '
                                                            'transfer-syntax=*'}, timeout=30)),
        ]
    if KIND == "postgres":
        checks += [
            ("WADO metadata", lambda: s.get(metadata_url, headers=json_accept, timeout=30)),
            ("QIDO", lambda: C.qido_sop(s, sop0)),
            ("DELETE", lambda: s.delete("%s/studies/%s" % (C.BASE, victim[1]), timeout=30)),
        ]
    results = {}
    for label, fn in checks:
        for attempt in range(2):   # the first request after the kill and one more
            r, secs = C.timed(fn)
            results.setdefault(label, []).append((C.status_of(r), r.headers.get("Retry-After") if hasattr(r, "headers") else None, round(secs, 2)))
    bad = {k: v for k, v in results.items()
           if any(not (st == 503 and ra) or secs > BOUND for st, ra, secs in v)}
    C.report(not bad, "%s: requests needing %s answer 503 + Retry-After within %.0fs (%s)"
             % (NAME, KIND, BOUND, "; ".join("%s %s" % (k, [(a, b) for a, _, b in v]) for k, v in results.items())))
    worst = max(secs for v in results.values() for _, _, secs in v)

    # requests that do not need it keep working
    if KIND == "s3":
        q = C.qido_sop(s, sop0)
        C.report(q.status_code == 200 and sop0 in q.text, "%s: QIDO keeps working (%d)" % (NAME, q.status_code))
        m = s.get(metadata_url, headers=json_accept, timeout=30)
        C.report(m.status_code == 200 and sop0 in m.text,
                 "%s: WADO metadata in the metadata cache keeps working (%d)" % (NAME, m.status_code))
    else:
        live = {x: requests.get("http://127.0.0.1:%d/q/health/live" % C.service_port(x), timeout=5).status_code
                for x in C.SERVICES}
        C.report(all(v == 200 for v in live.values()), "%s: liveness stays UP (no restart loop): %s" % (NAME, live))

    # restart the dependency; services recover by themselves
    rc, secs = C.nimbus_up("up-after-" + NAME)
    t_back = time.time()
    C.report(rc == 0 and C.pid_of(COMPONENT) is not None, "%s: 'nimbus up' restarted %s (rc %d, %.1fs)"
             % (NAME, COMPONENT, rc, secs))
    ready = C.wait_all_ready(90)
    C.report(ready is not None, "%s: every service ready again %s after the restart" % (
        NAME, "%.1fs" % ready if ready is not None else "not within 90s"))
    recovered, last = None, None
    data, st2, se2, sop2 = C.make_instance(number=70)
    while time.time() - t_back < 90:
        r, _ = C.timed(C.stow, s, [data], timeout=30)
        last = C.status_of(r)
        if isinstance(r, requests.Response) and ((r.status_code == 200 and sop2 in C.referenced_sops(r))
                                                 or (r.status_code == 409 and "45070" in r.text)):
            recovered = time.time() - t_back
            stored[sop2] = (st2, se2, data)
            break
        time.sleep(0.5)
    C.report(recovered is not None, "%s: STOW acknowledged again %s after %s was back" % (
        NAME, "%.1fs" % recovered if recovered is not None else "never (last %s)" % last, COMPONENT))
    same = {x: C.pid_of(x) for x in C.SERVICES}
    C.report(same == pids_before, "%s: no service was restarted (PIDs %s)" % (NAME, same))
    lost, inconsistent, ex = C.verify_acked(stored, s)
    C.report(lost == 0 and inconsistent == 0, "%s: acknowledged %d, lost %d, inconsistent %d%s"
             % (NAME, len(stored), lost, inconsistent, (" " + repr(ex[:3])) if ex else ""))
    C.figure("%s outage (kill -9, nimbus up)" % COMPONENT, acknowledged=len(stored), lost=lost,
             inconsistent=inconsistent, readiness_down_after_s=down_after, max_503_s=round(worst, 2),
             answers=results, restart_s=round(secs, 1),
             all_ready_after_restart_s=round(ready, 1) if ready is not None else None,
             stow_ok_after_restart_s=round(recovered, 1) if recovered is not None else None)


if __name__ == "__main__":
    main()
