#!/usr/bin/env python3
"""Load test of the explorer's main endpoints with wrk on loopback.

Usage: load_test.py BASE_URL [--seconds S] [--connections C] [--threads T]

Runs wrk for a bounded time per endpoint and prints a Markdown table of requests/s and
latency percentiles, then one JSON line. Exits non-zero if wrk fails, an endpoint answers
with an unexpected status, or a request errors out.
"""
import json
import re
import subprocess
import sys

BASE = sys.argv[1].rstrip("/")


def option(name, default):
    return type(default)(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


SECONDS = option("--seconds", 5)
CONNECTIONS = option("--connections", 16)
THREADS = option("--threads", 2)

ENDPOINTS = [
    ("page", "/", True),
    ("view, depth 100, 1000 points", "/api/view?activation=tanh&weight=8&bias=0&depth=100&x=-1:1&points=1000&precision=float64&at=0.5", True),
    ("view, S1 (depth 3)", "/api/view?activation=relu&weight=8&bias=0&depth=3&x=-1:1&points=1001&precision=float64&at=0.5", True),
    ("curves JSON, LaTeX formula", "/api/curves?formula=%5Ctext%7Btanh%7D(w%20%5Ctimes%20x)&param.w=8&depth=3&x=-1:1&points=401&precision=float64", True),
    ("curves.svg", "/api/curves.svg?activation=relu&weight=8&depth=3&points=401", True),
    ("chain JSON, 50 layers", "/api/chain?activation=tanh&weight=8&bias=0&depth=50&at=0&precision=float32", True),
    ("overflow JSON, to depth 1000", "/api/overflow?activation=tanh&weight=8&at=0", True),
    ("400: depth out of range", "/api/curves?depth=5000", False),
]

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * UNITS[unit]


def run(path, expect_ok):
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "--timeout", "5s", BASE + path]
    output = subprocess.run(command, capture_output=True, text=True, timeout=SECONDS + 30).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    percentiles = {p: milliseconds(v) for p, v in re.findall(r"^\s+(50|90|99)%\s+(\S+)", output, re.M)}
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    bad = int(non_2xx.group(1)) if non_2xx else 0
    if expect_ok and bad:
        raise SystemExit(f"FAILED: {path} answered {bad} of {total} requests with a non-2xx status")
    if not expect_ok and bad != total:
        raise SystemExit(f"FAILED: {path} answered {total - bad} of {total} requests with 2xx, expected 400s")
    if errors and sum(int(g) for g in errors.groups()) > 0:
        raise SystemExit(f"FAILED: {path}: {errors.group(0)}")
    return {"requests": total, "rps": rate, "p50": percentiles.get("50"), "p90": percentiles.get("90"), "p99": percentiles.get("99")}


def main():
    print(f"wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s --latency, per endpoint, on {BASE}\n")
    print("| endpoint | requests/s | p50 ms | p90 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|")
    results = {}
    for name, path, expect_ok in ENDPOINTS:
        r = run(path, expect_ok)
        results[name] = r
        print(f"| {name} | {r['rps']:.0f} | {r['p50']:.2f} | {r['p90']:.2f} | {r['p99']:.2f} |", flush=True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
