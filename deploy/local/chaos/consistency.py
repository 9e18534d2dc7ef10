#!/usr/bin/env python3
"""After the faults: index (PostgreSQL), storage (S3Proxy's files), QIDO and WADO agree.

- every index row has its blob and its metadata object (store id of the row); no duplicate rows;
- QIDO agrees with the index: the same studies, and per study NumberOfStudyRelatedInstances
  equals the index's row count (QIDO /studies, limit 1000);
- a sample of CHAOS_SAMPLE rows (default 200) is visible in both QIDO (by SOP Instance UID) and
  WADO (the instance);
- objects without an index row are orphans of interrupted STOWs (blob uploaded, process killed or
  event not acknowledged). The chaos stack runs the sweeper on a short schedule, so orphans older
  than its grace period plus two intervals must be gone (else the sweeper missed them: FAIL);
  younger ones are reported.
"""
import os
import random
import subprocess
import sys
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chaoslib as C  # noqa: E402

GRACE = float(os.environ.get("CHAOS_SWEEPER_GRACE_S", "90"))
INTERVAL = float(os.environ.get("CHAOS_SWEEPER_INTERVAL_S", "15"))
ROOT = os.path.join(C.NIMBUS_HOME, "s3proxy", "blobs", "nimbus-dicom")


def main():
    try:
        rows = C.psql("select study_instance_uid, series_instance_uid, sop_instance_uid, store_id, blob_key, "
                      "metadata_key from instance")
    except (RuntimeError, OSError, subprocess.SubprocessError) as e:
        C.report(False, "consistency: cannot read the index: %s" % e)
        return
    files = C.blob_files()
    missing = [r for r in rows if r[4] not in files or r[5] not in files]
    C.report(not missing, "consistency: every one of %d index rows has its blob and metadata in S3 (%d do not%s)"
             % (len(rows), len(missing), (": " + repr(missing[:3])) if missing else ""))
    ids = {r[3] for r in rows}
    orphans = sorted(f for f in files if os.path.basename(f).split(".")[0] not in ids)
    now = time.time()
    overdue = [f for f in orphans if now - os.path.getmtime(os.path.join(ROOT, f)) > GRACE + 2 * INTERVAL + 10]
    C.info("objects without an index row (orphans of interrupted STOWs, younger than the sweeper's grace "
           "period): %d %s" % (len(orphans) - len(overdue), orphans[:4]))
    C.report(not overdue, "consistency: no orphan older than the sweeper's grace period + 2 intervals "
             "(%d%s)" % (len(overdue), (": " + repr(overdue[:3])) if overdue else ""))
    dup = C.psql("select count(*) - count(distinct sop_instance_uid) from instance")[0][0]
    C.report(dup == "0", "consistency: no duplicate index rows (%s)" % dup)

    s = requests.Session()
    per_study = {}
    for r in rows:
        per_study[r[0]] = per_study.get(r[0], 0) + 1
    q = s.get(C.BASE + "/studies", params={"limit": "1000", "includefield": "00201208"},
              headers={"Accept": "application/dicom+json"}, timeout=60)
    qido = {}
    if q.status_code == 200 and q.content:
        for item in q.json():
            st = ((item.get("0020000D") or {}).get("Value") or [None])[0]
            n = ((item.get("00201208") or {}).get("Value") or [None])[0]
            qido[st] = int(n) if n is not None else None
    diff = {k: (per_study.get(k), qido.get(k)) for k in set(per_study) | set(qido) if per_study.get(k) != qido.get(k)}
    C.report(q.status_code in (200, 204) and not diff, "consistency: QIDO /studies agrees with the index (%d studies, "
             "%d instances; %d differ%s)" % (len(per_study), len(rows), len(diff), (": " + repr(list(diff.items())[:3])) if diff else ""))

    sample = random.Random(7).sample(rows, min(len(rows), int(os.environ.get("CHAOS_SAMPLE", "200"))))
    bad = []
    for st, se, sop, *_ in sample:
        w = C.wado_instance(s, st, se, sop)
        qq = C.qido_sop(s, sop)
        if w.status_code != 200 or qq.status_code != 200 or sop not in qq.text:
            bad.append((sop, w.status_code, qq.status_code))
    C.report(not bad, "consistency: %d sampled index rows are visible in both QIDO and WADO (%d are not%s)"
             % (len(sample), len(bad), (": " + repr(bad[:3])) if bad else ""))
    C.figure("consistency after the faults", index_rows=len(rows), studies=len(per_study), rows_without_blob=len(missing),
             orphan_objects=len(orphans), overdue_orphans=len(overdue), qido_index_study_mismatch=len(diff),
             sampled=len(sample), qido_wado_mismatch=len(bad))


if __name__ == "__main__":
    main()
