#!/usr/bin/env python3
"""Explains the harness's QIDO "count mismatch" at large data sets.

dicomweb_bench.py qido expects complete answers without `limit`; Nimbus answers at most
nimbus.query.qido.default-limit (100) results per request (PS3.18 lets the origin server limit).
This script re-creates the harness's own query plan (same manifest(s), count and seed), picks the
queries whose expected result is larger than 100, re-asks them with limit=1000 and checks that the
answer is exactly the expected set of UIDs.

    python3 qido_countcheck.py --bench /work/shared/bench --base http://127.0.0.1:38080 \
        --manifest data/i100k/manifest.json [--count 2000] [--seed 42]
"""
import argparse
import sys

import requests


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", required=True, help="directory of dicomweb_bench.py")
    ap.add_argument("--base", required=True)
    ap.add_argument("--manifest", action="append", required=True)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    sys.path.insert(0, args.bench)
    import dicomweb_bench as bench

    data = bench.Data(args.manifest)
    queries = list(bench.make_queries(data, args.count, args.seed, bench.QUERY_TYPES))
    over = [q for q in queries if isinstance(q[3], int) and q[3] > 100 and "limit" not in q[2]]
    print("planned %d queries, %d expect more than 100 results" % (len(queries), len(over)))
    session = requests.Session()
    session.trust_env = False
    wrong = 0
    for _type, path, params, _expected, uids, tag in over:
        p = dict(params, limit="1000")
        r = session.get(args.base + path, params=p, headers={"Accept": "application/dicom+json"})
        got = [e[tag]["Value"][0] for e in r.json()] if r.status_code == 200 else []
        if r.status_code != 200 or set(got) != uids or len(got) != len(set(got)):
            wrong += 1
            print("differs: %s %s -> HTTP %d, %d results, expected %d" % (path, params, r.status_code, len(got), len(uids)))
    print("re-asked with limit=1000: %d of %d exact" % (len(over) - wrong, len(over)))
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
