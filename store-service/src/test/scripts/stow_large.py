"""Streams a multipart/related STOW of N multi-frame Part 10 instances (each FRAMES x 1024 x 1024 x 8 bit)
to the store-service without holding the body in memory; prints status, duration and the response."""
import http.client, struct, sys, time, os, random

HOST, PORT = "127.0.0.1", int(sys.argv[1])
N, FRAMES = int(sys.argv[2]), int(sys.argv[3])
ROWS = COLS = 1024
BOUNDARY = "stow2g-" + "".join(random.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(30))
STUDY = "1.2.826.0.1.3680043.8.498.%d" % random.randint(10**20, 10**21)

def el(group, elem, vr, value):
    if isinstance(value, str):
        value = value.encode("ascii")
        if len(value) % 2:
            value += b"\0" if vr == "UI" else b" "
    if vr in ("OB", "OW", "OF", "SQ", "UT", "UN"):
        return struct.pack("<HH2sHI", group, elem, vr.encode(), 0, len(value)) + value
    return struct.pack("<HH2sH", group, elem, vr.encode(), len(value)) + value

def header(i):
    sop = "%s.%d" % (STUDY, 100 + i)
    sop_class = "1.2.840.10008.5.1.4.1.1.7.2"
    meta = (el(2, 1, "OB", b"\0\1") + el(2, 2, "UI", sop_class) + el(2, 3, "UI", sop)
            + el(2, 0x10, "UI", "1.2.840.10008.1.2.1") + el(2, 0x12, "UI", "1.2.826.0.1.3680043.8.498.1"))
    meta = el(2, 0, "UL", struct.pack("<I", len(meta))) + meta
    ds = (el(8, 0x16, "UI", sop_class) + el(8, 0x18, "UI", sop) + el(8, 0x60, "CS", "OT")
          + el(0x10, 0x10, "PN", "Big^Test") + el(0x10, 0x20, "LO", "BIG1")
          + el(0x20, 0x0D, "UI", STUDY) + el(0x20, 0x0E, "UI", STUDY + ".1") + el(0x20, 0x13, "IS", str(i + 1))
          + el(0x28, 2, "US", struct.pack("<H", 1)) + el(0x28, 4, "CS", "MONOCHROME2")
          + el(0x28, 8, "IS", str(FRAMES)) + el(0x28, 0x10, "US", struct.pack("<H", ROWS))
          + el(0x28, 0x11, "US", struct.pack("<H", COLS)) + el(0x28, 0x100, "US", struct.pack("<H", 8))
          + el(0x28, 0x101, "US", struct.pack("<H", 8)) + el(0x28, 0x102, "US", struct.pack("<H", 7))
          + el(0x28, 0x103, "US", struct.pack("<H", 0)))
    pixel_len = FRAMES * ROWS * COLS
    return b"\0" * 128 + b"DICM" + meta + ds + struct.pack("<HH2sHI", 0x7FE0, 0x10, b"OB", 0, pixel_len), pixel_len

CHUNK = bytes((i * 7) % 251 for i in range(1 << 20))

def body():
    for i in range(N):
        head, pixel_len = header(i)
        yield ("%s--%s\r\nContent-Type: application/dicom\r\n\r\n" % ("" if i == 0 else "\r\n", BOUNDARY)).encode() + head
        left = pixel_len
        while left > 0:
            n = min(left, len(CHUNK))
            yield CHUNK[:n]
            left -= n
    yield ("\r\n--%s--\r\n" % BOUNDARY).encode()

conn = http.client.HTTPConnection(HOST, PORT, timeout=600)
t0 = time.time()
conn.request("POST", "/studies", body=body(), encode_chunked=True,
             headers={"Content-Type": 'multipart/related; type="application/dicom"; boundary=%s' % BOUNDARY,
                      "Transfer-Encoding": "chunked"})
r = conn.getresponse()
data = r.read()
dt = time.time() - t0
total = N * FRAMES * ROWS * COLS
print("status", r.status, "warning", r.getheader("Warning"), "seconds %.1f" % dt, "bytes", total,
      "MB/s %.1f" % (total / dt / 1e6))
print(data.decode()[:600])
