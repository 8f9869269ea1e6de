"""Assembling golden-vector cases and checking them against the reference.

Every case a generator writes passes through check_case() (via vectorfile.write),
so a case whose `problem` does not reproduce its `expected` data cannot be written
unless the case records that disagreement as a `finding`.
"""
import itertools
import re

import numpy as np

from . import model
from .model import Axis, to_string
from .reference import direct_scatter

UNIT_ROUNDOFF = {"float32": 2.0 ** -24, "float64": 2.0 ** -53}


class Data:
    """Deterministic operand data from one seeded generator."""

    def __init__(self, seed):
        self.rng = np.random.Generator(np.random.PCG64(seed))

    def ints(self, shape, low=-3, high=3):
        """Small non-zero integers: a zero would hide a wrong landing."""
        values = np.array([v for v in range(low, high + 1) if v != 0], np.int64)
        return self.rng.choice(values, size=shape)

    def reals(self, shape, dtype):
        values = self.rng.uniform(-1.0, 1.0, size=shape)
        return values.astype(np.float32) if dtype == "float32" else values

    def operands(self, p, dtype):
        """(input, weights, bias or None) for p in its own layouts."""
        if dtype == "int64":
            return (self.ints(p.input_shape()), self.ints(p.weight_shape()),
                    self.ints([p.out_channels], -5, 5) if p.has_bias else None)
        return (self.reals(p.input_shape(), dtype), self.reals(p.weight_shape(), dtype),
                self.reals([p.out_channels], dtype) if p.has_bias else None)


def comparison(dtype):
    if dtype == "int64":
        return {"kind": "exact"}
    return {"kind": "bounded", "unit_roundoff": UNIT_ROUNDOFF[dtype],
            "note": f"computed by the framework in {dtype}; per element |expected - exact| <= "
                    "gamma_n * (sum |x*w| + |b|), gamma_n = n*u/(1-n*u), n the number of "
                    "products (plus one for a bias)"}


def _values(a):
    return [int(v) for v in np.asarray(a).reshape(-1)] if np.issubdtype(
        np.asarray(a).dtype, np.integer) else [float(v) for v in np.asarray(a).reshape(-1)]


def tensor(shape, data, layout=None):
    t = {"shape": list(shape)}
    if layout is not None:
        t["layout"] = layout
    t["data"] = _values(data)
    return t


def case(id, description, framework, p, dtype, x, w, b, expected=None, *, expected_shape=None,
         expect_error=None):
    """One case of the resolved model.Problem p; operands and output in p's layouts."""
    c = {"id": id, "description": description, "framework": framework, "problem": to_string(p),
         "dtype": dtype, "comparison": comparison(dtype),
         "input": tensor(np.shape(x), x, p.layout), "weights": tensor(np.shape(w), w, p.weight_layout)}
    if b is not None:
        c["bias"] = tensor(np.shape(b), b)
    if expected is not None:
        shape = expected_shape if expected_shape is not None else np.shape(expected)
        c["expected"] = tensor(shape, expected, p.layout)
    if expect_error is not None:
        c["expect_error"] = expect_error
    return c


def error_record(rejected, message, problem_valid, note, observed=None):
    """The expect_error member: what the framework did with a request it should
    reject (or that the model rejects)."""
    e = {"rejected": rejected, "message": message, "model_accepts": problem_valid, "note": note}
    if observed is not None:
        e["observed"] = observed
    return e


KEY_ORDER = ("id", "description", "framework", "problem", "dtype", "comparison", "input",
             "weights", "bias", "expected", "expect_error", "finding")


def complete(c):
    """A case written by a generator in another language, completed the same way
    case() does: `problem` given as an object of model.Problem fields becomes the
    canonical string, `comparison` follows from `dtype`, expect_error gets
    model_accepts, and the keys take the standard order."""
    c = dict(c)
    if isinstance(c["problem"], dict):
        fields = dict(c["problem"])
        fields["axes"] = tuple(Axis(**a) for a in fields["axes"])
        c["problem"] = to_string(model.Problem(**fields))
    c.setdefault("comparison", comparison(c["dtype"]))
    if "expect_error" in c:
        e = c["expect_error"]
        c["expect_error"] = error_record(e["rejected"], e["message"],
                                         model.is_valid(parse(c["problem"])), e["note"],
                                         e.get("observed"))
    hint = c.pop("finding_hint", None)
    if "expected" in c:
        c = with_finding_if_disagreeing(c, c["framework"]["framework"], hint)
    unknown = set(c) - set(KEY_ORDER)
    assert not unknown, f"case {c['id']}: unknown keys {sorted(unknown)}"
    return {k: c[k] for k in KEY_ORDER if k in c}


# --- checking ----------------------------------------------------------------------------

def parse(text):
    """model.Problem from a canonical problem string (every field present)."""
    fields = {}
    for token in text.split(","):
        key, value = re.fullmatch(r"([a-z]+)(.*)", token).groups()
        fields[key] = value
    columns = [[int(v) for v in fields[k].split("x")] for k in ("i", "k", "s", "d", "pb", "pe", "op")]
    return model.Problem(int(fields["ic"]), int(fields["oc"]),
                         tuple(Axis(*values) for values in zip(*columns)),
                         batch=int(fields["n"]), groups=int(fields["g"]), has_bias="bias" in fields,
                         layout="nxc" if "nxc" in fields else "ncx",
                         weight_layout=next(w for w in ("iox", "oix", "xoi") if w in fields))


def mismatches(p, case_, expected):
    """Elements of `expected` (flat list) that p's reference does not reproduce."""
    x = _array(case_["input"]["data"], case_["dtype"])
    w = _array(case_["weights"]["data"], case_["dtype"])
    b = _array(case_["bias"]["data"], case_["dtype"]) if "bias" in case_ else None
    if (p.has_bias) != (b is not None) or any(a.output < 1 for a in p.axes):
        return ["bias or output size inconsistent"]
    if len(x) != np.prod(p.input_shape()) or len(w) != np.prod(p.weight_shape()):
        return ["operand sizes inconsistent"]
    ref, magnitude, terms = direct_scatter(p, x, w, b)
    if len(ref) != len(expected):
        return [f"{len(expected)} values, reference has {len(ref)}"]
    bad = []
    u = case_["comparison"].get("unit_roundoff")
    for i, (e, r, m, n) in enumerate(zip(expected, ref, magnitude, terms)):
        if e is None:
            bad.append(f"[{i}] NaN, reference {r}")
        elif u is None:
            if e != r:
                bad.append(f"[{i}] {e} != {r}")
        else:
            nu = n * u
            bound = nu / (1 - nu) * m + 2.0 ** -60 * m  # + the long-double reference's own error
            if abs(np.longdouble(e) - r) > bound:
                bad.append(f"[{i}] {e} vs {float(r)}: error {float(abs(np.longdouble(e) - r))} > {float(bound)}")
    return bad


def _array(values, dtype):
    return np.array(values, np.int64) if dtype == "int64" else np.array(values, np.float64)


def check_case(c):
    """Raises AssertionError unless the case is self-consistent (see vectors/README.md)."""
    where = f"case {c['id']} ({c['problem']})"
    if "expect_error" in c:
        valid = model.is_valid(parse(c["problem"]))
        assert valid == c["expect_error"]["model_accepts"], f"{where}: model_accepts should be {valid}"
        return
    p = parse(c["problem"])
    assert c["expected"]["shape"] == p.output_shape() or "finding" in c, \
        f"{where}: expected shape {c['expected']['shape']} != {p.output_shape()}"
    if "finding" not in c:
        bad = mismatches(p, c, c["expected"]["data"])
        assert not bad, f"{where}: framework output disagrees with the problem: {bad[:5]}"
        assert model.is_valid(p), f"{where}: invalid problem {model.validation_errors(p)}"
        return
    observed = c["finding"].get("observed_problem")
    if observed is not None:
        bad = mismatches(parse(observed), c, c["expected"]["data"])
        assert not bad, f"{where}: output does not match observed_problem {observed}: {bad[:5]}"
    if c["expected"]["shape"] == p.output_shape():
        assert mismatches(p, c, c["expected"]["data"]), \
            f"{where}: has a finding, yet its output matches the documented problem"


def find_matching_problem(p, c, output_spatial):
    """The canonical problem, differing from p only in its pads and output_padding,
    whose reference reproduces the case's expected data (None if none does).
    Candidates nearest p's own pad_begin come first."""
    per_axis = []
    for a, size in zip(p.axes, output_spatial):
        options = []
        for pb in range(-max(a.stride, a.dilation), a.full):
            rest = a.full - pb - size
            options.append(Axis(a.input, a.kernel, a.stride, a.dilation, pb,
                                max(rest, 0), max(-rest, 0)))
        options.sort(key=lambda o: abs(o.pad_begin - a.pad_begin))
        per_axis.append(options)
    for axes in itertools.product(*per_axis):
        q = p.with_axes(axes)
        if not mismatches(q, c, c["expected"]["data"]):
            return q
    return None


def with_finding_if_disagreeing(c, framework_name, hint=None):
    """c unchanged when its expected data match its problem; otherwise c with a
    `finding`: the framework disagrees with its own documented rule. The finding names
    the problem the output does match, searched among the problems that differ only in
    pads and output_padding (None when none does). `hint` explains the mechanism."""
    p = parse(c["problem"])
    output_spatial = _spatial(c["expected"]["shape"], p.layout)
    if output_spatial == [a.output for a in p.axes] and not mismatches(p, c, c["expected"]["data"]):
        return c
    observed = find_matching_problem(p, c, output_spatial)
    text = (f"{framework_name} returns a result that differs from the problem its documented rule "
            "resolves to (`problem`); ")
    text += ("the result is that of observed_problem" if observed is not None else
             "no problem that differs from it only in pads and output_padding reproduces the result")
    if hint:
        text += f". {hint}"
    return {**c, "finding": {"text": text,
                             "observed_problem": to_string(observed) if observed else None}}


def _spatial(shape, layout):
    return list(shape[2:]) if layout == "ncx" else list(shape[1:-1])
