#!/usr/bin/env python3
"""After the faults: index (PostgreSQL) and storage (S3Proxy's files) agree.

- every index row has its blob and its metadata object (store id of the row);
- no instance is visible to QIDO but 404 in WADO (sample of CHAOS_SAMPLE rows, checked through
  the gateway);
- objects without an index row are counted: they are orphans of interrupted STOWs (blob uploaded,
  process killed before the event), which the orphan sweeper of delete-service collects after its
  grace period (24 h by default). Reported, not failed.
"""
import os
import random
import subprocess
import sys

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chaoslib as C  # noqa: E402

PG_PORT = os.environ.get("NIMBUS_PG_PORT", "55432")


def psql(sql):
    env = dict(os.environ, PGPASSWORD="nimbus")
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", PG_PORT, "-U", "nimbus", "-d", "nimbus", "-AtF", "\t", "-c", sql],
                         env=env, capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    return [l.split("\t") for l in out.stdout.splitlines() if l]


def main():
    try:
        rows = psql("select study_instance_uid, series_instance_uid, sop_instance_uid, store_id, blob_key, metadata_key "
                    "from instance")
    except (RuntimeError, OSError, subprocess.SubprocessError) as e:
        C.report(False, "consistency: cannot read the index: %s" % e)
        return
    files = C.blob_files()
    missing = [r for r in rows if r[4] not in files or r[5] not in files]
    C.report(not missing, "consistency: every one of %d index rows has its blob and metadata in S3 (%d do not%s)"
             % (len(rows), len(missing), (": " + repr(missing[:3])) if missing else ""))
    ids = {r[3] for r in rows}
    orphans = sorted(f for f in files if os.path.basename(f).split(".")[0] not in ids)
    C.info("objects without an index row (sweepable orphans of interrupted STOWs): %d %s"
           % (len(orphans), orphans[:4]))
    dup = psql("select count(*) - count(distinct sop_instance_uid) from instance")[0][0]
    C.report(dup == "0", "consistency: no duplicate index rows (%s)" % dup)
    s = requests.Session()
    sample = random.Random(7).sample(rows, min(len(rows), int(os.environ.get("CHAOS_SAMPLE", "40"))))
    bad = []
    for st, se, sop, *_ in sample:
        w = C.wado_instance(s, st, se, sop)
        q = C.qido_sop(s, sop)
        if w.status_code != 200 or q.status_code != 200 or sop not in q.text:
            bad.append((sop, w.status_code, q.status_code))
    C.report(not bad, "consistency: %d sampled index rows are visible in both QIDO and WADO (%d are not%s)"
             % (len(sample), len(bad), (": " + repr(bad[:3])) if bad else ""))
    C.figure("consistency after the faults", index_rows=len(rows), rows_without_blob=len(missing),
             orphan_objects=len(orphans), sampled=len(sample), qido_wado_mismatch=len(bad))


if __name__ == "__main__":
    main()
