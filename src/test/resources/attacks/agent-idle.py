#!/usr/bin/env python3
"""Holds COUNT idle connections to a keyshell unlock agent: agent-idle.py SOCKET COUNT SECONDS.

Prints 'ready' once all are open, then sends nothing for SECONDS. Issue 11, finding 8: before,
each idle connection held the agent for its 2 s read limit, one after another.
"""
import socket
import sys
import time

held = []
for _ in range(int(sys.argv[2])):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sys.argv[1])
    held.append(s)
print("ready", flush=True)
time.sleep(float(sys.argv[3]))
