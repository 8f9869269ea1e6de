"""The framework-neutral problem of docs/CONVENTIONS.md, mirrored in Python.

Generators resolve each framework request into this model and print it with
to_string(), which writes the canonical problem string of reference/problem_string.h
(every field, always in the same order). validation_errors() mirrors the rules of
CONVENTIONS.md#validity that a generated case can break, so a case can say whether
the suite's validate() must accept its problem.
"""
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Axis:
    input: int
    kernel: int
    stride: int = 1
    dilation: int = 1
    pad_begin: int = 0
    pad_end: int = 0
    output_padding: int = 0

    @property
    def full(self):
        """The un-cropped ("VALID") output size: (I-1)s + d(k-1) + 1."""
        return (self.input - 1) * self.stride + self.dilation * (self.kernel - 1) + 1

    @property
    def output(self):
        return self.full - self.pad_begin - self.pad_end + self.output_padding


@dataclass(frozen=True)
class Problem:
    in_channels: int
    out_channels: int
    axes: tuple
    batch: int = 1
    groups: int = 1
    has_bias: bool = False
    layout: str = "ncx"          # ncx | nxc
    weight_layout: str = "iox"   # iox | oix | xoi

    @property
    def rank(self):
        return len(self.axes)

    def with_axes(self, axes):
        return replace(self, axes=tuple(axes))

    def input_shape(self):
        """Physical shape of the input tensor in this problem's layout."""
        return activation_shape(self.layout, self.batch, self.in_channels,
                                [a.input for a in self.axes])

    def output_shape(self):
        return activation_shape(self.layout, self.batch, self.out_channels,
                                [a.output for a in self.axes])

    def weight_shape(self):
        kernel = [a.kernel for a in self.axes]
        per_group_out = self.out_channels // self.groups
        per_group_in = self.in_channels // self.groups
        if self.weight_layout == "iox":
            return [self.in_channels, per_group_out] + kernel
        if self.weight_layout == "oix":
            return [self.out_channels, per_group_in] + kernel
        if self.weight_layout == "xoi":
            return kernel + [per_group_out, self.in_channels]
        raise ValueError(f"unknown weight layout {self.weight_layout!r}")


def activation_shape(layout, batch, channels, spatial):
    if layout == "ncx":
        return [batch, channels] + list(spatial)
    if layout == "nxc":
        return [batch] + list(spatial) + [channels]
    raise ValueError(f"unknown layout {layout!r}")


def to_string(p):
    def join(name):
        return "x".join(str(getattr(a, name)) for a in p.axes)
    return ",".join([
        f"n{p.batch}", f"g{p.groups}", f"ic{p.in_channels}", f"oc{p.out_channels}",
        "i" + join("input"), "k" + join("kernel"), "s" + join("stride"),
        "d" + join("dilation"), "pb" + join("pad_begin"), "pe" + join("pad_end"),
        "op" + join("output_padding"), "bias" if p.has_bias else "nobias",
        p.layout, p.weight_layout])


def validation_errors(p):
    """The reasons CONVENTIONS.md#validity rejects p (empty when it is valid)."""
    errors = []
    if not 1 <= p.rank <= 3:
        errors.append(f"rank = {p.rank}: must be 1, 2 or 3")
    for name in ("batch", "in_channels", "out_channels", "groups"):
        if getattr(p, name) < 1:
            errors.append(f"{name} = {getattr(p, name)}: must be >= 1")
    if p.groups >= 1 and (p.in_channels % p.groups or p.out_channels % p.groups):
        errors.append(f"groups = {p.groups}: must divide in_channels and out_channels")
    for i, a in enumerate(p.axes):
        for name in ("input", "kernel", "stride", "dilation"):
            if getattr(a, name) < 1:
                errors.append(f"axes[{i}].{name} = {getattr(a, name)}: must be >= 1")
        for name in ("pad_begin", "pad_end", "output_padding"):
            if getattr(a, name) < 0:
                errors.append(f"axes[{i}].{name} = {getattr(a, name)}: must be >= 0")
        if a.output_padding >= max(a.stride, a.dilation):
            errors.append(f"axes[{i}].output_padding = {a.output_padding}: must be below "
                          f"max(stride, dilation) = {max(a.stride, a.dilation)}")
        if a.output < 1:
            errors.append(f"axes[{i}] output size = {a.output}: must be >= 1")
    return errors


def is_valid(p):
    return not validation_errors(p)
