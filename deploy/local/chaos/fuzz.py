#!/usr/bin/env python3
"""Fault 3: bad input at volume (bounded, deterministic: seed CHAOS_SEED, CHAOS_FUZZ_N requests).

Malformed multipart bodies, truncated / garbage / huge-length DICOM parts, hostile UIDs in the
paths of GET/DELETE/POST, absurd query parameters and frame lists. Every answer must be 4xx
(never 5xx, never a hang > 10 s); the services stay ready; S3 holds nothing new except the
objects of the one valid instance stored first, and every object key follows
studies/<uid>/series/<uid>/instances/<uid>/<storeId>.(dcm|json).
"""
import os
import random
import re
import struct
import sys
import time
from urllib.parse import quote

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chaoslib as C  # noqa: E402

N = int(os.environ.get("CHAOS_FUZZ_N", "300"))
SEED = int(os.environ.get("CHAOS_SEED", "11"))
HANG = 10.0
KEY_RE = re.compile(r"^studies/[0-9.]{1,64}/series/[0-9.]{1,64}/instances/[0-9.]{1,64}/[0-9a-f]{32}\.(dcm|json)$")
UID_OK = re.compile(r"^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$")

rnd = random.Random(SEED)

HOSTILE = [
    "../../x", "..%2F..%2Fx", "%2e%2e%2f%2e%2e%2fx", "1.2/../../3", "1.2.3/..%2f..%2fetc%2fpasswd",
    "1" * 65, "1." * 40 + "1", "9" * 5000, "１.２.３", "1.2.é", "1.2.3%00", "1.2.3\x00".replace("\x00", "%00"),
    "1..2", ".1.2", "1.2.", "01.2", "1.02", "-1.2", "1.2 3", "1.2.3;rm -rf", "1'OR'1'='1", "1.2\r\nX: y",
    "%", "%zz", "1.2.3?x=1", "1.2.3#frag", "\u202e1.2", "☃", "a" * 64, "1.2.840.10008.1.2.1" + "." * 10,
]


def enc(uid):
    """Percent-encode what must not break the request line, keep what tests path handling."""
    if uid.startswith("%") or "%2" in uid or "%00" in uid:
        return uid
    return quote(uid, safe="./;'=?#%-")


def element_starts(data):
    """Offsets where an element starts in one of our Explicit VR LE files (a cut there is a valid file)."""
    out, i = {132}, 132
    while i + 8 <= len(data):
        vr = data[i + 4:i + 6]
        if vr in (b"OB", b"OW", b"SQ", b"UN", b"UT", b"UR", b"UC"):
            i += 12 + struct.unpack_from("<I", data, i + 8)[0]
        else:
            i += 8 + struct.unpack_from("<H", data, i + 6)[0]
        out.add(i)
    return out


def truncated(data):
    """Cut strictly inside an element (a cut between elements leaves a valid, shorter data set)."""
    starts = element_starts(data)
    while True:
        cut = rnd.randint(133, len(data) - 1)
        if cut not in starts:
            return data[:cut]


def garbage(n=None):
    return bytes(rnd.getrandbits(8) for _ in range(n or rnd.randint(1, 2000)))


def huge_length(data):
    """Rewrite a 4-byte length of a long-form element (PixelData OB) or a 2-byte one to something absurd."""
    b = bytearray(data)
    i = b.rfind(b"\xe0\x7f\x10\x00OB")
    if i > 0 and rnd.random() < 0.5:
        struct.pack_into("<I", b, i + 8, rnd.choice([0xFFFFFFF0, 0x7FFFFFFF, 0x10000000, 0xFFFFFFFF]))
    else:
        j = b.find(b"\x20\x00\x0d\x00UI")   # StudyInstanceUID
        struct.pack_into("<H", b, j + 6, 0xFFFF)
    return bytes(b)


def bad_uid_instance():
    uid = rnd.choice(["../../x", "1.2.3/../../4", "1" * 80, "1.2.é", "..", "01.2.3", "1.2..3", ""])
    data, _, _, _ = C.make_instance()
    # replace the SOP / study / series UID element with a hostile one (keep even lengths)
    kind = rnd.choice([b"\x08\x00\x18\x00UI", b"\x20\x00\x0d\x00UI", b"\x20\x00\x0e\x00UI"])
    b = bytearray(data)
    i = b.find(kind)
    old_len = struct.unpack_from("<H", b, i + 6)[0]
    v = uid.encode("utf-8")
    if len(v) % 2:
        v += b"\0"
    b[i + 6:i + 8 + old_len] = struct.pack("<H", len(v)) + v
    return bytes(b)


def main():
    s = requests.Session()
    before = C.blob_files()
    # the valid request: one instance, for the frame / bulkdata / metadata paths
    data, st, se, sop = C.make_instance(number=1)
    r = C.stow(s, [data])
    valid_ok = r.status_code == 200 and sop in C.referenced_sops(r)
    C.report(valid_ok, "fuzz: a valid instance is stored first (%d)" % r.status_code)
    inst = "%s/studies/%s/series/%s/instances/%s" % (C.BASE, st, se, sop)

    cases = []  # (label, method, url, kwargs)

    def add(label, method, url, **kw):
        cases.append((label, method, url, kw))

    stow_hdr = {"Content-Type": C.STOW_CT, "Accept": "application/dicom+json"}
    valid_part = C.make_instance()[0]
    # --- STOW bodies
    bodies = [
        ("empty body", b"", stow_hdr),
        ("garbage body", garbage(3000), stow_hdr),
        ("no closing boundary", b"--" + C.BOUNDARY.encode() + b"\r\nContent-Type: application/dicom\r\n\r\n" + valid_part, stow_hdr),
        ("wrong boundary", C.multipart([valid_part], boundary="other"), stow_hdr),
        ("no boundary param", C.multipart([valid_part]), {"Content-Type": 'multipart/related; type="application/dicom"'}),
        ("empty boundary", C.multipart([valid_part]), {"Content-Type": 'multipart/related; type="application/dicom"; boundary='}),
        ("boundary 5000 chars", C.multipart([valid_part], boundary="b" * 5000),
         {"Content-Type": 'multipart/related; type="application/dicom"; boundary=' + "b" * 5000}),
        ("text/plain", C.multipart([valid_part]), {"Content-Type": "text/plain"}),
        ("no content-type", C.multipart([valid_part]), {"Content-Type": ""}),
        ("dicom+json type", C.multipart([b"[]"], part_type="application/dicom+json"),
         {"Content-Type": 'multipart/related; type="application/dicom+json"; boundary=' + C.BOUNDARY}),
        ("part without headers", b"--" + C.BOUNDARY.encode() + b"\r\n" + valid_part[:50] + b"\r\n--" + C.BOUNDARY.encode() + b"--\r\n", stow_hdr),
        ("part header garbage", b"--" + C.BOUNDARY.encode() + b"\r\n" + garbage(200) + b"\r\n\r\nx\r\n--" + C.BOUNDARY.encode() + b"--\r\n", stow_hdr),
        ("zero parts", b"--" + C.BOUNDARY.encode() + b"--\r\n", stow_hdr),
        ("part content-length huge", b"--" + C.BOUNDARY.encode() + b"\r\nContent-Type: application/dicom\r\nContent-Length: 99999999999\r\n\r\n"
         + garbage(100) + b"\r\n--" + C.BOUNDARY.encode() + b"--\r\n", stow_hdr),
        ("part of wrong type", C.multipart([valid_part[:100]], part_type="image/jpeg"), stow_hdr),
        ("single-part application/dicom garbage", garbage(500), {"Content-Type": "application/dicom"}),
        ("single-part application/dicom truncated", valid_part[:200], {"Content-Type": "application/dicom"}),
    ]
    for label, body, hdr in bodies:
        add("STOW " + label, "POST", C.BASE + "/studies", data=body, headers=hdr)
    # many generated bad parts
    while len(cases) < N * 0.40:
        kind = rnd.choice(["truncated", "garbage", "huge", "baduid", "mixedgarbage"])
        if kind == "truncated":
            parts = [truncated(C.make_instance()[0])]
        elif kind == "garbage":
            parts = [garbage()]
        elif kind == "huge":
            parts = [huge_length(C.make_instance()[0])]
        elif kind == "baduid":
            parts = [bad_uid_instance()]
        else:
            parts = [garbage(rnd.randint(0, 300)) for _ in range(rnd.randint(2, 5))]
        add("STOW part " + kind, "POST", C.BASE + "/studies", data=C.multipart(parts), headers=stow_hdr)
    # --- hostile UIDs in paths
    templates = [
        ("GET", "/studies/{u}"), ("GET", "/studies/{u}/metadata"), ("GET", "/studies/{u}/series"),
        ("GET", "/studies/{u}/instances"), ("GET", "/studies/{u}/series/{u}"), ("GET", "/studies/{u}/series/{u}/instances"),
        ("GET", "/studies/{u}/series/{u}/instances/{u}"), ("GET", "/studies/{u}/series/{u}/instances/{u}/frames/1"),
        ("GET", "/studies/{u}/series/{u}/instances/{u}/bulkdata/7FE00010"), ("GET", "/studies/{u}/series/{u}/metadata"),
        ("DELETE", "/studies/{u}"), ("DELETE", "/studies/{u}/series/{u}"), ("DELETE", "/studies/{u}/series/{u}/instances/{u}"),
        ("POST", "/studies/{u}"), ("HEAD", "/studies/{u}"),
        ("GET", "/studies/%s/series/{u}/instances/{u}" % st), ("DELETE", "/studies/%s/series/{u}" % st),
        ("GET", "/studies/%s/series/%s/instances/{u}" % (st, se)),
        ("DELETE", "/studies/%s/series/%s/instances/{u}" % (st, se)),
    ]
    while len(cases) < N * 0.75:
        m, t = rnd.choice(templates)
        u = enc(rnd.choice(HOSTILE))
        kw = {"headers": {"Accept": "application/dicom+json"}}
        if m == "POST":
            kw = {"data": C.multipart([C.make_instance()[0]]), "headers": stow_hdr}
        add("%s %s hostile uid" % (m, t), m, C.BASE + t.replace("{u}", u), **kw)
    # --- absurd query params
    qparams = [
        {"limit": "-1"}, {"limit": "99999999999999999999"}, {"limit": "abc"}, {"offset": "-5"}, {"offset": "1e9"},
        {"StudyDate": "2020-13-45"}, {"StudyDate": "abcd-efgh"}, {"StudyDate": "--"}, {"StudyTime": "99:99"},
        {"includefield": "../../etc"}, {"includefield": "FFFFFFFF"}, {"fuzzymatching": "maybe"},
        {"SOPInstanceUID": "../../x"}, {"StudyInstanceUID": "1" * 200},
        {"StudyInstanceUID": ",".join(["1.2"] * 3000)}, {"00100010.00100020": "x"}, {"ReferencedSeriesSequence.x": "1"},
        {"nosuchparam": "1"}, {"StudyDate": "20200101-20190101-20180101"}, {"x" * 3000: "1"},
    ]
    # syntactically valid, only odd: 200 (usually []) is a correct answer; never 5xx
    qparams_valid = [{"PatientName": "*" * 5000}, {"00100010": "\x00"}, {"PatientID": "\u202e"}, {"Modality": "%"},
                     {"PatientName": "?" * 64}, {"limit": "0"}, {"offset": "999999"}]
    qido_paths = ["/studies", "/series", "/instances", "/studies/%s/series" % st, "/studies/%s/instances" % st]
    while len(cases) < N * 0.90:
        if rnd.random() < 0.75:
            add("QIDO invalid params", "GET", C.BASE + rnd.choice(qido_paths), params=rnd.choice(qparams),
                headers={"Accept": "application/dicom+json"})
        else:
            add("QIDO odd-but-valid params", "GET", C.BASE + rnd.choice(qido_paths), params=rnd.choice(qparams_valid),
                headers={"Accept": "application/dicom+json"}, lenient=True)
    # --- absurd frame lists on the valid instance and bulkdata paths
    frames = ["0", "-1", "1,,2", "abc", "99999999999999999999", "1-3", ",".join(str(i) for i in range(1, 3000)),
              "2", "1,2", " ", "1%00", "1.5", "%2e%2e", "4294967297", "1," * 200 + "x"]
    bulk = ["../../x", "7FE00010/0/../..", "ZZZZZZZZ", "00283010/99/00283006", "7FE00010/" * 50, "%2e%2e%2f"]
    while len(cases) < N:
        if rnd.random() < 0.7:
            add("WADO absurd frames", "GET", inst + "/frames/" + enc(rnd.choice(frames)),
                headers={"Accept": 'multipart/related; type="application/octet-stream"'})
        else:
            add("WADO absurd bulkdata", "GET", inst + "/bulkdata/" + enc(rnd.choice(bulk)),
                headers={"Accept": "application/octet-stream"})

    statuses, bad, slow = {}, [], []
    t_all = time.time()
    lenient_ok = 0
    for label, method, url, kw in cases[:N]:
        lenient = kw.pop("lenient", False)
        t0 = time.time()
        try:
            resp = s.request(method, url, timeout=HANG + 5, allow_redirects=False, **kw)
            code, text = resp.status_code, resp.text[:200]
        except requests.RequestException as e:
            code, text = "exception", str(e)[:200]
        dt = time.time() - t0
        statuses[code] = statuses.get(code, 0) + 1
        if dt > HANG:
            slow.append((label, url[:160], "%.1fs" % dt))
        if lenient and isinstance(code, int) and code < 500:
            lenient_ok += 1
            continue
        if not (isinstance(code, int) and 400 <= code < 500):
            bad.append((label, method, url[len(C.BASE):][:160], code, text))
    elapsed = time.time() - t_all
    C.info("fuzz: %d requests in %.1fs, statuses %s" % (min(N, len(cases)), elapsed, statuses))
    for b in bad[:15]:
        C.info("non-4xx: %r" % (b,))
    C.report(not bad, "fuzz: every one of %d bad requests answered 4xx (%d did not; %d odd-but-valid QIDO answered "
             "2xx/4xx, never 5xx)" % (min(N, len(cases)), len(bad), lenient_ok))
    C.report(not slow, "fuzz: no request took longer than %.0fs (%d did%s)" % (HANG, len(slow), (": " + repr(slow[:3])) if slow else ""))

    ready = {x: C.ready_status(x)[0] for x in ("store", "retrieve", "query", "delete")}
    C.report(all(v == 200 for v in ready.values()), "fuzz: every service is ready afterwards %s" % ready)
    w = C.wado_instance(s, st, se, sop)
    C.report(w.status_code == 200 and w.content == data, "fuzz: the valid instance is still retrievable byte-identical")

    after = C.blob_files()
    new = sorted(after - before)
    expected_prefix = "studies/%s/series/%s/instances/%s/" % (st, se, sop)
    unexpected = [k for k in new if not k.startswith(expected_prefix)]
    C.report(not unexpected and len(new) == 2, "fuzz: S3 gained only the valid instance's blob + metadata "
             "(%d new objects, %d unexpected%s)" % (len(new), len(unexpected), (": " + repr(unexpected[:5])) if unexpected else ""))
    malformed = [k for k in after if not KEY_RE.match(k) or not all(UID_OK.match(x) for x in k.split("/")[1:6:2])]
    C.report(not malformed, "fuzz: every object in the bucket is studies/<valid uid>/series/<valid uid>/instances/"
             "<valid uid>/<storeId>.(dcm|json) (%d are not%s)" % (len(malformed), (": " + repr(malformed[:5])) if malformed else ""))
    root = os.path.join(C.NIMBUS_HOME, "s3proxy", "blobs")
    outside = [d for d in os.listdir(root) if d != "nimbus-dicom"]
    C.report(not outside, "fuzz: nothing outside the bucket folder in the S3 store (%s)" % (outside or "none"))
    C.figure("fuzz (bad input at volume)", requests=min(N, len(cases)), statuses={str(k): v for k, v in statuses.items()},
             non_4xx=len(bad), slow=len(slow), new_objects=len(new), unexpected_objects=len(unexpected),
             seconds=round(elapsed, 1))


if __name__ == "__main__":
    main()
