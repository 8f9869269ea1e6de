#!/usr/bin/python3
"""Fault: deeply nested JSON where argv[1] says: "handshake" (its "protocol" member,
30,000 levels), or a reply's "error", "id", "shape" or "layout" (200,000 levels). A
parser or printer recursing once per level would overflow the suite's stack. Each fits
within the suite's line length limits (64 KiB for a handshake), so only the nesting
limit can refuse it. Verdict: the handshake is refused, a reply is a protocol_error,
both naming the nesting limit; after a reply, the next call runs in a restarted process."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))
import python_adapter  # noqa: E402

DEPTH = 30_000 if sys.argv[1] == "handshake" else 200_000


def dumps(value):
    """JSON with "DEEP" written as DEPTH nested arrays (json.dumps would recurse too deep)."""
    return python_adapter.json.dumps(value).replace('"DEEP"', "[" * DEPTH + "]" * DEPTH)


def write(message):
    sys.stdout.write(dumps(message) + "\n")
    sys.stdout.flush()


def handle(request):
    reply = python_adapter.handle(request)
    where = sys.argv[1]
    if where in ("error", "id"):
        reply[where] = "DEEP"
    else:
        reply["output"][where] = "DEEP"
    return reply


python_adapter.write = write
if sys.argv[1] == "handshake":
    python_adapter.serve(handshake=dict(python_adapter.HANDSHAKE, protocol="DEEP"))
else:
    python_adapter.serve(handle)
