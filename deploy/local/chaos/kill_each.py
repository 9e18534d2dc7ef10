#!/usr/bin/env python3
"""Fault 5: kill -9 of every process in turn under a STOW load, each restarted through the launcher.

A load generator STOWs synthetic instances, one per request, concurrency 4, through the gateway,
retrying what was not acknowledged, until every component of CHAOS_EACH_ORDER (default: store
query retrieve delete kafka s3proxy postgres) was killed and restarted and at least CHAOS_EACH_N
(default 1000) instances were sent (never more than CHAOS_EACH_MAX, 2000), each worker pausing
CHAOS_EACH_PACE (0.2 s) between instances. The killer waits for
CHAOS_EACH_GAP (default 20) acknowledgements, sends SIGKILL to the next component, 2 s later runs
`nimbus up`, waits until every service is ready, and goes on. Every answer must be an
acknowledgement (200/202 listing the instance), a 409/45070 for an instance an earlier, cut attempt
had stored, or a clean failure (503 + Retry-After, 502/504 from the gateway, connection error).
Afterwards: every acknowledged instance byte-identical in WADO and found by QIDO.
"""
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chaoslib as C  # noqa: E402

N = int(os.environ.get("CHAOS_EACH_N", "1000"))
MAX = max(N, int(os.environ.get("CHAOS_EACH_MAX", "2000")))
# pause of each worker between two instances: paces the load so that
# it spans the whole kill sequence instead of racing to MAX before the last kills
PACE = float(os.environ.get("CHAOS_EACH_PACE", "0.2"))
ORDER = os.environ.get("CHAOS_EACH_ORDER", "store query retrieve delete kafka s3proxy postgres").split()
GAP = int(os.environ.get("CHAOS_EACH_GAP", "20"))
CONC = 4
DEADLINE = time.time() + float(os.environ.get("CHAOS_EACH_TIMEOUT", "420"))

lock = threading.Lock()
acked = {}
outcomes = {}
bad = []
stored_by_cut_attempt = set()
kills = []   # (component, pid, seconds to all ready, first ack after kill seconds)
done_killing = threading.Event()
STUDIES = [C.uid() for _ in range(8)]
sent = 0


def next_instance():
    """The next instance to send, or None once the kills are over and N were sent (or MAX)."""
    global sent
    with lock:
        if sent >= MAX or (sent >= N and done_killing.is_set()):
            return None
        sent += 1
        i = sent
    st = STUDIES[i % len(STUDIES)]
    return C.make_instance(study=st, series=st + ".1", number=i)


def worker():
    while True:
        item = next_instance()
        if item is None:
            return
        send(item)
        time.sleep(PACE)


def send(item):
    data, st, se, sop = item
    s = requests.Session()
    while time.time() < DEADLINE:
        try:
            r = C.stow(s, [data], timeout=60)
        except requests.RequestException as e:
            with lock:
                outcomes[type(e).__name__] = outcomes.get(type(e).__name__, 0) + 1
            if not isinstance(e, requests.ConnectionError):
                bad.append((sop, type(e).__name__, str(e)[:200]))
            time.sleep(0.5)
            continue
        with lock:
            outcomes[r.status_code] = outcomes.get(r.status_code, 0) + 1
        if r.status_code in (200, 202) and sop in C.referenced_sops(r):
            with lock:
                acked[sop] = (st, se, data)
            return
        if r.status_code == 409 and "45070" in r.text:
            with lock:
                acked.setdefault(sop, (st, se, data))
                stored_by_cut_attempt.add(sop)
            return
        if C.clean_failure(r) or (r.status_code == 202 and sop not in C.referenced_sops(r) and "Retry-After" in r.headers):
            time.sleep(0.5)
            continue
        bad.append((sop, r.status_code, r.text[:200]))
        return


def killer():
    try:
        for comp in ORDER:
            with lock:
                target = len(acked) + GAP
            while time.time() < DEADLINE - 90:
                with lock:
                    if len(acked) >= target or sent >= MAX:
                        break
                time.sleep(0.05)
            pid = C.kill9(comp)
            t_kill = time.time()
            with lock:
                n_at_kill = len(acked)
            C.info("kill -9 %s PID %s after %d acknowledgements" % (comp, pid, n_at_kill))
            time.sleep(2)
            rc, secs = C.nimbus_up("up-after-kill-" + comp)
            ready = C.wait_all_ready(120)
            t_ready = time.time() - t_kill if ready is not None else None
            first = None   # first acknowledgement after the kill (the load keeps running)
            while first is None and time.time() < DEADLINE - 60:
                with lock:
                    if len(acked) > n_at_kill + CONC:
                        first = time.time() - t_kill
                time.sleep(0.1)
            kills.append({"component": comp, "pid": pid, "nimbus_up_rc": rc, "restart_s": round(secs, 1),
                          "all_ready_after_kill_s": round(t_ready, 1) if t_ready else None,
                          "acks_again_after_kill_s": round(first, 1) if first else None,
                          "new_pid": C.pid_of(comp)})
            C.info("  %s" % kills[-1])
    finally:
        done_killing.set()


def main():
    t0 = time.time()
    k = threading.Thread(target=killer, daemon=True)
    k.start()
    with ThreadPoolExecutor(CONC) as ex:
        for f in [ex.submit(worker) for _ in range(CONC)]:
            f.result()
    load_secs = time.time() - t0
    k.join(timeout=240)
    C.info("load: %d instances in %.1fs, outcomes %s" % (sent, load_secs, outcomes))
    killed = [x["component"] for x in kills if x["pid"]]
    C.report(killed == ORDER, "kill-each: every component killed with SIGKILL in turn under load (%s)" % killed)
    restarted = [x["component"] for x in kills if x["new_pid"] and x["new_pid"] != x["pid"]]
    C.report(restarted == ORDER, "kill-each: 'nimbus up' restarted each of them (%s)" % restarted)
    ready = C.wait_all_ready(60)
    C.report(ready is not None, "kill-each: every service ready at the end")
    C.report(not bad, "kill-each: only acknowledgements or clean failures (503+Retry-After/502/504/connection "
             "error) — bad answers %d%s" % (len(bad), (": " + repr(bad[:3])) if bad else ""))
    C.report(len(acked) == sent and sent >= N, "kill-each: every instance stored eventually (%d/%d; %d answered "
             "409/45070 on retry)" % (len(acked), sent, len(stored_by_cut_attempt)))
    lost, inconsistent, ex = C.verify_acked(acked)
    C.report(lost == 0, "kill-each: lost acknowledged instances = %d of %d%s" % (lost, len(acked), (" " + repr(ex[:3])) if lost else ""))
    C.report(inconsistent == 0, "kill-each: inconsistent (WADO vs QIDO vs bytes) = %d%s" % (
        inconsistent, (" " + repr(ex[:3])) if inconsistent else ""))
    C.figure("kill -9 of each process in turn under STOW load", instances=sent, concurrency=CONC,
             acknowledged=len(acked) - len(stored_by_cut_attempt), stored_but_answer_lost=len(stored_by_cut_attempt),
             lost=lost, inconsistent=inconsistent, load_seconds=round(load_secs, 1),
             outcomes={str(k): v for k, v in outcomes.items()}, kills=kills)


if __name__ == "__main__":
    main()
