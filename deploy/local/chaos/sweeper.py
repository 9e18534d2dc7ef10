#!/usr/bin/env python3
"""Fault 7: the orphan sweeper collects what interrupted STOWs leave, and nothing else.

run.sh starts delete-service with a short sweeper schedule (NIMBUS_DELETE_SWEEPER_INITIAL_DELAY,
_INTERVAL, _GRACE_PERIOD; chaos defaults 10s / 15s / 90s). This test plants objects directly in
S3Proxy's file store, as a crash between blob upload and event leaves them:
- 3 orphans (blob + metadata) in the Nimbus layout, store id and file time older than the grace
  period: must be deleted;
- 1 orphan in the layout but younger than the grace period: must stay (it may be a STOW in flight);
- 2 objects outside the layout under studies/ (a foreign file, a key with an invalid store id),
  old: must stay (the sweeper never touches what it did not write).
Every object an index row references must stay, and so must every instance in QIDO/WADO.
Orphans of earlier faults in this run (cut STOWs, older than the grace period) go too.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chaoslib as C  # noqa: E402

GRACE = float(os.environ.get("CHAOS_SWEEPER_GRACE_S", "90"))
INTERVAL = float(os.environ.get("CHAOS_SWEEPER_INTERVAL_S", "15"))
ROOT = os.path.join(C.NIMBUS_HOME, "s3proxy", "blobs", "nimbus-dicom")


def store_id(age_s):
    ms = int((time.time() - age_s) * 1000)
    return "%012x" % ms + os.urandom(10).hex()


def plant(key, age_s, body=b"orphan"):
    path = os.path.join(ROOT, key)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(body)
    t = time.time() - age_s
    os.utime(path, (t, t))
    return key


def layout_key(sid, ext, study=None):
    study = study or C.uid()
    return "studies/%s/series/%s.1/instances/%s/%s.%s" % (study, study, C.uid(), sid, ext)


def main():
    old = GRACE + 3600
    must_go, must_stay = [], []
    for _ in range(3):
        sid = store_id(old)
        st, sop = C.uid(), C.uid()
        base = "studies/%s/series/%s.1/instances/%s/%s" % (st, st, sop, sid)
        must_go += [plant(base + ".dcm", old), plant(base + ".json", old, b"{}")]
    must_stay.append(plant(layout_key(store_id(0), "dcm"), 0))
    must_stay.append(plant("studies/README.txt", old, b"not written by Nimbus"))
    must_stay.append(plant(layout_key("not-a-store-id-" + os.urandom(8).hex(), "dcm"), old))

    rows = C.psql("select study_instance_uid, series_instance_uid, sop_instance_uid, store_id, blob_key, metadata_key "
                  "from instance")
    referenced = {r[4] for r in rows} | {r[5] for r in rows}
    ids = {r[3] for r in rows}
    files = C.blob_files()
    earlier = [f for f in files if f.startswith("studies/") and f not in must_go and f not in must_stay
               and os.path.basename(f).split(".")[0] not in ids
               and time.time() - os.path.getmtime(os.path.join(ROOT, f)) > GRACE + 5]
    C.info("planted %d orphans to sweep, %d objects to keep; %d older orphans of earlier faults; %d index rows"
           % (len(must_go), len(must_stay), len(earlier), len(rows)))

    t0, limit = time.time(), 3 * INTERVAL + 30
    while time.time() - t0 < limit:
        files = C.blob_files()
        if not any(k in files for k in must_go + earlier):
            break
        time.sleep(1)
    files = C.blob_files()
    left = [k for k in must_go if k in files]
    C.report(not left, "sweeper: the planted orphans older than the grace period were deleted (%d of %d left after %.0fs)"
             % (len(left), len(must_go), time.time() - t0))
    left_earlier = [k for k in earlier if k in files]
    C.report(not left_earlier, "sweeper: orphans of earlier faults older than the grace period deleted (%d of %d left)"
             % (len(left_earlier), len(earlier)))
    kept = [k for k in must_stay if k in files]
    C.report(len(kept) == len(must_stay), "sweeper: a young orphan and objects outside the layout were not touched "
             "(%d of %d kept)" % (len(kept), len(must_stay)))
    # the rows now (a DELETE answered while the indexer was behind removes its rows late)
    rows = C.psql("select blob_key, metadata_key from instance")
    referenced = {r[0] for r in rows} | {r[1] for r in rows}
    missing = sorted(k for k in referenced if k not in files)
    C.report(not missing, "sweeper: every object referenced by an index row is still there (%d of %d missing%s)"
             % (len(missing), len(referenced), (": " + repr(missing[:3])) if missing else ""))
    log = C.log_tail("delete", lines=5, grep="orphan sweep")
    C.info("delete-service: " + log.strip().replace("\n", " | ")[-400:])
    for k in must_stay:   # leave the bucket as the layout expects for the consistency check
        try:
            os.remove(os.path.join(ROOT, k))
        except OSError:
            pass
    C.figure("orphan sweeper (grace %ds, interval %ds)" % (GRACE, INTERVAL), planted_orphans=len(must_go),
             earlier_orphans=len(earlier), left=len(left) + len(left_earlier), untouched=len(kept),
             referenced_missing=len(missing), seconds=round(time.time() - t0, 1))


if __name__ == "__main__":
    main()
