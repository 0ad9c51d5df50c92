"""Moving a DATE or PERIOD value by whole units: the base of ``so với cùng kỳ`` is the
statement's period a year earlier, ``so với tháng trước`` the month before."""
from __future__ import annotations

from datetime import date, timedelta

import regex

_ISO = regex.compile(r"^(?P<y>\d{4})(?:-(?:(?P<q>Q[1-4])|(?P<h>H[12])|(?P<w>W\d{2})|(?P<m>\d{2})(?:-(?P<d>\d{2}))?))?(?P<rest>T.*)?$")


def value_year(value) -> int | None:
    """The year a DATE value falls in, or a PERIOD value ends in."""
    if isinstance(value, dict):
        value = value.get("end")
    if isinstance(value, str) and value[:4].isdigit():
        return int(value[:4])
    return None


def shift_value(value, unit: str, n: int):
    """``value`` moved by ``n`` of ``unit`` (Y, Q, M, W, D; P: the period just before a
    PERIOD, its own length back). None where the value cannot be moved (``XXXX``)."""
    if isinstance(value, dict):
        if unit == "P":
            return None
        s, e = shift_value(value.get("start"), unit, n), shift_value(value.get("end"), unit, n)
        return {"start": s, "end": e} if s and e else None
    if not isinstance(value, str):
        return None
    m = _ISO.match(value)
    if m is None:
        return None
    y = int(m["y"])
    rest = m["rest"] or ""
    if unit == "Y":
        y += n
        if m["d"] and m["m"] == "02" and m["d"] == "29":
            return f"{y:04d}-02-28{rest}"
        return f"{y:04d}" + value[4:]
    if unit == "Q":
        if m["q"]:
            q = int(m["q"][1]) - 1 + n
            return f"{y + q // 4:04d}-Q{q % 4 + 1}"
        if m["m"] and not m["d"]:
            return shift_value(value, "M", 3 * n)
        return None
    if unit == "M":
        if m["m"]:
            mo = int(m["m"]) - 1 + n
            yy, mm = y + mo // 12, mo % 12 + 1
            if m["d"]:
                return None
            return f"{yy:04d}-{mm:02d}"
        return None
    if unit in ("W", "D"):
        if m["w"] and unit == "W":
            d0 = date.fromisocalendar(y, int(m["w"][1:]), 1) + timedelta(weeks=n)
            iy, iw, _ = d0.isocalendar()
            return f"{iy:04d}-W{iw:02d}"
        if m["d"]:
            d0 = date(y, int(m["m"]), int(m["d"])) + (timedelta(weeks=n) if unit == "W" else timedelta(days=n))
            return d0.isoformat()
        return None
    return None
