# Run as a child of `keyshell exec --server`: attacks the endpoint named in its environment and
# prints one line per attack, "name: outcome", then proves the endpoint still serves.
import os, socket, subprocess, time, urllib.parse

uri = urllib.parse.urlsplit(os.environ["AWS_CONTAINER_CREDENTIALS_FULL_URI"])
token = os.environ["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
port = uri.port
path = uri.path


def exchange(raw, source=None, timeout=10):
    """Sends raw bytes to 127.0.0.1:port, returns 'STATUS body' or what happened instead."""
    s = socket.socket()
    s.settimeout(timeout)
    try:
        if source:
            s.bind((source, 0))
        s.connect(("127.0.0.1", port))
        s.sendall(raw)
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except ConnectionResetError:
        return "reset"
    finally:
        s.close()
    if not data:
        return "closed"
    head, _, body = data.partition(b"\r\n\r\n")
    return head.split(b" ")[1].decode() + " " + body.decode()


def get(host=None, auth=None, target=None, method="GET", extra=""):
    lines = [method + " " + (target or path) + " HTTP/1.1", "Host: " + (host or "127.0.0.1:%d" % port)]
    if auth is not None:
        lines.append("Authorization: " + auth)
    return ("\r\n".join(lines) + "\r\n" + extra + "\r\n").encode()


def report(name, outcome):
    print(name + ": " + outcome.replace("\n", " "), flush=True)


report("valid", exchange(get(auth=token)))
report("localhost-host", exchange(get(host="localhost:%d" % port, auth=token)))
report("no-token", exchange(get()))
report("wrong-token", exchange(get(auth=token[:-1] + ("A" if token[-1] != "A" else "B"))))
report("bearer-token", exchange(get(auth="Bearer " + token)))
report("foreign-host", exchange(get(host="rebind.example:%d" % port, auth=token)))
report("host-without-port", exchange(get(host="127.0.0.1", auth=token)))
report("two-hosts", exchange(get(auth=token, extra="Host: rebind.example\r\n")))
report("wrong-path", exchange(get(auth=token, target="/")))
report("post", exchange(get(auth=token, method="POST")))
report("oversized-head", exchange(get(auth=token, extra="X-Pad: " + "a" * 16384 + "\r\n")))
report("garbage", exchange(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + os.urandom(64) + b"\r\n\r\n"))

# A slowloris client: a request line, then a byte every half second, never the end of the head.
slow = socket.socket()
slow.connect(("127.0.0.1", port))
slow.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\n")
started = time.monotonic()
# While it dribbles, a real request on another connection is answered at once.
t = time.monotonic()
outcome = exchange(get(auth=token))
report("while-slow", outcome.split(" ")[0] + " in %.1f s" % (time.monotonic() - t))
slow.settimeout(0.5)
closed_after = None
while time.monotonic() - started < 30:
    try:
        slow.sendall(b"X")
        data = slow.recv(4096)
        if data == b"" or data.startswith(b"HTTP/1.1 408"):
            closed_after = time.monotonic() - started
            break
    except socket.timeout:
        continue
    except OSError:
        closed_after = time.monotonic() - started
        break
slow.close()
report("slowloris", "cut after %.0f s" % closed_after if closed_after else "still open after 30 s")

# Bound to 127.0.0.1 exactly: another loopback address and the machine's own address are refused.
def connect(host):
    s = socket.socket()
    s.settimeout(5)
    try:
        s.connect((host, port))
        return "connected"
    except ConnectionRefusedError:
        return "refused"
    finally:
        s.close()

report("connect-127.0.0.2", connect("127.0.0.2"))
others = [a for a in subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
          if ":" not in a and not a.startswith("127.")]
for a in others:
    report("connect-" + a, connect(a))
    # From a non-loopback source address to 127.0.0.1: the peer check closes it unanswered.
    report("from-" + a, exchange(get(auth=token), source=a))

for _ in range(50):
    exchange(b"NONSENSE\r\n\r\n")
report("after-all", exchange(get(auth=token)))
