#!/usr/bin/python3
"""Fault: keeps state between calls, as a plan cache does: the example adapter's correct
output for the first call its process serves, then the first element off by one. Out of
process every call of a run shares that process, so random problems fail too, but a
--problem replay (one call in a fresh process) passes; a session history replays it
(docs/ADAPTERS.md#sessions). Verdict: wrong_values after the first call."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))
import python_adapter  # noqa: E402

calls = 0


def handle(request):
    global calls
    calls += 1
    reply = python_adapter.handle(request)
    if calls > 1:
        reply["output"]["data"][0] += 1
    return reply


python_adapter.serve(handle)
