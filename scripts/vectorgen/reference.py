"""An independent reference for checking what the frameworks return.

direct_scatter() is the definition of CONVENTIONS.md (o = i·stride + k·dilation −
pad_begin, kept when 0 ≤ o < O), vectorised over one kernel tap at a time: for a
fixed tap, the inputs that land inside the output form a strided slice on every axis.
It runs in int64 on integer data (exact) and in long double otherwise, and also
returns, per output element, sum |x·w| + |b| and the number of terms — what the
error bound gamma_n·(sum |x·w| + |b|) is made of. It accepts pads below zero and
large output_padding too, so it can also evaluate the problem a framework's output
actually matches when that problem is outside the valid range.
"""
import itertools

import numpy as np

from .model import activation_shape


def _to_logical_input(p, x):
    x = np.asarray(x).reshape(p.input_shape())
    return np.moveaxis(x, -1, 1) if p.layout == "nxc" else x


def _to_grouped_weights(p, w):
    """Weights as [group, in channel of group, out channel of group, k...]."""
    w = np.asarray(w).reshape(p.weight_shape())
    g, cig, cog = p.groups, p.in_channels // p.groups, p.out_channels // p.groups
    kernel = [a.kernel for a in p.axes]
    if p.weight_layout == "xoi":  # [k..., Cout/g, Cin] -> [Cin, Cout/g, k...]
        w = np.moveaxis(np.moveaxis(w, -1, 0), -1, 1)
    if p.weight_layout == "oix":  # [Cout, Cin/g, k...] -> [g, Cout/g, Cin/g, k...]
        return np.swapaxes(w.reshape([g, cog, cig] + kernel), 1, 2)
    return w.reshape([g, cig, cog] + kernel)


def _tap_slices(p, tap):
    """Input and output slices of the landings of one kernel tap, or None."""
    in_slices, out_slices = [], []
    for a, t in zip(p.axes, tap):
        offset = t * a.dilation - a.pad_begin  # o = i*s + offset
        lo = max(0, -(offset // a.stride))  # first i with i*s + offset >= 0
        hi = min(a.input - 1, (a.output - 1 - offset) // a.stride)
        if lo > hi:
            return None
        in_slices.append(slice(lo, hi + 1))
        start = lo * a.stride + offset
        out_slices.append(slice(start, start + (hi - lo) * a.stride + 1, a.stride))
    return in_slices, out_slices


def direct_scatter(p, x, w, b):
    """(output, magnitude, terms) in the problem's output layout, each flattened.

    magnitude = sum |x·w| + |b| per output element; terms counts its products plus
    one for a bias. Integer data give an exact int64 output."""
    x = _to_logical_input(p, x)
    w = _to_grouped_weights(p, w)
    exact = np.issubdtype(x.dtype, np.integer) and np.issubdtype(w.dtype, np.integer)
    kind = np.int64 if exact else np.longdouble
    x, w = x.astype(kind), w.astype(kind)
    out_spatial = [a.output for a in p.axes]
    shape = [p.batch, p.out_channels] + out_spatial
    y = np.zeros(shape, kind)
    magnitude = np.zeros(shape, np.longdouble)
    terms = np.zeros(shape, np.int64)
    cig, cog = p.in_channels // p.groups, p.out_channels // p.groups
    for tap in itertools.product(*[range(a.kernel) for a in p.axes]):
        slices = _tap_slices(p, tap)
        if slices is None:
            continue
        in_slices, out_slices = slices
        for g in range(p.groups):
            xs = x[(slice(None), slice(g * cig, (g + 1) * cig), *in_slices)]
            wt = w[(g, slice(None), slice(None), *tap)]  # [cig, cog]
            target = (slice(None), slice(g * cog, (g + 1) * cog), *out_slices)
            y[target] += np.einsum("nc...,co->no...", xs, wt)
            magnitude[target] += np.einsum("nc...,co->no...", np.abs(xs).astype(np.longdouble),
                                           np.abs(wt).astype(np.longdouble))
            terms[target] += cig
    if b is not None:
        b = np.asarray(b).astype(kind).reshape([1, p.out_channels] + [1] * p.rank)
        y += b
        magnitude += np.abs(b).astype(np.longdouble)
        terms += 1
    if p.layout == "nxc":
        y, magnitude, terms = (np.moveaxis(t, 1, -1) for t in (y, magnitude, terms))
    assert list(y.shape) == activation_shape(p.layout, p.batch, p.out_channels, out_spatial)
    return y.reshape(-1), magnitude.reshape(-1), terms.reshape(-1)
