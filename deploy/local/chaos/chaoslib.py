"""Shared helpers of the chaos suite (python3 stdlib + requests).

Synthetic DICOM generator (Explicit VR Little Endian Part 10, 8x8 MONOCHROME2 pixels, unique
UIDs), multipart/related bodies, STOW response parsing, PASS/FAIL reporting and the launcher
wrapper. Every test script prints `PASS: ...` / `FAIL: ...` lines; run.sh counts them.
"""
import json
import os
import random
import struct
import subprocess
import sys
import time
import uuid

import requests

BASE = os.environ.get("CHAOS_BASE_URL", "http://127.0.0.1:58080")
NIMBUS_HOME = os.environ.get("NIMBUS_HOME", "/tmp/nimbus-chaos")
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
NIMBUS = os.path.join(REPO, "deploy", "local", "nimbus")
RESULTS = os.environ.get("CHAOS_RESULTS", os.path.join(NIMBUS_HOME, "chaos", "results.txt"))

SOP_CT = "1.2.840.10008.5.1.4.1.1.7"  # Secondary Capture Image Storage
EXPLICIT_LE = "1.2.840.10008.1.2.1"
BOUNDARY = "chaosboundary"
STOW_CT = 'multipart/related; type="application/dicom"; boundary=' + BOUNDARY


# ------------------------------------------------------------------------------------- reporting
def report(ok, text):
    line = ("PASS: " if ok else "FAIL: ") + text
    print(line, flush=True)
    os.makedirs(os.path.dirname(RESULTS), exist_ok=True)
    with open(RESULTS, "a") as f:
        f.write(line + "\n")
    return ok


def info(text):
    print("  " + text, flush=True)


def figure(name, **values):
    """A measured figure, appended as one JSON line to figures.jsonl (docs/operations.md)."""
    os.makedirs(os.path.dirname(RESULTS), exist_ok=True)
    with open(os.path.join(os.path.dirname(RESULTS), "figures.jsonl"), "a") as f:
        f.write(json.dumps({"fault": name, **values}) + "\n")
    info("FIGURE %s %s" % (name, json.dumps(values)))


# --------------------------------------------------------------------------------------- DICOM
def uid():
    """A unique UID under the 2.25 (UUID) root."""
    return "2.25." + str(uuid.uuid4().int)


def _el(group, elem, vr, value):
    if isinstance(value, str):
        value = value.encode("ascii")
        pad = b"\0" if vr == "UI" else b" "
        if len(value) % 2:
            value += pad
    if vr in ("OB", "OW", "SQ", "UN", "UT", "UR", "UC", "OF", "OD", "OL", "OV"):
        return struct.pack("<HH2sHI", group, elem, vr.encode(), 0, len(value)) + value
    return struct.pack("<HH2sH", group, elem, vr.encode(), len(value)) + value


def us(v):
    return struct.pack("<H", v)


def make_instance(study=None, series=None, sop=None, number=1, patient="CHAOS^TEST", pid="CHAOS1", seed=None):
    """A small valid Part 10 file (Explicit VR LE). Returns (bytes, study, series, sop)."""
    study = study or uid()
    series = series or uid()
    sop = sop or uid()
    rnd = random.Random(seed if seed is not None else sop)
    pixels = bytes(rnd.getrandbits(8) for _ in range(64))
    meta_body = b"".join([
        _el(0x0002, 0x0001, "OB", b"\x00\x01"),
        _el(0x0002, 0x0002, "UI", SOP_CT),
        _el(0x0002, 0x0003, "UI", sop),
        _el(0x0002, 0x0010, "UI", EXPLICIT_LE),
        _el(0x0002, 0x0012, "UI", "1.2.826.0.1.3680043.9.7433.1"),
        _el(0x0002, 0x0013, "SH", "NIMBUS_CHAOS"),
    ])
    meta = _el(0x0002, 0x0000, "UL", struct.pack("<I", len(meta_body))) + meta_body
    ds = b"".join([
        _el(0x0008, 0x0016, "UI", SOP_CT),
        _el(0x0008, 0x0018, "UI", sop),
        _el(0x0008, 0x0020, "DA", "20260101"),
        _el(0x0008, 0x0030, "TM", "120000"),
        _el(0x0008, 0x0060, "CS", "OT"),
        _el(0x0010, 0x0010, "PN", patient),
        _el(0x0010, 0x0020, "LO", pid),
        _el(0x0020, 0x000D, "UI", study),
        _el(0x0020, 0x000E, "UI", series),
        _el(0x0020, 0x0010, "SH", "1"),
        _el(0x0020, 0x0011, "IS", "1"),
        _el(0x0020, 0x0013, "IS", str(number)),
        _el(0x0028, 0x0002, "US", us(1)),
        _el(0x0028, 0x0004, "CS", "MONOCHROME2"),
        _el(0x0028, 0x0010, "US", us(8)),
        _el(0x0028, 0x0011, "US", us(8)),
        _el(0x0028, 0x0100, "US", us(8)),
        _el(0x0028, 0x0101, "US", us(8)),
        _el(0x0028, 0x0102, "US", us(7)),
        _el(0x0028, 0x0103, "US", us(0)),
        _el(0x7FE0, 0x0010, "OB", pixels),
    ])
    return b"\0" * 128 + b"DICM" + meta + ds, study, series, sop


def multipart(parts, boundary=BOUNDARY, part_type="application/dicom"):
    out = []
    for p in parts:
        out.append(b"--" + boundary.encode() + b"\r\nContent-Type: " + part_type.encode() + b"\r\n\r\n" + p + b"\r\n")
    out.append(b"--" + boundary.encode() + b"--\r\n")
    return b"".join(out)


def referenced_sops(resp):
    """SOP Instance UIDs of ReferencedSOPSequence (0008,1199) in a STOW response, or []."""
    try:
        body = resp.json()
    except ValueError:
        return []
    if isinstance(body, list):
        body = body[0] if body else {}
    items = (body.get("00081199") or {}).get("Value") or []
    out = []
    for it in items:
        v = (it.get("00081155") or {}).get("Value") or []
        if v:
            out.append(v[0])
    return out


def stow(session, parts, timeout=60, study=None):
    url = BASE + "/studies" + ("/" + study if study else "")
    return session.post(url, data=multipart(parts), timeout=timeout,
                        headers={"Content-Type": STOW_CT, "Accept": "application/dicom+json"})


def wado_instance(session, study, series, sop, timeout=30):
    return session.get("%s/studies/%s/series/%s/instances/%s" % (BASE, study, series, sop), timeout=timeout,
                       headers={"Accept": "application/dicom"})


def qido_sop(session, sop, timeout=30):
    return session.get(BASE + "/instances", params={"SOPInstanceUID": sop}, timeout=timeout,
                       headers={"Accept": "application/dicom+json"})


# ------------------------------------------------------------------------------- stack control
def pid_of(component):
    """PID of a running component of this NIMBUS_HOME (as the launcher's component_pid), or None."""
    if component == "postgres":
        path = os.path.join(NIMBUS_HOME, "pg", "data", "postmaster.pid")
        want = "-D " + os.path.join(NIMBUS_HOME, "pg", "data")
    elif component == "gateway":
        path = os.path.join(NIMBUS_HOME, "run", "gateway.pid")
        want = os.path.join(NIMBUS_HOME, "nginx", "nginx.conf")
    else:
        path = os.path.join(NIMBUS_HOME, "run", component + ".pid")
        want = "-Dnimbus.home=" + NIMBUS_HOME
    try:
        with open(path) as f:
            pid = int(f.readline().strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except OSError:
        return None
    # only a process started for this NIMBUS_HOME
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            if want.encode() not in f.read().replace(b"\0", b" "):
                return None
    except OSError:
        return None
    return pid


def kill9(component):
    pid = pid_of(component)
    if pid is None:
        return None
    os.kill(pid, 9)
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except OSError:
            break
        time.sleep(0.05)
    return pid


def nimbus_up(log_name="up"):
    """`nimbus up` (idempotent: starts only what is down). Returns (rc, seconds)."""
    t0 = time.time()
    logf = os.path.join(NIMBUS_HOME, "chaos", log_name + ".log")
    os.makedirs(os.path.dirname(logf), exist_ok=True)
    with open(logf, "ab") as f:
        rc = subprocess.call([NIMBUS, "up"], stdout=f, stderr=subprocess.STDOUT, timeout=300)
    return rc, time.time() - t0


def service_port(name):
    return int(os.environ.get("NIMBUS_%s_PORT" % name.upper(), {"store": 58081, "retrieve": 58082,
                                                              "query": 58083, "delete": 58084}[name]))


def ready_status(name, timeout=5):
    try:
        r = requests.get("http://127.0.0.1:%d/q/health/ready" % service_port(name), timeout=timeout)
        return r.status_code, r.text
    except requests.RequestException as e:
        return None, str(e)


def log_tail(name, lines=20, grep=None):
    path = os.path.join(NIMBUS_HOME, "logs", name + ".log")
    try:
        with open(path, errors="replace") as f:
            data = f.readlines()
    except OSError:
        return ""
    if grep:
        data = [l for l in data if grep in l]
    return "".join(data[-lines:])


def blob_files():
    root = os.path.join(NIMBUS_HOME, "s3proxy", "blobs", "nimbus-dicom")
    out = set()
    for d, _, files in os.walk(root):
        for fn in files:
            out.add(os.path.relpath(os.path.join(d, fn), root))
    return out


# ------------------------------------------------------------------------------- shared checks
SERVICES = ["store", "retrieve", "query", "delete"]
COMPONENTS = ["postgres", "s3proxy", "kafka", "query", "store", "retrieve", "delete", "gateway"]


def psql(sql, timeout=60):
    """Rows of a query on the chaos stack's index database (list of lists of strings)."""
    env = dict(os.environ, PGPASSWORD="nimbus", PGCONNECT_TIMEOUT="5")
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", os.environ.get("NIMBUS_PG_PORT", "55432"), "-U", "nimbus",
                          "-d", "nimbus", "-AtF", "\t", "-c", sql], env=env, capture_output=True, text=True,
                         timeout=timeout)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    return [l.split("\t") for l in out.stdout.splitlines() if l]


def wait_all_ready(timeout=120, services=None):
    """Seconds until every service answers ready 200, or None after timeout."""
    t0 = time.time()
    while time.time() - t0 < timeout:
        if all(ready_status(x, timeout=3)[0] == 200 for x in (services or SERVICES)):
            return time.time() - t0
        time.sleep(0.3)
    return None


def timed(fn, *args, **kwargs):
    """(response or exception, seconds)."""
    t0 = time.time()
    try:
        r = fn(*args, **kwargs)
    except requests.RequestException as e:
        r = e
    return r, time.time() - t0


def status_of(r):
    return r.status_code if isinstance(r, requests.Response) else type(r).__name__


def clean_failure(r):
    """A failure during an outage that is allowed: 503 + Retry-After, 502/504 from the gateway, or a
    connection error while the gateway's upstream is down. Never 500, never a hang."""
    if isinstance(r, requests.Response):
        return (r.status_code == 503 and "Retry-After" in r.headers) or r.status_code in (502, 504)
    return isinstance(r, requests.ConnectionError)


def verify_acked(acked, session=None):
    """(lost, inconsistent, examples) over {sop: (study, series, bytes)}: WADO byte-identical and QIDO finds it."""
    s = session or requests.Session()
    lost, inconsistent, examples = 0, 0, []
    for sop, (st, se, data) in list(acked.items()):
        try:
            w = wado_instance(s, st, se, sop)
            q = qido_sop(s, sop)
        except requests.RequestException as e:
            lost += 1
            examples.append((sop, "exception " + str(e)[:100]))
            continue
        wado_ok = w.status_code == 200 and w.content == data
        qido_ok = q.status_code == 200 and sop in q.text
        if not wado_ok and not qido_ok:
            lost += 1
            examples.append((sop, "WADO %d QIDO %d" % (w.status_code, q.status_code)))
        elif not (wado_ok and qido_ok):
            inconsistent += 1
            examples.append((sop, "WADO %d (%s) QIDO %d" % (
                w.status_code, "identical" if w.content == data else "%d bytes differ" % len(w.content), q.status_code)))
    return lost, inconsistent, examples
