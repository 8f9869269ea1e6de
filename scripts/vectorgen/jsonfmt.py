"""A small JSON writer whose output stays reviewable in a diff and is byte-stable.

A value is written on one line when it fits in WIDTH columns; otherwise an object
puts one key per line and an array of numbers wraps its numbers at WIDTH. Numbers
round-trip exactly: integral values print as integers, every other float as
Python's repr() (the shortest string that reads back to the same double, so a
float32 value is written as the exact decimal of its double). NaN, which JSON
cannot hold, is written as null.
"""
import json
import math

WIDTH = 100
INDENT = 2


def number(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    v = float(v)
    if math.isnan(v):
        return "null"
    if math.isinf(v):
        raise ValueError("JSON cannot hold an infinity")
    if v.is_integer() and abs(v) < 2 ** 53 and not (v == 0 and math.copysign(1, v) < 0):
        return str(int(v))
    return repr(v)


def _is_scalar(v):
    return v is None or isinstance(v, (bool, int, float, str))


def _scalar(v):
    if v is None:
        return "null"
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    return number(v)


def _compact(v):
    if _is_scalar(v):
        return _scalar(v)
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_scalar(k)}: {_compact(x)}" for k, x in v.items()) + "}"
    return "[" + ", ".join(_compact(x) for x in v) + "]"


def _format(v, indent, used):
    """v written at column `indent`, with `used` columns already taken on its first line."""
    one_line = _compact(v)
    if _is_scalar(v) or used + len(one_line) <= WIDTH:
        return one_line
    pad = " " * (indent + INDENT)
    if isinstance(v, dict):
        items = [f"{pad}{_scalar(k)}: " for k in v]
        body = ",\n".join(head + _format(x, indent + INDENT, len(head))
                          for head, x in zip(items, v.values()))
        return "{\n" + body + "\n" + " " * indent + "}"
    if all(_is_scalar(x) for x in v):
        lines, line = [], pad
        for token in (_scalar(x) for x in v):
            if line != pad and len(line) + len(token) + 2 > WIDTH:
                lines.append(line)
                line = pad
            line += token + ", "
        lines.append(line)
        return "[\n" + "\n".join(l.rstrip() for l in lines)[:-1] + "\n" + " " * indent + "]"
    body = ",\n".join(pad + _format(x, indent + INDENT, len(pad)) for x in v)
    return "[\n" + body + "\n" + " " * indent + "]"


def dumps(doc):
    return _format(doc, 0, 0) + "\n"
