"""A computation whose client leaves stops early: run against a live server with ONE worker and
NO waiting line (so a heavy request while another computes is refused with 503 at once).

Usage: abandon_running.py PORT. Prints one JSON line:
  kept:      a slow heavy request with its client still reading; "whileKept" is the status of a second
             heavy request sent 1 s into it (503: the first one still holds the worker), "kept" the
             first one's own status (200).
  abandoned: the same slow request, its connection closed 0.5 s in; "health" is /api/health right after,
             "slotAfter" the status of the first heavy request that got the worker, polled every 0.25 s
             for at most 4 s ("polls" how many it took), while the abandoned computation alone needs
             "keptSeconds" to finish.
127.0.0.1 only, bounded in count and time.
"""
import json, socket, sys, time

HOST, PORT = "127.0.0.1", int(sys.argv[1])
# The heaviest surface the API allows, in bfloat16 (the generic, non-vectorised path): seconds of work.
SLOW = "/api/surface.csv?grid=128&steps=122&precision=bfloat16"
LIGHT_HEAVY = "/api/chain?depth=3"


def connect(timeout=60.0):
    s = socket.create_connection((HOST, PORT), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def get(path):
    return f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode()


def status_of(s):
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, socket.timeout):
        pass
    return int(data.split(b" ")[1]) if data.startswith(b"HTTP/") else None


def exchange(path):
    with connect() as s:
        s.sendall(get(path))
        return status_of(s)


started = time.monotonic()
kept = connect()
kept.sendall(get(SLOW))
time.sleep(1.0)
while_kept = exchange(LIGHT_HEAVY)
kept_status = status_of(kept)
kept_seconds = time.monotonic() - started
kept.close()

abandoned = connect()
abandoned.sendall(get(SLOW))
time.sleep(0.5)
abandoned.close()
health = exchange("/api/health")
polls, slot_after = 0, None
deadline = time.monotonic() + 4.0
while time.monotonic() < deadline:
    polls += 1
    slot_after = exchange(LIGHT_HEAVY)
    if slot_after == 200:
        break
    time.sleep(0.25)
print(json.dumps({"whileKept": while_kept, "kept": kept_status, "keptSeconds": round(kept_seconds, 2),
                  "health": health, "slotAfter": slot_after, "polls": polls}), flush=True)
