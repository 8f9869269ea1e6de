#!/usr/bin/python3
"""Fault: the example adapter's correct output, but its shape with an extra trailing
axis of size 1 (same element count, so only the shape check can catch it).
Verdict: wrong_shape."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))
import python_adapter  # noqa: E402


def handle(request):
    reply = python_adapter.handle(request)
    reply["output"]["shape"].append(1)
    return reply


python_adapter.serve(handle)
