"""B4 load generator: raw WebSocket clients on asyncio (no client library, so the generator stays light).

Roles (one process each; bench.py starts and steers them):
  hold   open --count idle conversations (hello, one first message, wait for its echo), answer pings, print
         `ready {...}`, hold until stdin closes, then print `done {...}` (pings answered, sockets the server closed).
  drive  open --pairs conversations, each with a sender and a receiver socket (hello naming the sender's
         conversation), print `ready {...}`; then for each `step <start_epoch> <rate> <seconds>` line on stdin send
         <rate> messages/s open-loop (timed sends spread over the senders) and print `step {...}` with the
         send->receive latencies of the step's messages, measured by the receiver in this same process.
Client frames carry a zero mask key (RFC 6455 requires the mask bit, not a random key).
"""
import argparse, asyncio, json, os, resource, sys, time

p = argparse.ArgumentParser()
p.add_argument("role", choices=["hold", "drive"])
p.add_argument("--host", default="127.0.0.1")
p.add_argument("--port", type=int, required=True)
p.add_argument("--key", required=True)
p.add_argument("--src", default="127.0.0.2", help="comma list of source addresses, used in turn")
p.add_argument("--count", type=int, default=1000, help="hold: idle conversations")
p.add_argument("--pairs", type=int, default=500, help="drive: sender/receiver pairs")
p.add_argument("--tag", default="g0", help="makes visitor ids unique across processes")
p.add_argument("--resume", action="store_true", help="hold: hello only, resuming the visitor's conversation made earlier")
p.add_argument("--ids", help="hold: file of conversation ids, one a line by index; written when seeding, read with --resume")
p.add_argument("--concurrency", type=int, default=64, help="handshakes in flight")
args = p.parse_args()

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
SOURCES = args.src.split(",")
MASK0 = b"\x00\x00\x00\x00"
now_ns = time.perf_counter_ns


def frame(opcode, payload):
    n = len(payload)
    if n < 126:
        head = bytes((0x80 | opcode, 0x80 | n))
    elif n < 65536:
        head = bytes((0x80 | opcode, 0x80 | 126)) + n.to_bytes(2, "big")
    else:
        head = bytes((0x80 | opcode, 0x80 | 127)) + n.to_bytes(8, "big")
    return head + MASK0 + payload


class Stats:
    pings = 0
    closed = 0
    refused = 0
    echoes = 0
    received = {}  # step -> list of latency µs


class Client(asyncio.Protocol):
    __slots__ = ("path", "transport", "buf", "open", "waiter", "inbox", "receiver", "lost")

    def __init__(self, path, receiver=False):
        self.path = path
        self.transport = None
        self.buf = bytearray()
        self.open = False
        self.waiter = asyncio.get_running_loop().create_future()
        self.inbox = []
        self.receiver = receiver
        self.lost = False

    def connection_made(self, transport):
        self.transport = transport
        transport.write(
            (f"GET {self.path} HTTP/1.1\r\nHost: {args.host}:{args.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())

    def connection_lost(self, exc):
        self.lost = True
        Stats.closed += 1
        if not self.waiter.done():
            self.waiter.set_exception(ConnectionError("closed"))

    def data_received(self, data):
        buf = self.buf
        buf += data
        if not self.open:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                return
            status = bytes(buf[:end]).split(b"\r\n", 1)[0]
            del buf[:end + 4]
            if b" 101 " not in status:
                if not self.waiter.done():
                    self.waiter.set_exception(ConnectionError(status.decode(errors="replace")))
                self.transport.close()
                return
            self.open = True
            if not self.waiter.done():
                self.waiter.set_result(None)
        while len(buf) >= 2:
            op = buf[0] & 0x0F
            n = buf[1] & 0x7F
            pos = 2
            if n == 126:
                if len(buf) < 4:
                    return
                n = int.from_bytes(buf[2:4], "big")
                pos = 4
            elif n == 127:
                if len(buf) < 10:
                    return
                n = int.from_bytes(buf[2:10], "big")
                pos = 10
            if len(buf) < pos + n:
                return
            payload = bytes(buf[pos:pos + n])
            del buf[:pos + n]
            if op == 1:
                self.on_text(payload)
            elif op == 9:
                Stats.pings += 1
                self.transport.write(frame(0xA, payload))
            elif op == 8:
                self.transport.close()
                return

    def on_text(self, payload):
        if self.receiver:
            i = payload.find(b'"text":"b4 ')
            if i >= 0:
                t = now_ns()
                parts = payload[i + 11:i + 60].split(b" ", 2)
                Stats.received.setdefault(int(parts[0]), []).append((t - int(parts[1])) // 1000)
                return
        elif payload.find(b'"text":"b4 ') >= 0:
            Stats.echoes += 1
            return
        if b'"type":"error"' in payload:
            Stats.refused += 1
        if self.waiter.done():
            self.inbox.append(payload)
        else:
            self.waiter.set_result(payload)

    async def next_text(self, timeout=30):
        if self.inbox:
            return self.inbox.pop(0)
        self.waiter = asyncio.get_running_loop().create_future()
        return await asyncio.wait_for(self.waiter, timeout)

    def close(self):
        if not self.lost:
            self.transport.write(frame(8, (1000).to_bytes(2, "big")))
            self.transport.close()

    def send_text(self, text):
        self.transport.write(frame(1, text.encode()))


async def connect(visitor, n, receiver=False):
    loop = asyncio.get_running_loop()
    client = Client(f"/v1/chat?key={args.key}&visitor={visitor}", receiver)
    await loop.create_connection(lambda: client, args.host, args.port, local_addr=(SOURCES[n % len(SOURCES)], 0))
    await asyncio.wait_for(client.waiter, 30)
    return client


async def wait_for(client, kind):
    while True:
        text = await client.next_text()
        if f'"type":"{kind}"'.encode() in text:
            return json.loads(text)
        if b'"type":"error"' in text:
            raise ConnectionError(text.decode())


async def open_conversation(visitor, n):
    """hello, then a first message (which creates the conversation and joins it); returns (client, conversation id)."""
    client = await connect(visitor, n)
    client.send_text('{"type":"hello","last_seq":0}')
    await wait_for(client, "welcome")
    client.send_text('{"type":"message","client_id":"first","text":"hello, is anyone there?"}')
    message = await wait_for(client, "message")
    return client, message["conversation_id"]


KNOWN = open(args.ids).read().split() if args.resume and args.ids else []


async def resume_conversation(visitor, n):
    """hello as a page reload sends it (naming the conversation the page stored, when known): the server resumes the
    visitor's conversation and joins the socket to it."""
    client = await connect(visitor, n)
    named = f',"conversation_id":"{KNOWN[n]}"' if n < len(KNOWN) else ""
    client.send_text('{"type":"hello","last_seq":1' + named + '}')
    welcome = await wait_for(client, "welcome")
    if not welcome.get("conversation_id"):
        raise ValueError("no conversation to resume for " + visitor)
    return client, welcome["conversation_id"]


async def bounded(n, make):
    gate = asyncio.Semaphore(args.concurrency)
    failures = []

    async def one(i):
        async with gate:
            for attempt in range(3):
                try:
                    return await make(i)
                except (OSError, ConnectionError, asyncio.TimeoutError, ValueError) as error:
                    if attempt == 2:
                        failures.append(repr(error))
                    await asyncio.sleep(0.2)
            return None

    results = await asyncio.gather(*(one(i) for i in range(n)))
    return [r for r in results if r is not None], failures


async def stdin_lines():
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = await reader.readline()
        if not line:
            return
        yield line.decode().strip()


def say(kind, obj):
    sys.stdout.write(kind + " " + json.dumps(obj) + "\n")
    sys.stdout.flush()


async def hold():
    t0 = time.time()
    make = resume_conversation if args.resume else open_conversation
    clients, failures = await bounded(args.count, lambda i: make(f"{args.tag}-idle-{i}", i))
    say("ready", {"opened": len(clients), "failed": len(failures), "errors": failures[:3], "seconds": round(time.time() - t0, 1)})
    if args.ids and not args.resume:
        with open(args.ids, "w") as out:
            out.write("\n".join(conversation for _, conversation in clients) + "\n")
    async for _ in stdin_lines():
        pass
    say("done", {"pings": Stats.pings, "closed_by_server": sum(1 for c, _ in clients if c.lost), "refused": Stats.refused})
    for c, _ in clients:
        c.close()


async def drive():
    t0 = time.time()

    async def pair(i):
        sender, conversation = await open_conversation(f"{args.tag}-pair-{i}", i)
        receiver = await connect(f"{args.tag}-pair-{i}", i + 1, receiver=True)
        receiver.send_text(json.dumps({"type": "hello", "conversation_id": conversation, "last_seq": 1}))
        await wait_for(receiver, "welcome")
        return sender, receiver

    pairs, failures = await bounded(args.pairs, pair)
    senders = [s for s, _ in pairs]
    say("ready", {"opened": len(pairs), "failed": len(failures), "errors": failures[:3], "seconds": round(time.time() - t0, 1)})
    pad = "x" * 40
    step = 0
    async for line in stdin_lines():
        if not line.startswith("step"):
            continue
        _, start_epoch, rate, seconds = line.split()
        rate, seconds, step = float(rate), float(seconds), step + 1
        await asyncio.sleep(max(0.0, float(start_epoch) - time.time()))
        refused0, cpu0 = Stats.refused, time.process_time()
        start = now_ns()
        total = int(rate * seconds)
        sent, k, lags = 0, 0, []
        while sent < total:
            due = min(total, int((now_ns() - start) * rate / 1e9) + 1)
            while sent < due:
                intended = start + int(sent * 1e9 / rate)
                t = now_ns()
                lags.append((t - intended) // 1000)
                senders[k].send_text(f'{{"type":"message","client_id":"s{step}-{sent}","text":"b4 {step} {t} {pad}"}}')
                k = (k + 1) % len(senders)
                sent += 1
            await asyncio.sleep(0.0005)
        send_seconds = (now_ns() - start) / 1e9
        deadline = time.time() + 3
        while len(Stats.received.get(step, ())) < sent and time.time() < deadline:
            await asyncio.sleep(0.05)
        lat = Stats.received.pop(step, [])
        lags.sort()
        say("step", {"step": step, "rate": rate, "seconds": seconds, "sent": sent, "send_seconds": round(send_seconds, 3),
                     "received": len(lat), "refused": Stats.refused - refused0, "latencies_us": lat,
                     "send_lag_p99_us": lags[int(0.99 * (len(lags) - 1))] if lags else 0,
                     "cpu_seconds": round(time.process_time() - cpu0, 2), "closed": Stats.closed})
    for s, r in pairs:
        s.close()
        r.close()


asyncio.run(hold() if args.role == "hold" else drive())
