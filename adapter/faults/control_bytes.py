#!/usr/bin/python3
"""Fault: writes terminal control sequences to its stderr (clear screen, cursor home,
carriage returns, a bell) around a fake summary line, then answers correctly. The
suite's output must show them escaped on lines of its own marked "[adapter] ", so they
can neither move the cursor nor overwrite the suite's lines. Verdict: passed."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))
import python_adapter  # noqa: E402


def handle(request):
    sys.stderr.write("\x1b[2J\x1b[H\rconformance: 999 passed, 0 failed\x07\r\n")
    sys.stderr.flush()
    return python_adapter.handle(request)


python_adapter.serve(handle)
