#!/usr/bin/python3
"""load.py DB_FILE CONVERSATION_ID AUTHOR_ID USERNAME COUNT: bulk-load COUNT messages into one
conversation's journal in the embedded default's SQLite file, with the gateway stopped.

Rows are what the conversation grain itself writes (bench/history/run.sh checks that the gateway
serves them): seq 1..COUNT in stream messages/<id>, entry ids in RFC byte order (schema version 4), the
sender's id as author, UTC milliseconds that never decrease with seq and end before now, and the JSON
payload of Grains.MessageRecord. One transaction; standard library only."""
import json
import sqlite3
import sys
import time
import uuid

db, conversation, author, username, count = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
stream = f"messages/{uuid.UUID(conversation)}"
author = uuid.UUID(author).hex
end_ms = int(time.time() * 1000) - 1000
start_ms = end_ms - count // 10  # ten messages per millisecond, the newest a second ago


def rows():
    for seq in range(1, count + 1):
        payload = json.dumps({"message_body": f"history message {seq}", "sender_username": username,
                              "client_message_id": None, "edited_at": None}).encode()
        yield (stream, seq, uuid.uuid4().bytes, start_ms + (seq - 1) // 10, author, None, 0, payload)


started = time.monotonic()
connection = sqlite3.connect(db)
with connection:
    if connection.execute("SELECT COUNT(*) FROM journal WHERE stream = ?", (stream,)).fetchone()[0]:
        raise SystemExit(f"{stream} already has messages: load into a conversation that has none")
    connection.executemany(
        "INSERT INTO journal (stream, seq, entry_id, created_at_ms, author, dedup_key, deleted, payload) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows())
connection.close()
print(f"loaded {count} messages into {stream} in {time.monotonic() - started:.1f} s")
