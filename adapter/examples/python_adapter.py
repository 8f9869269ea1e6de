#!/usr/bin/python3
"""An example out-of-process adapter for tconv-conformance (docs/ADAPTERS.md#protocol).

It speaks the line protocol on stdin and stdout: first the handshake, then one reply
line per request line, until stdin ends. It computes the transposed convolution by
direct scatter in plain Python: every input element x[n, ci, i] adds x*w to the
output element each kernel tap k sends it to, o = i*stride + k*dilation - pad_begin,
skipping landings outside [0, O) (docs/CONVENTIONS.md). Rank-1 and rank-2 problems
are right-aligned into three axes (z, y, x) of size 1, so the loops are written once.
Python floats are doubles, so float32 cases are computed in double; the suite rounds
the reply to float32, which stays within the float32 bound.

Run: /usr/bin/python3 python_adapter.py. Other adapters may import it and reuse
parse_problem, conv_transpose, handle and serve.
"""
import json
import math
import re
import sys

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


def activation_strides(layout, channels, size):
    """Strides of (n, c, z, y, x) in an activation tensor."""
    z, y, x = size
    if layout == "ncx":
        return (channels * z * y * x, z * y * x, y * x, x, 1)
    return (z * y * x * channels, 1, y * x * channels, x * channels, channels)


def weight_offset(p, ci, co, tap, taps):
    """Offset of kernel tap `tap` joining input channel ci and output channel co (global)."""
    in_per_group, out_per_group = p["ic"] // p["g"], p["oc"] // p["g"]
    if p["weight_layout"] == "iox":  # [Cin, Cout/g, k...]
        return (ci * out_per_group + co % out_per_group) * taps + tap
    if p["weight_layout"] == "oix":  # [Cout, Cin/g, k...]
        return (co * in_per_group + ci % in_per_group) * taps + tap
    return (tap * out_per_group + co % out_per_group) * p["ic"] + ci  # xoi: [k..., Cout/g, Cin]


def conv_transpose(p, x, w, b):
    """The output of problem p as (physical shape, flat data in the problem's layout)."""
    axes = p["axes"]
    size_in, size_out = aligned(axes["input"], 1), aligned(axes["output"], 1)
    kernel, stride = aligned(axes["kernel"], 1), aligned(axes["stride"], 1)
    dilation, pad = aligned(axes["dilation"], 1), aligned(axes["pad_begin"], 0)
    xs = activation_strides(p["layout"], p["ic"], size_in)
    ys = activation_strides(p["layout"], p["oc"], size_out)
    taps = kernel[0] * kernel[1] * kernel[2]
    in_per_group, out_per_group = p["ic"] // p["g"], p["oc"] // p["g"]

    def out_offset(n, c, z, y, x):
        return n * ys[0] + c * ys[1] + z * ys[2] + y * ys[3] + x * ys[4]

    out = [0] * (p["n"] * p["oc"] * size_out[0] * size_out[1] * size_out[2])
    for n in range(p["n"]):
        for co in range(p["oc"]):
            for oz in range(size_out[0]):
                for oy in range(size_out[1]):
                    for ox in range(size_out[2]):
                        out[out_offset(n, co, oz, oy, ox)] = b[co] if p["bias"] else 0

    for n in range(p["n"]):
        for ci in range(p["ic"]):
            group = ci // in_per_group
            for iz in range(size_in[0]):
                for iy in range(size_in[1]):
                    for ix in range(size_in[2]):
                        value = x[n * xs[0] + ci * xs[1] + iz * xs[2] + iy * xs[3] + ix * xs[4]]
                        for co in range(group * out_per_group, (group + 1) * out_per_group):
                            for kz in range(kernel[0]):
                                oz = iz * stride[0] + kz * dilation[0] - pad[0]
                                if not 0 <= oz < size_out[0]:
                                    continue
                                for ky in range(kernel[1]):
                                    oy = iy * stride[1] + ky * dilation[1] - pad[1]
                                    if not 0 <= oy < size_out[1]:
                                        continue
                                    for kx in range(kernel[2]):
                                        ox = ix * stride[2] + kx * dilation[2] - pad[2]
                                        if not 0 <= ox < size_out[2]:
                                            continue
                                        tap = (kz * kernel[1] + ky) * kernel[2] + kx
                                        out[out_offset(n, co, oz, oy, ox)] += \
                                            value * w[weight_offset(p, ci, co, tap, taps)]

    sizes = axes["output"]
    shape = [p["n"], p["oc"]] + sizes if p["layout"] == "ncx" else [p["n"]] + sizes + [p["oc"]]
    return shape, out


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
