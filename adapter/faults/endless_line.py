#!/usr/bin/python3
"""Fault: answers a request with a line that never ends: bytes without a newline, as
fast as the suite reads them, never exiting. Verdict: protocol_error at the line length
limit, long before the timeout; the next call runs in a restarted process."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))
import python_adapter  # noqa: E402


def handle(request):
    chunk = b"1," * 32768
    while True:
        sys.stdout.buffer.write(chunk)
        sys.stdout.flush()


python_adapter.serve(handle)
