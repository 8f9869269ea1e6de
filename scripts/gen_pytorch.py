#!/usr/bin/python3
"""Golden vectors from PyTorch: torch.nn.functional.conv_transpose1d/2d/3d and the
output_size argument of torch.nn.ConvTranspose{1,2,3}d.

usage: gen_pytorch.py OUTPUT.json

PyTorch pads symmetrically (pad_begin = pad_end = padding) and puts output_padding
at the end, so a request resolves to the canonical problem field by field; layouts
are ncx / iox. Small-integer cases are computed in float64 (exact) and compared
exactly; real cases in float64 and float32 are compared with the rounding bound.
Requests PyTorch rejects are recorded with its error text.
"""
import sys

import numpy as np
import torch
import torch.nn.functional as F

from vectorgen import cases, vectorfile
from vectorgen.model import Axis, Problem, is_valid

SEED = 20261121
CREATED = "2026-11-21"  # fixed, so regeneration is byte-identical
FUNCTIONAL = {1: "torch.nn.functional.conv_transpose1d", 2: "torch.nn.functional.conv_transpose2d",
              3: "torch.nn.functional.conv_transpose3d"}
MODULE = {1: torch.nn.ConvTranspose1d, 2: torch.nn.ConvTranspose2d, 3: torch.nn.ConvTranspose3d}
TORCH_DTYPE = {"int64": torch.float64, "float64": torch.float64, "float32": torch.float32}
SHORT = {"int64": "i64", "float64": "f64", "float32": "f32"}

data = cases.Data(SEED)


def axes(i, k, s=None, d=None, p=None, op=None):
    """Axes from per-axis lists; PyTorch's padding p is both pad_begin and pad_end."""
    n = len(i)
    s, d, p, op = (v or [dflt] * n for v, dflt in ((s, 1), (d, 1), (p, 0), (op, 0)))
    return tuple(Axis(i[a], k[a], s[a], d[a], p[a], p[a], op[a]) for a in range(n))


def case_id(prefix, p, dtype):
    def dims(name):
        return "x".join(str(getattr(a, name)) for a in p.axes)
    return (f"pt_{prefix}_{p.rank}d_i{dims('input')}_k{dims('kernel')}_s{dims('stride')}"
            f"_d{dims('dilation')}_p{dims('pad_begin')}_op{dims('output_padding')}"
            f"_n{p.batch}_g{p.groups}_c{p.in_channels}to{p.out_channels}"
            f"{'_bias' if p.has_bias else ''}_{SHORT[dtype]}")


def functional_call(p):
    return {"stride": [a.stride for a in p.axes], "padding": [a.pad_begin for a in p.axes],
            "output_padding": [a.output_padding for a in p.axes], "groups": p.groups,
            "dilation": [a.dilation for a in p.axes]}


def framework(api, dtype, arguments):
    return {"framework": "pytorch", "version": torch.__version__, "api": api,
            "arguments": {"dtype": str(TORCH_DTYPE[dtype]), **arguments}}


def as_expected(y, dtype):
    y = y.detach().numpy()
    if dtype != "int64":
        return y
    assert (y == np.round(y)).all() and np.abs(y).max(initial=0) < 2 ** 50
    return y.astype(np.int64)


def tensors(x, w, b, dtype):
    t = TORCH_DTYPE[dtype]
    return (torch.tensor(x, dtype=t), torch.tensor(w, dtype=t),
            None if b is None else torch.tensor(b, dtype=t))


def functional(prefix, description, p, dtype, operands=None):
    """One case through torch.nn.functional.conv_transpose{1,2,3}d."""
    assert all(a.pad_begin == a.pad_end for a in p.axes)
    x, w, b = operands or data.operands(p, dtype)
    call = functional_call(p)
    y = getattr(F, FUNCTIONAL[p.rank].rsplit(".", 1)[1])(*tensors(x, w, b, dtype), **call)
    return cases.case(case_id(prefix, p, dtype), description,
                      framework(FUNCTIONAL[p.rank], dtype, {"bias": b is not None, **call}),
                      p, dtype, x, w, b, as_expected(y, dtype))


def module_output_size(p, dtype, output_size, description):
    """One case through torch.nn.ConvTranspose{1,2,3}d(...)(x, output_size=...);
    p carries the output_padding the request should resolve to."""
    x, w, b = data.operands(p, dtype)
    constructor = {"in_channels": p.in_channels, "out_channels": p.out_channels,
                   "kernel_size": [a.kernel for a in p.axes], "stride": [a.stride for a in p.axes],
                   "padding": [a.pad_begin for a in p.axes], "groups": p.groups,
                   "bias": p.has_bias, "dilation": [a.dilation for a in p.axes]}
    m = MODULE[p.rank](**constructor).to(TORCH_DTYPE[dtype])
    xt, wt, bt = tensors(x, w, b, dtype)
    with torch.no_grad():
        m.weight.copy_(wt)
        if bt is not None:
            m.bias.copy_(bt)
    api = f"torch.nn.{MODULE[p.rank].__name__}"
    arguments = {"constructor": constructor, "forward": {"output_size": list(output_size)}}
    id = case_id("output_size", p, dtype) + "_o" + "x".join(map(str, output_size))
    try:
        with torch.no_grad():
            y = m(xt, output_size=list(output_size))
    except (RuntimeError, ValueError) as e:
        error = cases.error_record(True, str(e), is_valid(p),
                                   "PyTorch rejects this output_size; `problem` is the request "
                                   "with output_padding = output_size - minimum size")
        return cases.case(id, description, framework(api, dtype, arguments), p, dtype, x, w, b,
                          expect_error=error)
    return cases.case(id, description, framework(api, dtype, arguments), p, dtype, x, w, b,
                      as_expected(y, dtype))


def rejected(prefix, description, p, x_shape, w_shape, call, note):
    """A request torch.nn.functional rejects; `call` holds its raw arguments."""
    x, w = data.ints(x_shape), data.ints(w_shape)
    fn = getattr(F, FUNCTIONAL[len(x_shape) - 2].rsplit(".", 1)[1])
    try:
        fn(*tensors(x, w, None, "int64")[:2], **call)
    except (RuntimeError, ValueError, TypeError) as e:
        error = cases.error_record(True, f"{type(e).__name__}: {e}", is_valid(p), note)
    else:
        raise AssertionError(f"PyTorch accepted {prefix}: {call}")
    return cases.case(f"pt_rejects_{prefix}", description,
                      framework(FUNCTIONAL[len(x_shape) - 2], "int64", call),
                      p, "int64", x, w, None, expect_error=error)


# --- the case groups -----------------------------------------------------------------------

def output_padding_sweep():
    """Every output_padding value in range, including op >= stride when dilation > stride."""
    out = []
    for i, k, s, d, p in [(4, 3, 2, 1, 1), (3, 2, 1, 3, 0), (3, 3, 2, 3, 1), (2, 2, 3, 2, 0),
                          (3, 2, 1, 2, 1)]:
        for op in range(max(s, d)):
            prob = Problem(2, 3, axes([i], [k], [s], [d], [p], [op]), has_bias=True)
            out.append(functional("output_padding", f"1-D output_padding {op} of the legal "
                                  f"0..{max(s, d) - 1} (stride {s}, dilation {d})", prob, "int64"))
    for op_h in range(2):
        for op_w in range(3):
            prob = Problem(2, 3, axes([3, 4], [2, 3], [2, 1], [1, 3], [1, 0], [op_h, op_w]),
                           batch=2, has_bias=True)
            out.append(functional("output_padding", "2-D output_padding sweep; on W dilation 3 > "
                                  "stride 1, so output_padding reaches 2", prob, "int64"))
    for op in [(a, b, c) for a in range(2) for b in range(3) for c in range(2)]:
        prob = Problem(1, 2, axes([2, 3, 2], [2, 1, 3], [1, 3, 2], [2, 1, 1], [0, 0, 1], list(op)))
        out.append(functional("output_padding", "3-D output_padding sweep over every legal value "
                              "(D: dilation 2 > stride 1)", prob, "int64"))
    return out


def geometry_sweep_1d():
    """Kernel 1-4 x stride 1,2,3,5 (stride > kernel included) x dilation 1-3, unpadded
    and with padding 1 plus the largest output_padding."""
    out = []
    for k in (1, 2, 3, 4):
        for s in (1, 2, 3, 5):
            for d in (1, 2, 3):
                for p, op in ((0, 0), (1, max(s, d) - 1)):
                    prob = Problem(1, 2, axes([3], [k], [s], [d], [p], [op]))
                    if is_valid(prob):
                        out.append(functional("geometry", f"1-D kernel {k}, stride {s}, dilation "
                                              f"{d}, padding {p}, output_padding {op}", prob,
                                              "int64"))
    return out


def groups_cases():
    out = []
    specs = [  # (ic, oc, g, description)
        (4, 2, 2, "2 groups, 2 input and 1 output channels each"),
        (6, 9, 3, "3 groups, 2 input and 3 output channels each"),
        (4, 4, 4, "depthwise: one group per channel"),
        (3, 6, 3, "depthwise with channel multiplier 2"),
    ]
    for ic, oc, g, text in specs:
        prob = Problem(ic, oc, axes([3, 4], [3, 2], [2, 1], [1, 2], [1, 0], [1, 1]), batch=2,
                       groups=g, has_bias=True)
        out.append(functional("groups", f"2-D {text}", prob, "int64"))
    out.append(functional("groups", "1-D, 2 groups", Problem(
        4, 6, axes([5], [3], [2], [1], [1], [1]), groups=2, has_bias=True), "int64"))
    out.append(functional("groups", "3-D depthwise", Problem(
        2, 2, axes([2, 3, 2], [2, 2, 3], [2, 1, 2], [1, 2, 1]), groups=2), "int64"))
    return out


def non_square_cases():
    """Every axis parameter differs between axes; batch 2 and a bias."""
    p2 = Problem(3, 4, axes([5, 7], [3, 2], [2, 3], [1, 2], [1, 0], [1, 2]), batch=2,
                 has_bias=True)
    p3 = Problem(2, 3, axes([3, 4, 2], [2, 3, 1], [1, 2, 3], [2, 1, 1], [1, 0, 0], [1, 1, 2]),
                 batch=2, has_bias=True)
    p1 = Problem(3, 2, axes([6], [4], [3], [2], [2], [1]), batch=3, has_bias=True)
    gaps = Problem(2, 2, axes([3, 2], [2, 1], [3, 4]), has_bias=True)
    crop = Problem(1, 1, axes([4, 3], [3, 1], [2, 3], [1, 1], [4, 1], [0, 2]))
    out = []
    for dtype in ("int64", "float64", "float32"):
        for prob, text in ((p1, "1-D"), (p2, "2-D"), (p3, "3-D")):
            out.append(functional("non_square", f"{text}: input, kernel, stride, dilation, padding "
                                  "and output_padding all differ between axes", prob, dtype))
    out.append(functional("stride_gt_kernel", "stride > kernel on both axes: elements no input "
                          "reaches hold the bias", gaps, "int64"))
    out.append(functional("crop_past_reach", "padding beyond dilation*(kernel-1): the crop removes "
                          "input landings too", crop, "int64"))
    return out


def random_real_cases():
    """Larger dot products with real data, in float64 and float32."""
    specs = [
        Problem(16, 8, axes([10], [5], [3], [2], [2], [1]), batch=2, has_bias=True),
        Problem(8, 6, axes([5, 6], [3, 3], [2, 2], [1, 1], [1, 1], [1, 1]), batch=2,
                has_bias=True),
        Problem(6, 4, axes([4, 5], [4, 3], [3, 2], [2, 1], [2, 0], [2, 1]), groups=2),
        Problem(4, 4, axes([3, 3, 3], [3, 3, 3], [2, 2, 2], [1, 1, 1], [1, 1, 1])),
    ]
    return [functional("random", "real data, rounding-bounded comparison", prob, dtype)
            for prob in specs for dtype in ("float64", "float32")]


def output_size_cases():
    """The output_size route of nn.ConvTranspose*d: every size PyTorch allows, and the
    sizes it refuses."""
    out = []
    for op_h in range(2):
        for op_w in range(3):
            prob = Problem(2, 2, axes([3, 4], [3, 2], [2, 3], [1, 1], [1, 0], [op_h, op_w]),
                           has_bias=True)
            size = [a.output for a in prob.axes]
            out.append(module_output_size(prob, "int64", size, "output_size resolves to "
                                          "output_padding = output_size - minimum size"))
    dilated = Problem(1, 1, axes([3], [2], [1], [3], [0], [1]))
    out.append(module_output_size(dilated, "int64", [dilated.axes[0].output],
                                  "output_size one above the minimum with dilation 3 > stride 1: "
                                  "the functional form accepts output_padding 1 here"))
    too_big = Problem(1, 1, axes([3], [3], [2], [1], [0], [2]))
    out.append(module_output_size(too_big, "int64", [too_big.axes[0].output],
                                  "output_size = minimum + stride is out of range"))
    real_3d = Problem(2, 3, axes([2, 3, 2], [2, 2, 3], [2, 1, 3], [1, 1, 1], [0, 0, 1], [1, 0, 2]))
    out.append(module_output_size(real_3d, "float32", [a.output for a in real_3d.axes],
                                  "3-D output_size, real data"))
    return out


def rejected_cases():
    p_op = Problem(1, 1, axes([3], [3], [2], [1], [0], [2]))
    p_pad = Problem(1, 1, axes([3], [2], [1], [1], [3], [0]))
    p_neg = Problem(1, 1, (Axis(3, 2, 1, 1, -1, -1, 0),))
    p_groups = Problem(4, 6, axes([3], [3]), groups=3)
    p_stride0 = Problem(1, 1, (Axis(3, 2, 0, 1, 0, 0, 0),))
    return [
        rejected("output_padding_ge_stride", "output_padding 2 with stride 2, dilation 1",
                 p_op, [1, 1, 3], [1, 1, 3], {"stride": [2], "output_padding": [2]},
                 "output_padding must be below max(stride, dilation)"),
        rejected("padding_empties_output", "padding 3 leaves an output size of -2", p_pad,
                 [1, 1, 3], [1, 1, 2], {"padding": [3]}, "output size below 1"),
        rejected("negative_padding", "padding -1", p_neg, [1, 1, 3], [1, 1, 2], {"padding": [-1]},
                 "pads must be >= 0"),
        rejected("groups_not_dividing", "3 groups for 4 input channels", p_groups, [1, 4, 3],
                 [4, 2, 3], {"groups": 3}, "groups must divide both channel counts"),
        rejected("stride_zero", "stride 0", p_stride0, [1, 1, 3], [1, 1, 2], {"stride": [0]},
                 "stride must be >= 1"),
        rejected("padding_same", "padding='same' (accepted by the forward convolution)",
                 Problem(1, 1, axes([3], [3])), [1, 1, 3], [1, 1, 3], {"padding": "same"},
                 "conv_transpose has no 'same' padding; `problem` is the unpadded request"),
    ]


def bilinear_kernel(size):
    """The bilinear-interpolation filter used to initialise upsampling layers (FCN)."""
    factor = (size + 1) // 2
    center = factor - 1 if size % 2 == 1 else factor - 0.5
    og = np.arange(size)
    f = 1 - np.abs(og - center) / factor
    return np.outer(f, f)


def realistic_cases():
    out = []
    for dtype in ("float32", "float64"):
        c = 3
        prob = Problem(c, c, axes([5, 6], [4, 4], [2, 2], [1, 1], [1, 1]), groups=c)
        x = data.reals(prob.input_shape(), dtype)
        w = np.broadcast_to(bilinear_kernel(4), [c, 1, 4, 4]).astype(
            np.float32 if dtype == "float32" else np.float64)
        out.append(functional("bilinear_upsample_2x", "2x bilinear upsampling layer: depthwise "
                              "k4 s2 p1 with the bilinear kernel", prob, dtype, (x, w, None)))
    out.append(functional("unet_up_conv", "U-Net up-convolution: 2x2 kernel, stride 2, halving "
                          "the channels", Problem(8, 4, axes([4, 4], [2, 2], [2, 2]),
                                                  has_bias=True), "float32"))
    fcn = Problem(1, 1, axes([2, 2], [64, 64], [32, 32], [1, 1], [16, 16]))
    x = data.reals(fcn.input_shape(), "float32")
    w = bilinear_kernel(64).astype(np.float32).reshape(fcn.weight_shape())
    out.append(functional("fcn_32x_upsample", "FCN-32s style 32x upsampling: k64 s32 p16 with "
                          "the bilinear kernel on a 2x2 score map", fcn, "float32", (x, w, None)))
    out.append(functional("dcgan_generator", "PyTorch DCGAN generator layer: k4 s2 p1 doubles "
                          "4x4 to 8x8 (channels scaled down)",
                          Problem(8, 4, axes([4, 4], [4, 4], [2, 2], [1, 1], [1, 1])), "float32"))
    out.append(functional("dcgan_tf_port", "TensorFlow DCGAN layer (k5 s2 SAME, 7x7 -> 14x14) as "
                          "usually ported to PyTorch: padding 2, output_padding 1",
                          Problem(8, 4, axes([7, 7], [5, 5], [2, 2], [1, 1], [2, 2], [1, 1]),
                                  has_bias=True), "float32"))
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    torch.set_num_threads(1)
    print(f"gen_pytorch: seed {SEED}, torch {torch.__version__}", file=sys.stderr)
    all_cases = (output_padding_sweep() + geometry_sweep_1d() + groups_cases()
                 + non_square_cases() + random_real_cases() + output_size_cases()
                 + rejected_cases() + realistic_cases())
    provenance = {"generator": "pytorch", "generator_version": torch.__version__,
                  "script": "scripts/gen_pytorch.py", "seed": SEED, "created": CREATED,
                  "tools": {"numpy": np.__version__}}
    vectorfile.write(vectorfile.document(provenance, all_cases), sys.argv[1])


if __name__ == "__main__":
    main()
