"""B4 peer: a Python `websockets` chat server speaking the subset of Rebound's chat protocol the benchmark uses.

hello (optionally naming a conversation) -> welcome; message -> a message frame to every socket of the
conversation (the sender's other tabs, agents, and the sender itself, as Rebound does). Conversations live in
memory (the peer stores nothing). Keep-alive pings every 20 s, 16 KB frames, no compression.

usage: peer.py --port 8090 [--ping 20]
"""
import argparse, asyncio, itertools, json, resource, signal, time, uuid
from urllib.parse import parse_qs, urlparse

from websockets.asyncio.server import broadcast, serve
from websockets.exceptions import ConnectionClosed

p = argparse.ArgumentParser()
p.add_argument("--host", default="127.0.0.1")
p.add_argument("--port", type=int, default=8090)
p.add_argument("--ping", type=float, default=20)
args = p.parse_args()

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

def dumps(obj):
    return json.dumps(obj, separators=(",", ":"))


members = {}      # conversation id -> set of sockets
by_visitor = {}   # visitor -> conversation id
seqs = {}         # conversation id -> last seq


def message_frame(conversation, seq, client_id, text):
    return dumps({
        "type": "message", "conversation_id": conversation, "seq": seq, "id": "msg_" + uuid.uuid4().hex[:12],
        "client_id": client_id, "author": "shopper", "name": None, "text": text,
        "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    })


async def handler(ws):
    query = parse_qs(urlparse(ws.request.path).query)
    visitor = (query.get("visitor") or [""])[0]
    if not visitor or not query.get("key"):
        await ws.close(1008, "bad key or visitor")
        return
    conversation = None
    try:
        async for raw in ws:
            try:
                frame = json.loads(raw)
                kind = frame["type"]
            except (ValueError, KeyError, TypeError):
                await ws.send(dumps({"type": "error", "detail": "frames are JSON objects"}))
                continue
            if kind == "hello":
                requested = frame.get("conversation_id")
                conversation = requested if requested in members else by_visitor.get(visitor)
                await ws.send(dumps({"type": "welcome", "conversation_id": conversation, "agents_online": False}))
                if conversation:
                    members[conversation].add(ws)
            elif kind == "message":
                text = (frame.get("text") or "").strip()
                if not text:
                    await ws.send(dumps({"type": "error", "detail": "a message needs text"}))
                    continue
                if conversation is None:
                    conversation = by_visitor.get(visitor) or "conv_" + uuid.uuid4().hex[:16]
                    by_visitor[visitor] = conversation
                    members.setdefault(conversation, set()).add(ws)
                seqs[conversation] = seq = seqs.get(conversation, 0) + 1
                broadcast(members[conversation], message_frame(conversation, seq, frame.get("client_id"), text))
    except ConnectionClosed:
        pass
    finally:
        if conversation and conversation in members:
            members[conversation].discard(ws)


async def main():
    stop = asyncio.get_running_loop().create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set_result, None)
    async with serve(handler, args.host, args.port, ping_interval=args.ping, ping_timeout=args.ping,
                     max_size=16 * 1024, compression=None, backlog=4096):
        await stop


asyncio.run(main())
