#!/usr/bin/python3
"""measure.py BASE_URL ADMIN_TOKEN TAG REGISTRATIONS: times, one request at a time, REGISTRATIONS registrations of new
users (each writes the user's directory entry) and five of each admin listing (the first page of every user, and a
search by part of a name), and prints one line each: count, p50 and max in milliseconds."""
import json
import statistics
import sys
import time
import urllib.request

base, token, tag, registrations = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])


def timed(method, path, body=None, auth=None, expect=200):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if auth:
        request.add_header("Authorization", f"Bearer {auth}")
    started = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        response.read()
        status = response.status
    elapsed = (time.perf_counter() - started) * 1000
    if status != expect:
        raise SystemExit(f"{method} {path}: {status}, not {expect}")
    return elapsed


def report(name, times):
    print(f"{name} n={len(times)} p50_ms={statistics.median(times):.1f} max_ms={max(times):.1f}")


report("register", [timed("POST", "/api/register/", {
    "username": f"{tag}_{i:04d}", "email": f"{tag}_{i:04d}@bench.example", "password": "bench-pass-12345",
    "first_name": "New", "last_name": "User"}, expect=201) for i in range(registrations)])
report("list_all", [timed("GET", "/api/admin/users/", auth=token) for _ in range(5)])
report("list_search", [timed("GET", "/api/admin/users/?q=D_00123", auth=token) for _ in range(5)])
