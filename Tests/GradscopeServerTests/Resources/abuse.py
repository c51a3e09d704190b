#!/usr/bin/env python3
"""Abuse of a running explorer on 127.0.0.1, one scenario per run; prints one JSON line.

Usage: abuse.py PORT garbage|slow|abandon|busy [--count N]

  garbage  protocol garbage and odd methods: what status, headers and body each gets
  slow     silent, half-sent, idle and trickling clients: seconds until the server closes each
  abandon  one slow request kept, N heavy requests sent and dropped at once, then /api/health
  busy     one slow request kept, then N heavy requests at once, all read: statuses and 503 bodies

Every socket has a timeout and every loop a fixed count, so a run ends within about a minute.
"""
import json
import socket
import sys
import time

HOST = "127.0.0.1"
PORT = int(sys.argv[1])
SCENARIO = sys.argv[2]
COUNT = int(sys.argv[sys.argv.index("--count") + 1]) if "--count" in sys.argv else 20
# The heaviest surface the API allows (grid² × steps ≤ 2e6) with 200 descent steps each way.
HEAVY = "/api/surface.svg?grid=128&steps=122&start=5,-2.4&iterations=200"
LIGHT_HEAVY = "/api/chain?depth=3"


def connect(timeout=30.0):
    s = socket.create_connection((HOST, PORT), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def get(path, method="GET"):
    return f"{method} {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode()


def read_response(s, limit=4_000_000):
    """Reads until the server closes; returns (status, headers, body, bytes) — status None if nothing came."""
    data = b""
    try:
        while len(data) < limit:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, socket.timeout):
        pass
    if not data.startswith(b"HTTP/"):
        return None, {}, data, len(data)
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(lines[0].split(" ")[1]), headers, body, len(data)


def exchange(payload):
    with connect() as s:
        s.sendall(payload)
        status, headers, body, _ = read_response(s)
    return {"status": status, "contentType": headers.get("content-type"), "contentLength": headers.get("content-length"),
            "retryAfter": headers.get("retry-after"), "body": body.decode("utf-8", "replace")}


def garbage():
    cases = {
        "garbled request line": b"GARBAGE\r\n\r\n",
        "unknown method": b"FOO /api/health HTTP/1.1\r\nHost: x\r\n\r\n",
        "header over 80 KB": b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n",
        "broken chunked body": b"POST /api/health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "DELETE on a GET route": get("/api/health", "DELETE"),
        "unknown path": get("/api/nope"),
        "control character in a parameter name": get("/api/curves?dep%1Bth=3"),
        "control character in a value": get("/api/curves?activation=tan%07h"),
        "HEAD /api/health": get("/api/health", "HEAD"),
        "GET /api/health": get("/api/health"),
    }
    return {name: exchange_retrying(payload) for name, payload in cases.items()}


def exchange_retrying(payload, tries=5):
    """`exchange`, again when nothing came back: a server that closes a connection with input still unread
    (the oversized header, the bytes after a broken chunk) sends a TCP RST, and an RST that arrives before the
    client has read the answer discards it (ECONNRESET with no data). Under load that race is lost now and
    then; the server's answer itself is the same each time."""
    answer = exchange(payload)
    for _ in range(tries - 1):
        if answer["status"] is not None:
            break
        time.sleep(0.05)
        answer = exchange(payload)
    return answer


def seconds_until_closed(s, trickle=None, cap=15.0):
    """Seconds until the server closes `s` (reading and discarding any answer), at most `cap`."""
    start = time.monotonic()
    s.settimeout(0.2)
    while time.monotonic() - start < cap:
        try:
            chunk = s.recv(65536)
            if not chunk:
                return round(time.monotonic() - start, 2)
        except socket.timeout:
            if trickle:
                try:
                    s.sendall(trickle)
                except OSError:
                    return round(time.monotonic() - start, 2)
        except (ConnectionResetError, BrokenPipeError):
            return round(time.monotonic() - start, 2)
    return None


def slow():
    result = {}
    with connect() as s:
        result["silent"] = seconds_until_closed(s)
    with connect() as s:
        s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        result["half-sent head"] = seconds_until_closed(s)
    with connect() as s:
        s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        time.sleep(0.2)
        s.recv(65536)
        result["idle after a response"] = seconds_until_closed(s)
    with connect() as s:
        s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n")
        result["trickled body"] = seconds_until_closed(s, trickle=b"x")
    with connect() as s:
        s.sendall(get("/api/health"))
        status, _, _, _ = read_response(s)
        result["health afterwards"] = status
    return result


def abandon():
    blocker = connect(timeout=120)
    blocker.sendall(get(HEAVY))
    time.sleep(0.1)
    for _ in range(COUNT):
        with connect() as s:
            s.sendall(get(HEAVY))
    health = exchange(get("/api/health"))
    blocked = read_response(blocker)[0]
    blocker.close()
    time.sleep(0.5)
    return {"blocker": blocked, "abandoned": COUNT, "health": health["status"], "after": exchange(get(LIGHT_HEAVY))["status"]}


def busy():
    blocker = connect(timeout=120)
    blocker.sendall(get(HEAVY))
    time.sleep(0.1)
    sockets = []
    for _ in range(COUNT):
        s = connect(timeout=120)
        s.sendall(get(LIGHT_HEAVY))
        sockets.append(s)
    answers = []
    for s in sockets:
        status, headers, body, _ = read_response(s)
        answers.append({"status": status, "retryAfter": headers.get("retry-after"), "contentType": headers.get("content-type"),
                        "body": body.decode("utf-8", "replace")})
        s.close()
    blocked = read_response(blocker)[0]
    blocker.close()
    return {"blocker": blocked, "answers": answers}


print(json.dumps({"garbage": garbage, "slow": slow, "abandon": abandon, "busy": busy}[SCENARIO]()), flush=True)
