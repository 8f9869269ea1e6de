#!/usr/bin/python3
"""Fault: replies to every request with one line of 100 MB (an "error" string that
long), far more than any reply to the suite's small problems needs. Verdict:
protocol_error naming the line length limit, read no further than the limit; the next
call runs in a restarted process."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))
import python_adapter  # noqa: E402

SIZE = 100 * 1024 * 1024


def handle(request):
    return {"id": request["id"], "error": "x" * SIZE}


python_adapter.serve(handle)
