#!/usr/bin/python3
"""Golden vectors: worked examples from the literature, with their literal values.

usage: gen_literature.py OUTPUT.json

Each example is written exactly as published (small integers, compared exactly).
Every literal is checked against PyTorch here, so a typo cannot land: the full
("VALID") output of torch.nn.functional.conv_transpose2d is cropped by the
example's pads, which is how CONVENTIONS.md defines them.
"""
import sys

import numpy as np
import torch
import torch.nn.functional as F

from vectorgen import cases, vectorfile
from vectorgen.model import Axis, Problem

SEED = None  # no random data here
CREATED = "2026-11-21"  # fixed, so regeneration is byte-identical

D2L = "Dive into Deep Learning, section 'Transposed Convolution' (d2l.ai)"
QUOTED = ("worked example from the literature as quoted in the project's issue 4 "
          "(original publication not re-checked here)")


def torch_full_then_crop(p, x, w):
    """The example recomputed by PyTorch: full output, then the pads cropped."""
    a_h, a_w = p.axes
    xt = torch.tensor(np.array(x, np.float64)).reshape(1, 1, a_h.input, a_w.input)
    wt = torch.tensor(np.array(w, np.float64)).reshape(1, 1, a_h.kernel, a_w.kernel)
    full = F.conv_transpose2d(xt, wt, stride=(a_h.stride, a_w.stride))[0, 0]
    cropped = full[a_h.pad_begin:a_h.full - a_h.pad_end, a_w.pad_begin:a_w.full - a_w.pad_end]
    assert a_h.output_padding == a_w.output_padding == 0
    return cropped.numpy().astype(np.int64)


def example(id, source, arguments, stride, pads, x, w, expected, layout="ncx",
            weight_layout="iox"):
    """pads: ((begin_h, end_h), (begin_w, end_w))."""
    x, w, expected = (np.array(v, np.int64) for v in (x, w, expected))
    axes = tuple(Axis(x.shape[i], w.shape[i], stride[i], 1, pads[i][0], pads[i][1])
                 for i in range(2))
    p = Problem(1, 1, axes, layout=layout, weight_layout=weight_layout)
    recomputed = torch_full_then_crop(p, x, w)
    assert (recomputed == expected).all(), f"{id}: literal {expected.tolist()} but torch gives " \
                                           f"{recomputed.tolist()}"
    shape_x, shape_w, shape_y = p.input_shape(), p.weight_shape(), p.output_shape()
    return cases.case(id, arguments["text"],
                      {"framework": "literature", "api": source, "arguments": arguments},
                      p, "int64", x.reshape(shape_x), w.reshape(shape_w), None,
                      expected.reshape(shape_y))


def all_cases():
    x, k = [[0, 1], [2, 3]], [[0, 1], [2, 3]]
    tf_same = "TensorFlow SAME: total = max((I-1)s + k - O, 0), begin = floor(total/2)"
    return [
        example("lit_d2l_stride1_i2x2_k2x2", D2L,
                {"text": "X = [[0,1],[2,3]], K = [[0,1],[2,3]], stride 1"},
                (1, 1), ((0, 0), (0, 0)), x, k, [[0, 0, 1], [0, 4, 6], [4, 12, 9]]),
        example("lit_d2l_padding1_i2x2_k2x2", D2L,
                {"text": "the same X and K with padding 1: the first and last row and "
                         "column of the output are removed"},
                (1, 1), ((1, 1), (1, 1)), x, k, [[4]]),
        example("lit_d2l_stride2_i2x2_k2x2", D2L,
                {"text": "the same X and K with stride 2"},
                (2, 2), ((0, 0), (0, 0)), x, k,
                [[0, 0, 0, 1], [0, 0, 2, 3], [0, 2, 0, 3], [4, 6, 6, 9]]),
        example("lit_feature_map_i2x2_k3x3_s1", QUOTED,
                {"text": "feature map [[1,0],[2,1]], kernel [[1,0,1],[0,1,1],[1,0,0]], stride 1"},
                (1, 1), ((0, 0), (0, 0)), [[1, 0], [2, 1]],
                [[1, 0, 1], [0, 1, 1], [1, 0, 0]],
                [[1, 0, 1, 0], [2, 2, 3, 1], [1, 2, 3, 1], [2, 1, 0, 0]]),
        example("lit_tf_same_i2x2_k3x3_s2_o4x4", QUOTED,
                {"text": "TensorFlow conv2d_transpose, padding SAME: input [[1,2],[3,4]], 3x3 "
                         "all-ones filter, stride 2, output_shape 4x4",
                 "rule": tf_same},
                (2, 2), ((0, 1), (0, 1)), [[1, 2], [3, 4]], np.ones((3, 3), np.int64),
                [[1, 1, 3, 2], [1, 1, 3, 2], [4, 4, 10, 6], [3, 3, 7, 4]],
                layout="nxc", weight_layout="xoi"),
        example("lit_tf_same_i3x3_k2x2_s2_o5x5", QUOTED,
                {"text": "TensorFlow conv2d_transpose, padding SAME: the 3x3 map "
                         "[[8,12,5],[28,32,15],[21,23,25]] with filter [[1,0],[0,1]], stride 2, "
                         "output_shape 5x5",
                 "rule": tf_same},
                (2, 2), ((0, 1), (0, 1)), [[8, 12, 5], [28, 32, 15], [21, 23, 25]],
                [[1, 0], [0, 1]],
                [[8, 0, 12, 0, 5], [0, 8, 0, 12, 0], [28, 0, 32, 0, 15], [0, 28, 0, 32, 0],
                 [21, 0, 23, 0, 25]],
                layout="nxc", weight_layout="xoi"),
    ]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(f"gen_literature: seed {SEED} (no random data), torch {torch.__version__}",
          file=sys.stderr)
    provenance = {"generator": "torch (checks the published literals)",
                  "generator_version": torch.__version__, "script": "scripts/gen_literature.py",
                  "seed": SEED, "created": CREATED}
    vectorfile.write(vectorfile.document(provenance, all_cases()), sys.argv[1])


if __name__ == "__main__":
    main()
