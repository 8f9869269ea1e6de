#!/usr/bin/python3
"""Golden vectors from ONNX Runtime: ONNX ConvTranspose models built here with the
onnx package and run by onnxruntime-node (ort_runner.mjs, CPU, float32).

usage: gen_onnxruntime.py OUTPUT.json

A request resolves to the canonical problem by the text of the ONNX operator's
documentation (onnx.defs.get_schema("ConvTranspose").doc), per axis:
  explicit pads (auto_pad NOTSET): pad_begin, pad_end = pads[i], pads[i + rank];
  VALID: no pads;
  SAME_UPPER / SAME_LOWER, or any output_shape (which overrides pads):
    O = output_shape[i], or input_size[i]·stride[i] for SAME without output_shape,
    total = stride·(I-1) + output_padding + ((k-1)·dilation + 1) - O,
    SAME_UPPER: pad_begin = total/2,         pad_end = total - total/2
    otherwise:  pad_begin = total - total/2, pad_end = total/2
  output_padding = the attribute (0 by default).
A negative pad_end is written as that much more output_padding (the same output);
a negative pad_begin has no such equivalent and is written as it is (an invalid problem).
"total/2" is read as floor division, as onnx's reference implementation
(onnx/reference/ops/op_conv_transpose.py) does; it matters only for a negative total.
A runtime output that the resolved problem does not reproduce is recorded as it is,
with a `finding` naming the problem it does match.
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import onnx
from onnx import TensorProto, helper

from vectorgen import cases, vectorfile
from vectorgen.model import Axis, Problem, is_valid

SEED = 20261122
CREATED = "2026-11-21"  # fixed, so regeneration is byte-identical
OPSET = 17
HERE = os.path.dirname(os.path.abspath(__file__))

data = cases.Data(SEED)


def resolve(I, k, attrs):
    """The canonical axes of a request, by the ONNX documentation's equations."""
    rank = len(I)
    s = attrs.get("strides", [1] * rank)
    d = attrs.get("dilations", [1] * rank)
    op = attrs.get("output_padding", [0] * rank)
    auto_pad = attrs.get("auto_pad", "NOTSET")
    pads = attrs.get("pads", [0] * (2 * rank))
    axes = []
    for a in range(rank):
        full = s[a] * (I[a] - 1) + op[a] + (k[a] - 1) * d[a] + 1
        if "output_shape" in attrs or auto_pad in ("SAME_UPPER", "SAME_LOWER"):
            target = attrs["output_shape"][a] if "output_shape" in attrs else I[a] * s[a]
            total = full - target
            small, big = total // 2, total - total // 2
            begin, end = (small, big) if auto_pad == "SAME_UPPER" else (big, small)
        elif auto_pad == "VALID":
            begin = end = 0
        else:
            begin, end = pads[a], pads[a + rank]
        # A negative pad_end extends the end of the output like output_padding does.
        axes.append(Axis(I[a], k[a], s[a], d[a], begin, max(end, 0), op[a] - min(end, 0)))
    return tuple(axes)


class Request:
    """One ConvTranspose node and its operands."""

    def __init__(self, group, description, I, k, attrs, n=1, cin=1, cout=1, bias=False,
                 dtype="int64", hint=None):
        g = attrs.get("group", 1)
        self.group, self.description, self.attrs, self.hint = group, description, attrs, hint
        self.dtype = dtype
        self.problem = Problem(cin, cout, resolve(I, k, attrs), batch=n, groups=g, has_bias=bias)
        x_shape, w_shape = [n, cin] + list(I), [cin, cout // g] + list(k)
        self.x, self.w = (data.ints(s) if dtype == "int64" else data.reals(s, dtype)
                          for s in (x_shape, w_shape))
        self.b = None
        if bias:
            self.b = data.ints([cout], -5, 5) if dtype == "int64" else data.reals([cout], dtype)

    def model(self):
        f = TensorProto.FLOAT
        names = ["X", "W"] + (["B"] if self.b is not None else [])
        inputs = [helper.make_tensor_value_info(name, f, list(np.shape(v)))
                  for name, v in zip(names, (self.x, self.w, self.b))]
        node = helper.make_node("ConvTranspose", names, ["Y"], **self.attrs)
        graph = helper.make_graph([node], "conv_transpose", inputs,
                                  [helper.make_tensor_value_info("Y", f, None)])
        return helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])

    def feeds(self):
        named = zip(("X", "W", "B"), (self.x, self.w, self.b))
        return {name: {"dims": list(np.shape(v)), "data": [float(t) for t in np.reshape(v, -1)]}
                for name, v in named if v is not None}

    def case_id(self):
        p = self.problem
        dims = lambda v: "x".join(map(str, v))
        a = self.attrs
        parts = [f"ort_{self.group}", f"{p.rank}d", f"i{dims(a.input for a in p.axes)}",
                 f"k{dims(a.kernel for a in p.axes)}"]
        for key, short in (("strides", "s"), ("dilations", "d"), ("pads", "pads"),
                           ("output_padding", "op"), ("output_shape", "os")):
            if key in a:
                parts.append(short + dims(a[key]))
        if "auto_pad" in a:
            parts.append(a["auto_pad"].lower())
        if a.get("group", 1) > 1:
            parts.append(f"g{a['group']}")
        parts += [f"n{p.batch}", f"c{p.in_channels}to{p.out_channels}"]
        if self.b is not None:
            parts.append("bias")
        parts.append("i64" if self.dtype == "int64" else "f32")
        return "_".join(parts)

    def case(self, result, version):
        framework = {"framework": "onnxruntime", "version": version,
                     "api": "ONNX ConvTranspose (onnxruntime-node, CPU execution provider)",
                     "arguments": {"opset": OPSET, "attributes": self.attrs,
                                   "X_shape": list(np.shape(self.x)),
                                   "W_shape": list(np.shape(self.w)), "B": self.b is not None,
                                   "onnx": onnx.__version__}}
        args = (self.case_id(), self.description, framework, self.problem, self.dtype,
                self.x, self.w, self.b)
        if "error" in result:
            note = ("onnxruntime rejects a request whose documented problem is valid"
                    if is_valid(self.problem) else
                    "the documented equations resolve this request to an invalid problem")
            return cases.case(*args, expect_error=cases.error_record(
                True, result["error"], is_valid(self.problem), note))
        y = np.array(result["data"], np.float64)
        if self.dtype == "int64":
            assert (y == np.round(y)).all(), self.case_id()
            y = y.astype(np.int64)
        c = cases.case(*args, y, expected_shape=result["dims"])
        return cases.with_finding_if_disagreeing(c, "onnxruntime", self.hint)


def run_all(requests):
    with tempfile.TemporaryDirectory() as tmp:
        runs = []
        for i, r in enumerate(requests):
            path = os.path.join(tmp, f"case{i}.onnx")
            onnx.save(r.model(), path)
            runs.append({"model": path, "inputs": r.feeds()})
        manifest, results = os.path.join(tmp, "manifest.json"), os.path.join(tmp, "results.json")
        with open(manifest, "w") as f:
            json.dump({"runs": runs}, f)
        subprocess.run(["node", os.path.join(HERE, "ort_runner.mjs"), manifest, results],
                       check=True)
        with open(results) as f:
            out = json.load(f)
    return out["version"], out["runs"]


# --- the requests ---------------------------------------------------------------------------

# What the runtime's output shows where it departs from the documentation; the text
# is attached only to cases whose output does depart.
NEGATIVE_TOTAL = ("With a negative total padding (kernel extent below the stride) onnxruntime "
                  "returns the unpadded output, (I-1)s + (k-1)d + 1 + output_padding long, "
                  "instead of the documented I*s")
ODD_NEGATIVE_SPLIT = ("The documentation's total/2 of a negative odd total: floored, as in onnx's "
                      "reference implementation, it gives pad_begin -1; onnxruntime's output is "
                      "that of division truncated toward zero (pad_begin 0, the extra element at "
                      "the end)")


def explicit_pads():
    R = Request
    return [
        R("pads", "1-D asymmetric pads, more at the end", [5], [3], {"strides": [2], "pads": [0, 2]},
          cout=2),
        R("pads", "1-D asymmetric pads, more at the begin, with output_padding", [5], [3],
          {"strides": [2], "pads": [2, 1], "output_padding": [1]}, cout=2),
        R("pads", "2-D asymmetric pads; every axis parameter differs", [3, 4], [3, 2],
          {"strides": [2, 3], "dilations": [1, 2], "pads": [1, 0, 2, 1], "output_padding": [1, 2]},
          n=2, cin=2, cout=3, bias=True),
        R("pads", "3-D asymmetric pads; every axis parameter differs", [2, 3, 2], [2, 1, 3],
          {"strides": [1, 3, 2], "dilations": [2, 1, 1], "pads": [0, 1, 1, 1, 0, 0],
           "output_padding": [0, 2, 1]}, cin=2, cout=2),
        R("groups", "2 groups", [3, 4], [3, 3], {"strides": [2, 1], "pads": [1, 1, 0, 1],
                                                 "group": 2}, cin=4, cout=6, bias=True),
        R("groups", "depthwise", [4, 3], [2, 3], {"strides": [2, 2], "pads": [0, 1, 1, 0],
                                                  "group": 3}, cin=3, cout=3),
        R("dilations", "dilation 3 and 2 with pads", [3, 3], [3, 2],
          {"dilations": [3, 2], "strides": [1, 2], "pads": [2, 0, 1, 1]}, cout=2),
        R("stride_gt_kernel", "stride > kernel, bias in the gaps", [3, 2], [2, 1],
          {"strides": [3, 4]}, cin=2, cout=2, bias=True),
    ]


def output_padding_sweep():
    """Every output_padding below max(stride, dilation), as PyTorch allows."""
    out = []
    for s, d in ((2, 1), (1, 3), (2, 3), (1, 2)):
        for op in range(max(s, d)):
            out.append(Request("output_padding", f"output_padding {op} with stride {s}, "
                               f"dilation {d}", [3], [2],
                               {"strides": [s], "dilations": [d], "output_padding": [op]},
                               cout=2))
    out.append(Request("rejects", "output_padding 2 = stride 2 (dilation 1)", [3], [3],
                       {"strides": [2], "output_padding": [2]}))
    return out


def auto_pads():
    out = []
    same_specs = [  # (I, k, extra attributes, description)
        ([3], [3], {"strides": [2]}, "1-D, odd total padding 1"),
        ([3], [4], {"strides": [2]}, "1-D, even total padding 2"),
        ([3], [3], {"strides": [2], "dilations": [2]}, "1-D dilation 2, odd total padding 3"),
        ([3], [3], {"strides": [2], "output_padding": [1]}, "1-D with output_padding 1"),
        ([3, 4], [3, 4], {"strides": [2, 3]}, "2-D, odd total padding on both axes"),
        ([2, 2, 3], [3, 2, 2], {"strides": [2, 1, 1]}, "3-D, odd total padding on every axis"),
        ([3], [1], {"strides": [3]}, "1-D kernel 1 < stride 3: total padding -2"),
        ([3], [2], {"strides": [3]}, "1-D kernel 2 < stride 3: total padding -1"),
        ([2, 3], [2, 3], {"strides": [4, 2]}, "2-D, kernel < stride on H: total padding -2"),
    ]
    for I, k, extra, text in same_specs:
        for mode in ("SAME_UPPER", "SAME_LOWER"):
            out.append(Request("auto_pad", f"{mode}: {text}", I, k, {"auto_pad": mode, **extra},
                               cout=2, hint=NEGATIVE_TOTAL))
    out.append(Request("auto_pad", "VALID with output_padding", [3, 2], [2, 3],
                       {"auto_pad": "VALID", "strides": [2, 3], "output_padding": [1, 2]},
                       cin=2, cout=2))
    out.append(Request("auto_pad", "VALID", [4], [3], {"auto_pad": "VALID", "strides": [3]}, cout=2))
    return out


def output_shapes():
    """output_shape with and without pads (the documentation says pads are then
    ignored) and with each auto_pad, over a range of sizes around the legal ones."""
    out = []
    for O in range(4, 10):  # full size 7
        for mode in ("NOTSET", "SAME_UPPER", "SAME_LOWER"):
            attrs = {"strides": [2], "output_shape": [O]}
            if mode != "NOTSET":
                attrs["auto_pad"] = mode
            out.append(Request("output_shape", f"1-D output_shape {O}, auto_pad {mode}", [3], [3],
                               attrs, cout=2, hint=ODD_NEGATIVE_SPLIT))
    for O in ((6, 6), (7, 6), (6, 7)):
        out.append(Request("output_shape", "2-D output_shape with explicit pads, which it "
                           "overrides", [3, 2], [2, 3],
                           {"strides": [3, 2], "output_shape": list(O), "pads": [1, 0, 0, 1]},
                           cin=2, cout=2))
    out.append(Request("output_shape", "2-D output_shape with output_padding", [3, 2], [2, 3],
                       {"strides": [3, 2], "output_shape": [8, 6], "output_padding": [2, 1]},
                       cout=2))
    out.append(Request("output_shape", "3-D output_shape, SAME_UPPER", [2, 3, 2], [3, 2, 2],
                       {"strides": [2, 1, 2], "output_shape": [4, 3, 4], "auto_pad": "SAME_UPPER"},
                       cin=2, cout=2))
    return out


def real_data():
    R = Request
    return [
        R("random", "real data, asymmetric pads", [5, 6], [3, 3],
          {"strides": [2, 2], "pads": [1, 0, 1, 2], "output_padding": [1, 1]}, n=2, cin=6, cout=4,
          bias=True, dtype="float32"),
        R("random", "real data, groups and dilation", [4, 4], [3, 2],
          {"strides": [2, 3], "dilations": [2, 1], "group": 2, "pads": [2, 1, 2, 0]}, cin=4,
          cout=6, dtype="float32"),
        R("random", "real data, 3-D SAME_LOWER", [3, 2, 3], [2, 3, 3],
          {"strides": [2, 2, 1], "auto_pad": "SAME_LOWER"}, cin=3, cout=2, dtype="float32"),
        R("random", "real data, 1-D", [9], [5], {"strides": [3], "dilations": [2],
                                                 "pads": [3, 1]}, n=2, cin=8, cout=4,
          bias=True, dtype="float32"),
        R("dcgan_generator", "DCGAN generator layer with SAME_UPPER: k5 s2, 7x7 -> 14x14 "
          "(TensorFlow's SAME split)", [7, 7], [5, 5], {"strides": [2, 2], "auto_pad": "SAME_UPPER"},
          cin=8, cout=4, dtype="float32"),
        R("unet_up_conv", "U-Net up-convolution: 2x2 kernel, stride 2", [4, 4], [2, 2],
          {"strides": [2, 2]}, cin=8, cout=4, bias=True, dtype="float32"),
    ]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(f"gen_onnxruntime: seed {SEED}, onnx {onnx.__version__}, opset {OPSET}", file=sys.stderr)
    requests = explicit_pads() + output_padding_sweep() + auto_pads() + output_shapes() + real_data()
    version, results = run_all(requests)
    provenance = {"generator": "onnxruntime-node", "generator_version": version,
                  "script": "scripts/gen_onnxruntime.py", "seed": SEED, "created": CREATED,
                  "tools": {"onnx": onnx.__version__, "opset": OPSET, "numpy": np.__version__}}
    all_cases = [r.case(res, version) for r, res in zip(requests, results)]
    vectorfile.write(vectorfile.document(provenance, all_cases), sys.argv[1])


if __name__ == "__main__":
    main()
