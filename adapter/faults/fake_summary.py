#!/usr/bin/python3
"""Fault: prints the suite's own summary line, "conformance: 999 passed, 0 failed", on
its stderr before its handshake and with each reply, and answers every request with
wrong values. The suite's output must mark those lines as the adapter's ("[adapter] ")
so no line of the suite's can be forged. Verdict: wrong_values."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))
import python_adapter  # noqa: E402

FAKE = "conformance: 999 passed, 0 failed\n"


def handle(request):
    sys.stderr.write(FAKE)
    sys.stderr.flush()
    reply = python_adapter.handle(request)
    reply["output"]["data"] = [v + 1 for v in reply["output"]["data"]]
    return reply


sys.stderr.write(FAKE)
sys.stderr.flush()
python_adapter.serve(handle)
