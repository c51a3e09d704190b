#!/usr/bin/env python3
"""A bounded barrage of malformed requests against the explorer, then a check that it still answers.

Usage: barrage.py HOST PORT [--seed N]

Sends raw TCP garbage, oversized request lines and headers, broken HTTP, half-sent
requests and bad query strings (about 300 connections, seeded, each with a short timeout),
checks that bad queries get 4xx JSON errors and never 5xx, then that /api/health and a
real request still answer correctly. Prints a summary; exits non-zero on a failed check.
"""
import json
import random
import socket
import sys
import time

HOST, PORT = sys.argv[1], int(sys.argv[2])
SEED = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 7
random.seed(SEED)
counts = {}


def exchange(payload, timeout=2.0, read=True):
    """Sends raw bytes on a fresh connection and returns the status line's code (or a label)."""
    try:
        with socket.create_connection((HOST, PORT), timeout=timeout) as s:
            s.sendall(payload)
            if not read:
                return "sent"
            data = b""
            while b"\r\n\r\n" not in data and len(data) < 65536:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
            if not data:
                return "closed"
            parts = data.split(b" ", 2)
            return parts[1].decode() if len(parts) > 1 and data.startswith(b"HTTP/") else "garbage"
    except (ConnectionResetError, BrokenPipeError):
        return "reset"
    except socket.timeout:
        return "timeout"


def get(path, extra=b""):
    return b"GET " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra + b"\r\n"


def tally(kind, result):
    counts.setdefault(kind, {}).setdefault(result, 0)
    counts[kind][result] += 1
    return result


def main():
    started = time.monotonic()
    # Raw garbage, random bytes of random length.
    for _ in range(100):
        tally("random bytes", exchange(bytes(random.getrandbits(8) for _ in range(random.randint(1, 4096)))))
    # Broken HTTP.
    for payload in [b"\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"GET / HTTP/1.1\r\nHost\r\n\r\n",
                    b"BREW /coffee HTCPCP/1.0\r\n\r\n", b"GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
                    b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
                    b"GET /" + b"\x00" * 10 + b" HTTP/1.1\r\n\r\n", b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"] * 3:
        tally("broken HTTP", exchange(payload, timeout=1.0))
    # Oversized request line, header, and header count.
    for _ in range(5):
        tally("1 MB request line", exchange(get(b"/api/curves?formula=" + b"x" * 1_000_000)))
        tally("200 KB header", exchange(get(b"/", b"X-Big: " + b"a" * 200_000 + b"\r\n")))
        tally("20000 headers", exchange(get(b"/", b"".join(b"X-%d: 1\r\n" % i for i in range(20000)))))
    # Half-sent requests, then the client goes away.
    for _ in range(50):
        tally("half-sent", exchange(b"GET /api/curves?depth=3 HTTP/1.1\r\nHost: 127.0.0.1\r\n", read=False))
    # Bad query strings: each must be a 4xx JSON error, never a 5xx.
    bad_queries = [b"/api/curves?&&&==&", b"/api/curves?depth=1e400", b"/api/curves?x=nan:1", b"/api/curves?formula=%00",
                   b"/api/curves?formula=%C3%28", b"/api/curves?formula=" + b"(" * 400, b"/api/curves?formula=" + b"-" * 400 + b"x",
                   b"/api/curves?depth=99999999999999999999999", b"/api/view?points=-1", b"/api/chain?at=1e999",
                   b"/api/curves?formula=%E2%88%9A(x)", b"/api/curves?param.%zz=1", b"/api/curves?=5", b"/api/overflow?depth=0x10",
                   b"/api/curves?formula=x^x^x^x^x^x^x^x^x^x", b"/api/curves?formula=" + b"\\frac{" * 100,
                   b"/api/curves?formula=" + b"x*" * 240 + b"x", b"/api/curves?formula=" + b"(" * 250 + b"x" + b")" * 249,
                   b"/api/curves?formula=" + b"-" * 499 + b"x", b"/api/curves?formula=" + b"x^" * 249 + b"x"]
    for path in bad_queries * 3:
        result = tally("bad query", exchange(get(path + b"&points=50"), timeout=10))
        if not (result.startswith("4") or result == "200"):
            raise SystemExit(f"FAILED: {path[:80]!r} answered {result}, expected a 4xx (or 200)")
    # The largest request the limits allow (points x depth = 2e6) is answered, not refused or dropped.
    tally("largest request", exchange(get(b"/api/view?formula=exp(-x*x)&depth=1000&points=2000"), timeout=60))
    if counts["largest request"].get("200") != 1:
        raise SystemExit(f"FAILED: the largest allowed request answered {counts['largest request']}")
    # Pipelined garbage after a good request.
    for _ in range(20):
        tally("pipelined", exchange(get(b"/api/health")[:-2] + b"Connection: keep-alive\r\n\r\n" + b"\xff\xfe garbage\r\n\r\n"))
    elapsed = time.monotonic() - started

    # The server still answers correctly.
    with socket.create_connection((HOST, PORT), timeout=5) as s:
        s.sendall(get(b"/api/health"))
        health = s.makefile("rb").read().decode()
    if not health.startswith("HTTP/1.1 200") or '{"status":"ok"}' not in health:
        raise SystemExit(f"FAILED: /api/health after the barrage: {health[:200]!r}")
    with socket.create_connection((HOST, PORT), timeout=5) as s:
        s.sendall(get(b"/api/view?activation=relu&weight=8&depth=3&points=1001"))
        view = s.makefile("rb").read().decode()
    body = json.loads(view.split("\r\n\r\n", 1)[1])
    if body["numbers"][-1]["maxSlope"] != 512:
        raise SystemExit(f"FAILED: relu w = 8 depth 3 after the barrage: {body['numbers']}")
    total = sum(sum(v.values()) for v in counts.values())
    print(json.dumps({"connections": total, "seconds": round(elapsed, 2), "results": counts}))
    print("ok: the server answers /api/health and /api/view correctly after the barrage")


if __name__ == "__main__":
    main()
