#!/usr/bin/python3
"""Fault: answers its first request correctly; on its second it writes half of the
reply line and dies of SIGSEGV. Verdict of that call: crashed; the next call runs in
a restarted process and gets a correct reply."""
import json
import os
import signal
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))
import python_adapter  # noqa: E402

requests = 0


def handle(request):
    global requests
    requests += 1
    reply = python_adapter.handle(request)
    if requests == 2:
        text = json.dumps(reply)
        sys.stdout.write(text[: len(text) // 2])
        sys.stdout.flush()
        os.kill(os.getpid(), signal.SIGSEGV)
    return reply


python_adapter.serve(handle)
