#!/usr/bin/env python3
"""A bot writing to a SQLite store at a steady rate, as the benchmarks' "bot keeps writing" load.

    bot_writer.py DB TABLE RATE LATENCY_FILE

Inserts one candle row per transaction (BEGIN IMMEDIATE ... COMMIT, busy timeout 30 s like a patient bot) on a
fixed schedule of RATE transactions per second into TABLE (the candle table of make_candles.sql) and appends
each commit's latency in milliseconds to LATENCY_FILE, counted from the moment the schedule wanted the write
(not from when the bot got round to it): a write held up behind a lock delays every write scheduled after it,
and each of those counts as late, as the bot's own users would see it. Stops on SIGTERM.
"""
import os
import signal
import sqlite3
import sys
import time

db_path, table, rate, out_path = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
running = True
STAMPS = bool(os.environ.get("BOT_STAMPS"))  # also the wall-clock time of each commit, to line spikes up


def stop(*_):
    global running
    running = False


signal.signal(signal.SIGTERM, stop)
db = sqlite3.connect(db_path, isolation_level=None, timeout=30)
db.execute("PRAGMA journal_mode=WAL")
t = db.execute(f"SELECT coalesce(max(open_time), 4000000000000) FROM {table} WHERE symbol = 'BOTUSDT'").fetchone()[0]
period = 1.0 / rate
with open(out_path, "w") as out:
    next_at = time.monotonic()
    while running:
        t += 60000
        start = next_at  # when this write was due
        db.execute("BEGIN IMMEDIATE")
        db.execute(f"INSERT INTO {table} (symbol, timeframe, open_time, close_time, open, high, low, close, volume) "
                   "VALUES ('BOTUSDT', '1m', ?, ?, 1, 2, 0.5, 1.5, 10)", (t, t + 59999))
        db.execute("COMMIT")
        latency = f"{(time.monotonic() - start) * 1000:.3f}"
        out.write(f"{latency} {time.time():.3f}\n" if STAMPS else f"{latency}\n")
        out.flush()
        next_at += period
        time.sleep(max(0.0, next_at - time.monotonic()))
