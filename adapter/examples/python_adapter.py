#!/usr/bin/python3
"""An example out-of-process adapter for tconv-conformance (docs/ADAPTERS.md#protocol).

It speaks the line protocol on stdin and stdout: first the handshake, then one reply
line per request line, until stdin ends. It computes the transposed convolution by
direct scatter with NumPy, one kernel tap at a time: every input element x[n, ci, i]
adds x*w to the output element the tap k sends it to, o = i*stride + k*dilation -
pad_begin, skipping landings outside [0, O) (docs/CONVENTIONS.md). Rank-1 and rank-2
problems are right-aligned into three axes (z, y, x) of size 1, so the loop is written
once. float32 cases are computed in double; the suite rounds the reply to float32,
which stays within the float32 bound.

Run: /usr/bin/python3 python_adapter.py (NumPy: python3-numpy). Other adapters may
import it and reuse parse_problem, conv_transpose, handle and serve.
"""
import json
import math
import re
import sys

import numpy

PROTOCOL_VERSION = 1

HANDSHAKE = {
    "protocol": PROTOCOL_VERSION,
    "name": "python-example",
    "version": "1.0",
    "capabilities": {
        "ranks": [1, 2, 3],
        "dtypes": ["float32", "float64", "int64"],
        "layouts": ["ncx", "nxc"],
        "weight_layouts": ["iox", "oix", "xoi"],
        "features": ["grouped", "depthwise", "dilation", "output_padding", "asymmetric_pads",
                     "bias"],
        "max_batch": 0,
    },
}

# Problem string keys (reference/problem_string.h) of the per-axis values, and their defaults.
AXIS_KEYS = {"i": "input", "k": "kernel", "s": "stride", "d": "dilation",
             "pb": "pad_begin", "pe": "pad_end", "op": "output_padding"}
AXIS_DEFAULTS = {"stride": 1, "dilation": 1, "pad_begin": 0, "pad_end": 0, "output_padding": 0}


def parse_problem(text):
    """A problem string, e.g. 'n1,g1,ic2,oc3,i4x4,k3x3,s2x2,d1x1,pb1x1,pe1x1,op0x0,bias,ncx,iox',
    as a dict: n, g, ic, oc, bias, layout, weight_layout, and axes: per-axis lists (outermost
    first) input, kernel, stride, dilation, pad_begin, pad_end, output_padding and output."""
    p = {"n": 1, "g": 1, "bias": False, "layout": "ncx", "weight_layout": "iox"}
    axes = {}
    for token in text.split(","):
        if token in ("bias", "nobias"):
            p["bias"] = token == "bias"
        elif token in ("ncx", "nxc"):
            p["layout"] = token
        elif token in ("iox", "oix", "xoi"):
            p["weight_layout"] = token
        else:
            key, values = re.fullmatch(r"([a-z]+)(-?\d+(?:x-?\d+)*)", token).groups()
            numbers = [int(v) for v in values.split("x")]
            if key in AXIS_KEYS:
                axes[AXIS_KEYS[key]] = numbers
            else:  # n, g, ic, oc
                p[key] = numbers[0]
    rank = len(axes["input"])
    for name, default in AXIS_DEFAULTS.items():
        axes.setdefault(name, [default] * rank)
    per_axis = zip(axes["input"], axes["kernel"], axes["stride"], axes["dilation"],
                   axes["pad_begin"], axes["pad_end"], axes["output_padding"])
    axes["output"] = [(i - 1) * s + d * (k - 1) + 1 - pb - pe + op
                      for i, k, s, d, pb, pe, op in per_axis]
    p["axes"] = axes
    return p


def aligned(values, fill):
    """Per-axis values right-aligned into three axes (z, y, x)."""
    return [fill] * (3 - len(values)) + list(values)


def activation_tensor(data, layout, size, dtype):
    """An activation tensor as an array [N, C, z, y, x], whatever its layout."""
    if layout == "ncx":
        return numpy.asarray(data, dtype).reshape(size)
    n, c, z, y, x = size
    return numpy.asarray(data, dtype).reshape(n, z, y, x, c).transpose(0, 4, 1, 2, 3)


def weight_tensor(p, w, kernel, dtype):
    """The weights as an array [groups, Cin/g, Cout/g, kz, ky, kx], whatever their layout."""
    g, in_per_group, out_per_group = p["g"], p["ic"] // p["g"], p["oc"] // p["g"]
    w = numpy.asarray(w, dtype)
    if p["weight_layout"] == "iox":  # [Cin, Cout/g, k...]
        return w.reshape(g, in_per_group, out_per_group, *kernel)
    if p["weight_layout"] == "oix":  # [Cout, Cin/g, k...]
        return w.reshape(g, out_per_group, in_per_group, *kernel).transpose(0, 2, 1, 3, 4, 5)
    # xoi: [k..., Cout/g, Cin]
    return w.reshape(*kernel, out_per_group, g, in_per_group).transpose(4, 5, 3, 0, 1, 2)


def landing(i_size, o_size, k, s, d, pad):
    """The input positions i whose tap k lands inside the output (o = i*s + k*d - pad in
    [0, O)), as a slice of the input and the slice of the output they land on; None when
    there are none."""
    shift = k * d - pad
    first = max(0, -(shift // s))  # ceil(-shift / s)
    last = min(i_size - 1, (o_size - 1 - shift) // s)
    if first > last:
        return None
    return slice(first, last + 1), slice(first * s + shift, last * s + shift + 1, s)


def conv_transpose(p, x, w, b):
    """The output of problem p as (physical shape, flat data in the problem's layout).
    Integers (int64 cases) are computed in int64, anything else in double."""
    axes = p["axes"]
    size_in, size_out = aligned(axes["input"], 1), aligned(axes["output"], 1)
    kernel, stride = aligned(axes["kernel"], 1), aligned(axes["stride"], 1)
    dilation, pad = aligned(axes["dilation"], 1), aligned(axes["pad_begin"], 0)
    dtype = numpy.result_type(*(numpy.asarray(t) for t in (x, w, b or [0])))
    dtype = numpy.int64 if numpy.issubdtype(dtype, numpy.integer) else numpy.float64
    n, g, in_per_group, out_per_group = p["n"], p["g"], p["ic"] // p["g"], p["oc"] // p["g"]
    inputs = activation_tensor(x, p["layout"], [n, p["ic"]] + size_in, dtype)
    inputs = inputs.reshape(n, g, in_per_group, *size_in)
    weights = weight_tensor(p, w, kernel, dtype)
    out = numpy.zeros((n, g, out_per_group, *size_out), dtype)
    # One pass per kernel tap: every input position whose landing is inside the output
    # adds its channel product there (a strided slice of the output).
    for tap in numpy.ndindex(*kernel):
        spans = [landing(*args) for args in zip(size_in, size_out, tap, stride, dilation, pad)]
        if None in spans:
            continue
        source = inputs[(Ellipsis, *(span[0] for span in spans))]
        target = (Ellipsis, *(span[1] for span in spans))
        out[target] += numpy.einsum("ngczyx,gco->ngozyx", source, weights[(Ellipsis, *tap)])
    out = out.reshape(n, p["oc"], *size_out)
    if p["bias"]:
        out += numpy.asarray(b, dtype).reshape(1, -1, 1, 1, 1)
    if p["layout"] == "nxc":
        out = out.transpose(0, 2, 3, 4, 1)
    sizes = axes["output"]
    shape = [n, p["oc"]] + sizes if p["layout"] == "ncx" else [n] + sizes + [p["oc"]]
    return shape, out.reshape(-1).tolist()


def handle(request):
    """The reply to one request: {"id", "output": {shape, layout, data}}."""
    p = parse_problem(request["problem"])
    bias = request["bias"]["data"] if "bias" in request else None
    shape, data = conv_transpose(p, request["input"]["data"], request["weights"]["data"], bias)
    # JSON has no NaN or Inf: the protocol writes a non-finite value as null.
    data = [v if math.isfinite(v) else None for v in data]
    return {"id": request["id"], "output": {"shape": shape, "layout": p["layout"], "data": data}}


def write(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def serve(handle_request=handle, handshake=HANDSHAKE):
    """The protocol: the handshake, then one reply per request line until stdin ends.
    An exception while handling a request becomes an error reply, not a crash."""
    write(handshake)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            reply = handle_request(request)
        except Exception as e:
            reply = {"id": request.get("id"), "error": f"{type(e).__name__}: {e}"}
        write(reply)


if __name__ == "__main__":
    serve()
