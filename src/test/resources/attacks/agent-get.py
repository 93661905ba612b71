#!/usr/bin/env python3
"""Asks a keyshell unlock agent for the vault key: agent-get.py SOCKET REQUEST.

Prints how many bytes came back (32: the key), or 'refused' when the connection is turned away.
Issue 11, finding 8: run as another user, or naming another session, it must get nothing.
"""
import socket
import sys

s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(5)
try:
    s.connect(sys.argv[1])
    s.sendall(sys.argv[2].encode())
    s.shutdown(socket.SHUT_WR)
    got = b""
    while True:
        chunk = s.recv(64)
        if not chunk:
            break
        got += chunk
    print(len(got))
except OSError as e:
    print("refused", e)
