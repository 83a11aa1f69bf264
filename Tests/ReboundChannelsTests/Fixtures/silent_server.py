"""Accepts TCP connections and never says anything: for timeout tests. Prints the port on stdout."""
import socket, sys, threading

s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
print(s.getsockname()[1], flush=True)
held = []
threading.Thread(target=lambda: [held.append(s.accept()) for _ in iter(int, 1)], daemon=True).start()
sys.stdin.read()
