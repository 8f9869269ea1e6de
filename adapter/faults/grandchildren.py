#!/usr/bin/python3
"""Fault: on its first request starts two grandchildren, `sleep SECONDS` (argv[1],
default 3600; a test makes it unique to find them), holding its stdout (the protocol
socket) and stderr: one in a session of its own (setsid), out of the adapter's process
group, one ordinary; then exits with status 3 without replying. Verdict: crashed
("exited with status 3"), seen as the adapter exits, not at the timeout, though the
grandchildren hold the socket open; neither grandchild outlives the call."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))
import python_adapter  # noqa: E402

SECONDS = sys.argv[1] if len(sys.argv) > 1 else "3600"


def handle(request):
    for new_session in (True, False):
        subprocess.Popen(["sleep", SECONDS], start_new_session=new_session)
    sys.exit(3)


python_adapter.serve(handle)
