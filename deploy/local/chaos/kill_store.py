#!/usr/bin/env python3
"""Fault 1: kill -9 of store-service under STOW load, restart through the launcher.

A load generator STOWs CHAOS_N (default 200) synthetic instances, one per request, with
concurrency 4 through the gateway. After CHAOS_KILL_AFTER (default 60) acknowledgements,
store-service is killed with SIGKILL and `nimbus up` restarts it; the load keeps going and
retries every instance that was not acknowledged (so the outage is covered by requests).
Then: every acknowledged SOP is byte-identical in WADO and found by QIDO; every answer during
the outage was a connection error, 502 or 503 (never a 2xx without the instance being durable).
"""
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chaoslib as C  # noqa: E402

N = int(os.environ.get("CHAOS_N", "200"))
KILL_AFTER = int(os.environ.get("CHAOS_KILL_AFTER", "60"))
CONC = 4
DEADLINE = time.time() + float(os.environ.get("CHAOS_KILL_TIMEOUT", "240"))

lock = threading.Lock()
acked = {}          # sop -> (study, series, bytes)
outcomes = {}       # status/exception class -> count
bad_answers = []    # (sop, status, body) of answers not allowed during an outage
warnings = []
dup_after_lost_answer = set()  # stored by an attempt whose answer was lost (409/45070 on retry)
killed_at = None
recovered_at = None
first_ok_after_kill = None
stop_kill = threading.Event()
STUDY = C.uid()  # a handful of studies so partitions are all used
STUDIES = [C.uid() for _ in range(8)]

instances = []
for i in range(N):
    study = STUDIES[i % len(STUDIES)]
    data, st, se, sop = C.make_instance(study=study, series=study + ".1", number=i + 1)
    instances.append((data, st, se, sop))


def count(key):
    with lock:
        outcomes[key] = outcomes.get(key, 0) + 1


def send(item):
    """STOW one instance, retrying (1 s backoff) until acknowledged or the deadline."""
    global first_ok_after_kill
    data, st, se, sop = item
    s = requests.Session()
    while time.time() < DEADLINE:
        try:
            r = C.stow(s, [data], timeout=60)
        except requests.RequestException as e:
            count(type(e).__name__)
            time.sleep(0.5)
            continue
        count(r.status_code)
        refs = C.referenced_sops(r)
        if r.status_code in (200, 202):
            if sop in refs:
                with lock:
                    acked[sop] = (st, se, data)
                    if killed_at and first_ok_after_kill is None and time.time() > killed_at:
                        first_ok_after_kill = time.time()
                if "Warning" in r.headers:
                    warnings.append(r.headers["Warning"])
                return
            bad_answers.append((sop, r.status_code, r.text[:300]))
            return
        if r.status_code == 409 and "45070" in r.text:
            # already stored by an earlier attempt whose answer was lost: not acknowledged to us,
            # but it must still be consistent (checked below as "stored without ack").
            with lock:
                acked.setdefault(sop, (st, se, data))
                dup_after_lost_answer.add(sop)
            return
        if r.status_code in (502, 503):
            if r.status_code == 503 and "Retry-After" not in r.headers:
                bad_answers.append((sop, r.status_code, "503 without Retry-After: " + r.text[:200]))
            time.sleep(0.5)
            continue
        bad_answers.append((sop, r.status_code, r.text[:300]))
        return


def killer():
    global killed_at, recovered_at
    while not stop_kill.is_set():
        with lock:
            n = len(acked)
        if n >= KILL_AFTER:
            break
        time.sleep(0.05)
    if stop_kill.is_set():
        return
    pid = C.kill9("store")
    killed_at = time.time()
    C.info("kill -9 store-service PID %s after %d acknowledgements" % (pid, n))
    time.sleep(2)  # let the load hit the outage
    rc, secs = C.nimbus_up("up-after-kill-store")
    C.info("nimbus up rc=%d in %.1fs; store PID now %s" % (rc, secs, C.pid_of("store")))
    while time.time() < DEADLINE:
        code, _ = C.ready_status("store", timeout=2)
        if code == 200:
            recovered_at = time.time()
            break
        time.sleep(0.2)


def main():
    t0 = time.time()
    base_pid = C.pid_of("store")
    others = ["postgres", "s3proxy", "kafka", "query", "retrieve", "delete", "gateway"]
    others_before = {x: C.pid_of(x) for x in others}
    if not C.report(base_pid is not None, "kill-store: store-service is running before the fault (PID %s)" % base_pid):
        return
    k = threading.Thread(target=killer, daemon=True)
    k.start()
    with ThreadPoolExecutor(CONC) as ex:
        list(ex.map(send, instances))
    stop_kill.set()
    k.join(timeout=300)
    load_secs = time.time() - t0
    C.info("load: %d instances in %.1fs, outcomes %s" % (N, load_secs, outcomes))
    C.report(killed_at is not None, "kill-store: store-service was killed with SIGKILL mid-load")
    new_pid = C.pid_of("store")
    C.report(new_pid is not None and new_pid != base_pid,
             "kill-store: 'nimbus up' restarted store-service (PID %s -> %s)" % (base_pid, new_pid))
    others_after = {x: C.pid_of(x) for x in others}
    C.report(others_after == others_before and None not in others_before.values(),
             "kill-store: 'nimbus up' is idempotent: every other component kept its PID (%s)" % ", ".join(
                 "%s %s%s" % (k, others_before[k], "" if v == others_before[k] else "->%s" % v) for k, v in others_after.items()))
    C.report(not bad_answers, "kill-store: during the outage only connection errors / 502 / 503+Retry-After "
             "(bad answers: %d%s)" % (len(bad_answers), (", first " + repr(bad_answers[0])) if bad_answers else ""))
    C.report(len(acked) == N, "kill-store: every instance stored eventually (%d/%d; %d of them answered 409/45070 on retry because the attempt cut by the kill had made them durable)" % (len(acked), N, len(dup_after_lost_answer)))

    # Verification: every acknowledged instance, byte-identical in WADO, found by QIDO.
    lost, inconsistent, examples = C.verify_acked(acked, requests.Session())
    rtr = (recovered_at - killed_at) if (killed_at and recovered_at) else None
    first_ok = (first_ok_after_kill - killed_at) if (killed_at and first_ok_after_kill) else None
    C.report(lost == 0, "kill-store: lost acknowledged instances = %d of %d checked%s" % (
        lost, len(acked), (" e.g. " + repr(examples[:3])) if lost else ""))
    C.report(inconsistent == 0, "kill-store: inconsistent (WADO vs QIDO vs bytes) = %d%s" % (
        inconsistent, (" e.g. " + repr(examples[:3])) if inconsistent else ""))
    C.report(rtr is not None, "kill-store: store-service ready again %.1fs after the kill "
             "(first acknowledged STOW after the kill: %s)" % (rtr or -1, "%.1fs" % first_ok if first_ok else "none"))
    C.figure("kill -9 store-service", instances=N, acknowledged=len(acked) - len(dup_after_lost_answer),
             stored_but_answer_lost=len(dup_after_lost_answer), lost=lost, inconsistent=inconsistent,
             recover_ready_s=round(rtr, 1) if rtr else None,
             first_ack_after_kill_s=round(first_ok, 1) if first_ok else None,
             outcomes={str(k): v for k, v in outcomes.items()}, index_warnings=len(warnings),
             load_seconds=round(load_secs, 1))


if __name__ == "__main__":
    main()
