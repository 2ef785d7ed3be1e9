#!/usr/bin/python3
"""prepare.py BASE_URL OUT_DIR: seed the gateway through its HTTP API, the way the DRF anchor's
setup seeds its database, then log in as the bench user.

Registers the bench user and SEED_USERS others, creates SEED_CONVERSATIONS conversations of 2 to 5
participants with the bench user in every one, posts SEED_MESSAGES messages in each (as the bench
user), and writes OUT_DIR/token (an access token) and OUT_DIR/conversations.txt (one id a line).
Env: BENCH_USER, BENCH_PASSWORD, SEED_USERS (200), SEED_CONVERSATIONS (100), SEED_MESSAGES (30),
PREPARE_WORKERS (8). Standard library only (Debian's /usr/bin/python3)."""
import json
import os
import random
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

base, out = sys.argv[1:3]
user = os.environ.get("BENCH_USER", "bench")
password = os.environ.get("BENCH_PASSWORD", "bench-pass-12345")
seed_users = int(os.environ.get("SEED_USERS", "200"))
seed_conversations = int(os.environ.get("SEED_CONVERSATIONS", "100"))
seed_messages = int(os.environ.get("SEED_MESSAGES", "30"))
workers = int(os.environ.get("PREPARE_WORKERS", "8"))


def call(method, path, body=None, token=None, ok=(200, 201)):
    data = json.dumps(body).encode() if body is not None else None
    r = urllib.request.Request(base + path, method=method, data=data)
    if data is not None:
        r.add_header("Content-Type", "application/json")
    if token:
        r.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(r, timeout=60) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as e:
        if e.code in ok:
            return e.code, None
        raise SystemExit(f"{method} {path}: {e.code} {e.read()[:500]!r}")


def register(username):
    status, body = call("POST", "/api/register/", {
        "username": username, "email": f"{username}@bench.example", "password": password,
        "first_name": "Bench", "last_name": "User"}, ok=(201, 409))
    if status == 409:
        raise SystemExit(f"user {username} already exists: start from an empty data directory")
    return body["user_id"]


started = time.monotonic()
register(user)
with ThreadPoolExecutor(workers) as pool:
    others = list(pool.map(register, [f"{user}_peer_{i:04d}" for i in range(1, seed_users + 1)]))
token = call("POST", "/api/token/", {"username": user, "password": password})[1]["access"]

rng = random.Random(42)


def create_conversation(n):
    peers = rng.sample(others, rng.randint(1, min(4, len(others))))
    return call("POST", "/api/conversations/", {"participants": peers, "title": f"bench {n}"},
                token=token)[1]["conversation_id"]


def post_messages(conversation_id):
    for m in range(1, seed_messages + 1):
        call("POST", f"/api/conversations/{conversation_id}/messages/",
             {"message_body": f"seed message {m}"}, token=token)


conversations = [create_conversation(n) for n in range(1, seed_conversations + 1)]
with ThreadPoolExecutor(workers) as pool:
    list(pool.map(post_messages, conversations))

with open(os.path.join(out, "token"), "w") as f:
    f.write(token)
with open(os.path.join(out, "conversations.txt"), "w") as f:
    f.write("\n".join(conversations) + "\n")
print(f"prepared in {time.monotonic() - started:.1f} s: user {user}, {len(others)} others, "
      f"{len(conversations)} conversations, {seed_messages} messages each")
