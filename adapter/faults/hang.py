#!/usr/bin/python3
"""Fault: answers its first request correctly and never answers its second.
Verdict of that call: timed_out; the next call runs in a restarted process."""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))
import python_adapter  # noqa: E402

requests = 0


def handle(request):
    global requests
    requests += 1
    if requests == 2:
        time.sleep(3600)
    return python_adapter.handle(request)


python_adapter.serve(handle)
