"""B1 peer: a FastAPI + uvicorn event-ingest service with the same wire contract as
Rebound's POST /v1/events, writing to SQLite with the same `events` table.

What it does per request (kept deliberately close to Rebound's ingest path minus the
domain work Rebound does on top: visitors, carts, browsing, orders):
  * Authorization: Bearer <key> checked against one fixed key (PEER_API_KEY).
  * Body: one event object, or {"events": [...]} with 1..1000 events.
  * Per event: id (string, 1..128 chars) and type (string) required; anonymous_id
    optional string; occurred_at optional RFC 3339 string (parsed to epoch ms),
    otherwise "now"; properties optional object (stored as JSON text).
  * One transaction per request: executemany INSERT ... ON CONFLICT DO NOTHING.
  * 202 with {"accepted": n, "duplicates": n, "rejected": [...]}.

Concurrency model (stated choice): one uvicorn worker process, one asyncio event loop,
one SQLite connection used directly from the async handler (no thread pool). SQLite
writes are serialized anyway; a thread-pool hop would only add overhead.

Run:  PEER_DB=/tmp/peer.sqlite PEER_API_KEY=k uvicorn app:app --host 127.0.0.1 --port 8090 \
        --workers 1 --loop uvloop --http httptools --no-access-log
"""
import os
import sqlite3
import time
from datetime import datetime

try:
    import orjson

    def _loads(b):
        return orjson.loads(b)

    def _dumps(v):
        return orjson.dumps(v)
except ImportError:  # pragma: no cover - orjson is in requirements.txt
    import json

    def _loads(b):
        return json.loads(b)

    def _dumps(v):
        return json.dumps(v, separators=(",", ":")).encode()

from fastapi import FastAPI, Request
from fastapi.responses import Response

DB_PATH = os.environ.get("PEER_DB", "./peer.sqlite")
API_KEY = os.environ.get("PEER_API_KEY", "peer-benchmark-key")
SHOP_ID = os.environ.get("PEER_SHOP_ID", "shop_peer")
MAX_BATCH = 1000
MAX_BODY = 4 * 1024 * 1024

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, shop_id TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL,
        anonymous_id TEXT, customer_id TEXT, occurred_at BIGINT NOT NULL, received_at BIGINT NOT NULL,
        source TEXT NOT NULL, properties TEXT NOT NULL)""",
    "CREATE UNIQUE INDEX IF NOT EXISTS events_id ON events (shop_id, id)",
    # The same secondary indexes as Rebound's events table, so both pay the same index writes.
    "CREATE INDEX IF NOT EXISTS events_customer ON events (shop_id, customer_id, occurred_at)",
    "CREATE INDEX IF NOT EXISTS events_anonymous ON events (shop_id, anonymous_id, occurred_at)",
    "CREATE INDEX IF NOT EXISTS events_type ON events (shop_id, type, occurred_at)",
]

INSERT = (
    "INSERT INTO events (shop_id, id, type, anonymous_id, customer_id, occurred_at, received_at, source, properties) "
    "VALUES (?, ?, ?, ?, NULL, ?, ?, 'api', ?) ON CONFLICT (shop_id, id) DO NOTHING"
)


def _open():
    conn = sqlite3.connect(DB_PATH, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA busy_timeout = 5000")
    for stmt in SCHEMA:
        conn.execute(stmt)
    return conn


db = _open()
app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)


def _problem(status, title, detail=None, **extra):
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return Response(_dumps(body), status_code=status, media_type="application/problem+json")


def _parse(ev, index, now_ms, path):
    """Returns (row, None) or (None, rejection)."""
    if not isinstance(ev, dict):
        return None, {"index": index, "id": None, "field": path, "detail": "must be an object"}
    eid = ev.get("id")
    if not isinstance(eid, str) or not (0 < len(eid) <= 128):
        return None, {"index": index, "id": eid if isinstance(eid, str) else None, "field": path + "id",
                      "detail": "is required: a string of 1 to 128 characters"}
    etype = ev.get("type")
    if not isinstance(etype, str) or not (0 < len(etype) <= 64):
        return None, {"index": index, "id": eid, "field": path + "type", "detail": "is required and must be a string"}
    anon = ev.get("anonymous_id")
    if anon is not None and (not isinstance(anon, str) or not (0 < len(anon) <= 128)):
        return None, {"index": index, "id": eid, "field": path + "anonymous_id", "detail": "must be a string"}
    occurred = now_ms
    ts = ev.get("occurred_at")
    if ts is not None:
        if not isinstance(ts, str):
            return None, {"index": index, "id": eid, "field": path + "occurred_at", "detail": "must be an RFC 3339 string"}
        try:
            dt = datetime.fromisoformat(ts)
            if dt.tzinfo is None:
                raise ValueError
            occurred = int(dt.timestamp() * 1000)
        except ValueError:
            return None, {"index": index, "id": eid, "field": path + "occurred_at", "detail": "must be an RFC 3339 string"}
    props = ev.get("properties")
    if props is None:
        props = {}
    elif not isinstance(props, dict):
        return None, {"index": index, "id": eid, "field": path + "properties", "detail": "must be an object"}
    return (SHOP_ID, eid, etype, anon, occurred, now_ms, _dumps(props).decode()), None


@app.get("/healthz")
async def healthz():
    return Response(b'{"status":"ok"}', media_type="application/json")


@app.post("/v1/events")
async def ingest(request: Request):
    auth = request.headers.get("authorization", "")
    if not auth.startswith("Bearer ") or auth[7:] != API_KEY:
        return _problem(401, "Unauthorized", "a valid API key is required")
    raw = await request.body()
    if len(raw) > MAX_BODY:
        return _problem(413, "The body is too large")
    try:
        body = _loads(raw)
    except Exception:
        return _problem(400, "Malformed JSON")
    if not isinstance(body, dict):
        return _problem(422, "Validation failed", "must be an event object or {\"events\": [...]}")
    if "events" in body:
        items = body["events"]
        if not isinstance(items, list) or not items:
            return _problem(422, "Validation failed", "events must be a non-empty array")
        if len(items) > MAX_BATCH:
            return _problem(422, "Validation failed", f"at most {MAX_BATCH} events per request")
        batched = True
    else:
        items = [body]
        batched = False

    now_ms = int(time.time() * 1000)
    rows, rejected = [], []
    for i, ev in enumerate(items):
        row, rej = _parse(ev, i, now_ms, f"events[{i}]." if batched else "")
        if rej is None:
            rows.append(row)
        else:
            rejected.append(rej)
    if not batched and rejected:
        return _problem(422, "Validation failed", rejected[0]["field"] + " " + rejected[0]["detail"])

    accepted = 0
    if rows:
        before = db.total_changes
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany(INSERT, rows)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        accepted = db.total_changes - before
    summary = {"accepted": accepted, "duplicates": len(rows) - accepted, "rejected": rejected}
    return Response(_dumps(summary), status_code=202, media_type="application/json")
