#!/usr/bin/env python3
"""Fault 6: DELETE under faults.

1. resurrection: DELETE of a study answered 204, then kill -9 of query-service and
   delete-service right after it, `nimbus up`: the study stays gone (QIDO empty, WADO 404, no
   index row) and its blobs are removed by the cleanup consumer after the restart;
2. cleanup killed mid-batch: S3Proxy killed, DELETE of a 60-instance study (204: the blobs are
   removed asynchronously), kill -9 of delete-service while its cleanup consumer retries the S3
   deletions, `nimbus up` (S3Proxy and delete-service): every blob of the study is gone
   afterwards (the consumer resumes from its committed offsets);
3. DELETE while query-service is down: 204 (with Warning: index not yet updated) or a clean
   503; after query-service is back the study is gone from QIDO and never comes back.
"""
import os
import sys
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chaoslib as C  # noqa: E402

CLEANUP_WAIT = 90


def store_study(s, n):
    st = C.uid()
    se = st + ".1"
    parts = [C.make_instance(study=st, series=se, number=i + 1) for i in range(n)]
    for i in range(0, n, 10):
        chunk = parts[i:i + 10]
        r = C.stow(s, [p[0] for p in chunk], timeout=120)
        refs = C.referenced_sops(r)
        if r.status_code != 200 or any(p[3] not in refs for p in chunk):
            raise RuntimeError("STOW of the test study failed: %d %s" % (r.status_code, r.text[:200]))
    return st, se, parts


def blobs_of(study):
    prefix = "studies/%s/" % study
    return {f for f in C.blob_files() if f.startswith(prefix)}


def gone(s, st, se, parts):
    """(qido_count, wado_not_404, index_rows) of a deleted study."""
    q = s.get(C.BASE + "/studies/%s/instances" % st, headers={"Accept": "application/dicom+json"}, timeout=30)
    qido = len(q.json()) if q.status_code == 200 and q.content else (0 if q.status_code in (204, 404) else -q.status_code)
    wado = sum(1 for p in parts[:5] if C.wado_instance(s, st, se, p[3]).status_code != 404)
    rows = int(C.psql("select count(*) from instance where study_instance_uid = '%s'" % st)[0][0])
    return qido, wado, rows


def wait_blobs_gone(study, timeout=CLEANUP_WAIT):
    t0 = time.time()
    while time.time() - t0 < timeout:
        if not blobs_of(study):
            return time.time() - t0
        time.sleep(0.5)
    return None


def main():
    s = requests.Session()
    figures = {}

    # ---- 1. a 204 DELETE survives kill -9 of query-service and delete-service right after it
    st, se, parts = store_study(s, 20)
    r = s.delete(C.BASE + "/studies/" + st, timeout=60)
    C.report(r.status_code == 204, "delete-faults: DELETE of a 20-instance study answered %d" % r.status_code)
    killed = [C.kill9("query"), C.kill9("delete")]
    t_kill = time.time()
    rc, secs = C.nimbus_up("up-after-delete-kill")
    ready = C.wait_all_ready(120)
    C.report(None not in killed and rc == 0 and ready is not None,
             "delete-faults: query-service and delete-service killed right after the 204 and restarted (%.1fs)" % secs)
    time.sleep(2)  # the indexer replays from its stored offsets
    qido, wado, rows = gone(s, st, se, parts)
    C.report(qido == 0 and wado == 0 and rows == 0, "delete-faults: the deleted study did not come back after the "
             "restarts (QIDO %d instances, WADO non-404 %d of 5, index rows %d)" % (qido, wado, rows))
    t_gone = wait_blobs_gone(st)
    C.report(t_gone is not None, "delete-faults: its blobs were removed after the restart (%s after the kill)" % (
        "%.1fs" % (time.time() - t_kill) if t_gone is not None else "%d left after %ds" % (len(blobs_of(st)), CLEANUP_WAIT)))
    figures["kill_after_204_blobs_gone_s"] = round(time.time() - t_kill, 1) if t_gone is not None else None

    # ---- 2. the cleanup consumer killed mid-batch finishes after the restart. S3 is down while
    # the cleanup works on the event, so its batch cannot complete before the kill (on a healthy
    # loopback S3 the 120 deletions take a few milliseconds, too fast to kill in between).
    st, se, parts = store_study(s, 60)
    before = len(blobs_of(st))
    s3pid = C.kill9("s3proxy")
    r, secs = C.timed(s.delete, C.BASE + "/studies/" + st, timeout=60)
    status = C.status_of(r)
    C.report(status == 204 or C.clean_failure(r), "delete-faults: DELETE of a 60-instance study while S3 is down "
             "answered %s in %.1fs (the blobs are removed asynchronously)" % (status, secs))
    if status == 204:
        time.sleep(3)   # the cleanup consumer has the event and is retrying its S3 deletions
    pid = C.kill9("delete")
    t_kill = time.time()
    left = len(blobs_of(st))
    C.info("delete-service (PID %s) killed while its cleanup was retrying against the dead S3 (PID %s): %d of %d "
           "objects left" % (pid, s3pid, left, before))
    rc, up_secs = C.nimbus_up("up-after-cleanup-kill")
    if status != 204:   # S3 is back: delete again
        r = s.delete(C.BASE + "/studies/" + st, timeout=60)
        C.report(r.status_code == 204, "delete-faults: DELETE after S3 is back answered %d" % r.status_code)
    t_gone = wait_blobs_gone(st)
    t_gone = time.time() - t_kill if t_gone is not None else None
    C.report(pid is not None and t_gone is not None, "delete-faults: cleanup killed mid-batch (%d of %d objects left) "
             "finished after the restart: %s" % (left, before, "all gone %.1fs after the kill (restart of S3Proxy and "
                                                "delete-service took %.1fs)" % (t_gone, up_secs) if t_gone is not None
                                                else "%d objects left" % len(blobs_of(st))))
    qido, wado, rows = gone(s, st, se, parts)
    C.report(qido == 0 and wado == 0 and rows == 0, "delete-faults: the study stays deleted (QIDO %d, WADO non-404 %d, "
             "rows %d)" % (qido, wado, rows))
    figures.update(delete_while_s3_down={"status": status, "seconds": round(secs, 2)},
                   cleanup_objects_left_at_kill=left, cleanup_objects=before,
                   cleanup_done_after_kill_s=round(t_gone, 1) if t_gone is not None else None)
    C.wait_all_ready(120)

    # ---- 3. DELETE while query-service is down
    st, se, parts = store_study(s, 10)
    C.kill9("query")
    r, secs = C.timed(s.delete, C.BASE + "/studies/" + st, timeout=60)
    status = C.status_of(r)
    ok = status == 204 or C.clean_failure(r)
    C.report(ok, "delete-faults: DELETE while query-service is down answered %s in %.1fs%s" % (
        status, secs, " (%s)" % r.headers.get("Warning") if hasattr(r, "headers") and r.headers.get("Warning") else ""))
    C.nimbus_up("up-after-query-kill")
    C.wait_all_ready(120)
    if status == 204:
        t0, qido = time.time(), None
        while time.time() - t0 < 30:
            qido, wado, rows = gone(s, st, se, parts)
            if qido == 0 and rows == 0:
                break
            time.sleep(0.5)
        time.sleep(2)
        qido, wado, rows = gone(s, st, se, parts)
        C.report(qido == 0 and wado == 0 and rows == 0, "delete-faults: DELETE acknowledged while query-service was down: "
                 "gone once it is back (QIDO %d, WADO non-404 %d, rows %d)" % (qido, wado, rows))
        figures["delete_while_query_down"] = {"status": 204, "seconds": round(secs, 2),
                                              "gone_after_query_back_s": round(time.time() - t0, 1)}
    else:
        figures["delete_while_query_down"] = {"status": status, "seconds": round(secs, 2)}
    C.figure("delete under faults", **figures)


if __name__ == "__main__":
    main()
