#!/usr/bin/python3
"""load.py DB_FILE COUNT: bulk-load COUNT entries into the user directory (table user_directory) of the embedded
default's SQLite file, with the gateway stopped.

Rows are what Grains' SqliteUserDirectoryStore writes: the user id as canonical UUID text, the role by its API name,
times as UTC milliseconds, and username_key / email_key as the username and email in upper case (the names are ASCII,
where Python's str.upper() and .NET's ToUpperInvariant agree). Only the directory holds these users: they have no
account to log in with, which the directory's writes and reads do not need. One transaction; standard library only."""
import sqlite3
import sys
import time
import uuid

db, count = sys.argv[1], int(sys.argv[2])
now_ms = int(time.time() * 1000)


def rows():
    for i in range(count):
        username = f"seeded_{i:07d}"
        email = f"{username}@bench.example"
        yield (str(uuid.uuid4()), username, email, "Seeded", "User", "user", now_ms - 86_400_000,
               1, now_ms - 3_600_000, username.upper(), email.upper())


started = time.monotonic()
connection = sqlite3.connect(db)
with connection:
    connection.executemany(
        "INSERT INTO user_directory (user_id, username, email, first_name, last_name, role, created_at_ms, is_active,"
        " last_login_at_ms, username_key, email_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows())
total = connection.execute("SELECT COUNT(*) FROM user_directory").fetchone()[0]
connection.close()
print(f"loaded {count} directory entries in {time.monotonic() - started:.1f} s; the directory holds {total}")
