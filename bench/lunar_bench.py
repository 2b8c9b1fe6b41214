"""Khmer lunar calendar: speed over every day 1900-2100 and agreement, side by side with ``khmerdate``.

    python bench/lunar_bench.py [--repeat 5] [--momentkh DIR]

Rows:
- ``sastra.extract.lunar.to_lunar`` over all 73,414 days: cold (a fresh interpreter: import, table
  build and the New Year of every year included) and warm (median of ``--repeat`` passes);
- ``from_lunar(to_lunar(d))`` round trip over all days (warm median; every result checked);
- ``khmerdate.gregorian_to_khmer_lunar`` (PyPI ``khmerdate``), same days, same process.

Agreement is counted against sastra's calendar (which follows the almanac method and agrees with
momentkh on every day), per component: lunar day and phase; + month (a leap month counted as
អាសាឍ for khmerdate, which only marks "(Leap)"); + every label (BE, animal year, ស័ក).

``--momentkh DIR``: also compare with momentkh itself, run by node from DIR (a folder where
``npm install moment @thyrith/momentkh`` was run); it takes about 80 s. The New Year of 2024 is
published as 22:17 (the value sastra and momentkh 3 use); momentkh 2.x computes 22:24.

Run on one core; quote the medians.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import print_table, time_it  # noqa: E402

from sastra.extract import lunar  # noqa: E402

_TO_LATIN = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")


def all_days() -> list[dt.date]:
    first, last = lunar.MIN_DATE.toordinal(), lunar.MAX_DATE.toordinal()
    return [dt.date.fromordinal(o) for o in range(first, last + 1)]


COLD_SCRIPT = """
import datetime as dt, time
start = time.perf_counter()
from sastra.extract.lunar import to_lunar, MIN_DATE, MAX_DATE
for ordinal in range(MIN_DATE.toordinal(), MAX_DATE.toordinal() + 1):
    to_lunar(dt.date.fromordinal(ordinal))
print(time.perf_counter() - start)
"""


def cold_seconds(repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", COLD_SCRIPT], capture_output=True, text=True, check=True)
        runs.append(float(out.stdout.strip()))
    runs.sort()
    return runs[len(runs) // 2]


def khmerdate_row(day: dt.date) -> dict[str, str]:
    import khmerdate

    return khmerdate.gregorian_to_khmer_lunar(day.day, day.month, day.year)


def base_month(name: str) -> str:
    name = name.replace(" (Leap)", "").replace("\u17d2\u178a", "\u17d2\u178f")
    return "អាសាឍ" if name in ("បឋមាសាឍ", "ទុតិយាសាឍ") else name


def compare_khmerdate(days: list[dt.date]) -> tuple[int, int, int]:
    """(day+phase, +month, +all labels) agreement counts of khmerdate with sastra."""
    same_day = same_month = same_all = 0
    for day in days:
        ours = lunar.to_lunar(day)
        theirs = khmerdate_row(day)
        if theirs["lunar_day"] != f"{ours.day}{ours.phase}".translate(str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")):
            continue
        same_day += 1
        if base_month(theirs["lunar_month"]) != base_month(ours.month) or (
            ours.month in ("បឋមាសាឍ", "ទុតិយាសាឍ")) != theirs["lunar_month"].endswith("(Leap)"):
            continue
        same_month += 1
        if (int(theirs["lunar_year"].translate(_TO_LATIN)) == ours.be_year
                and theirs["zodiac_year"] == ours.animal_year and theirs["stem"] == ours.sak_name):
            same_all += 1
    return same_day, same_month, same_all


MOMENTKH_SCRIPT = r"""
const moment = require('moment');
require('@thyrith/momentkh')(moment);
let d = moment('1900-01-01', 'YYYY-MM-DD'); const end = moment('2100-12-31', 'YYYY-MM-DD');
let out = [];
while (!d.isAfter(end)) { out.push(d.format('YYYY-MM-DD') + ' ' + d.khDay() + ' ' + d.khMonth()); d.add(1, 'day'); }
let ny = [];
for (let y = 1900; y <= 2100; y++) ny.push(y + ' ' + moment.getKhNewYearMoment(y).format('YYYY-MM-DD HH:mm'));
console.log(JSON.stringify({days: out, ny: ny}));
"""


def compare_momentkh(folder: str) -> dict[str, object]:
    with tempfile.NamedTemporaryFile("w", suffix=".js", dir=folder, delete=False) as script:
        script.write(MOMENTKH_SCRIPT)
    started = time.perf_counter()
    out = subprocess.run(["node", script.name], cwd=folder, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    Path(script.name).unlink()
    data = json.loads(out.stdout)
    same_days = 0
    for line in data["days"]:
        iso, number, month = line.split()
        ours = lunar._position(dt.date.fromisoformat(iso).toordinal())
        same_days += (ours[0], ours[1]) == (int(month), int(number))
    same_ny = 0
    for line in data["ny"]:
        year, moment = line.split(" ", 1)
        same_ny += lunar.new_year(int(year)).moment.strftime("%Y-%m-%d %H:%M") == moment
    return {"days": len(data["days"]), "same_days": same_days, "years": len(data["ny"]), "same_ny": same_ny,
            "seconds": seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--momentkh", metavar="DIR", help="folder with node_modules/@thyrith/momentkh and moment")
    args = parser.parse_args(argv)
    days = all_days()
    n = len(days)

    cold = cold_seconds(max(1, min(args.repeat, 3)))
    warm = time_it(lunar.to_lunar, days, args.repeat, name="to_lunar", chars=0)
    round_trip = time_it(lambda d: lunar.from_lunar(lunar.to_lunar(d)), days, args.repeat, name="round trip",
                         chars=0)
    failures = sum(lunar.from_lunar(lunar.to_lunar(d)) != d for d in days)
    try:
        import khmerdate  # noqa: F401

        peer = time_it(khmerdate_row, days, args.repeat, name="khmerdate", chars=0)
        agree = compare_khmerdate(days)
    except ImportError:
        peer, agree = None, None

    def pct(count: int) -> str:
        return f"{count:,} ({100 * count / n:.2f}%)"

    rows = [
        {"tool": "sastra to_lunar (cold: import + tables + all days)", "days": f"{n:,}",
         "median s": f"{cold:.3f}", "days/s": f"{n / cold:,.0f}",
         "day+phase": "reference", "+month": "reference", "+BE, animal, ស័ក": "reference"},
        {"tool": "sastra to_lunar (warm)", "days": f"{n:,}", "median s": f"{warm.seconds:.3f}",
         "days/s": f"{warm.items_per_s:,.0f}", "day+phase": "", "+month": "", "+BE, animal, ស័ក": ""},
        {"tool": "sastra from_lunar(to_lunar(d)) == d", "days": f"{n:,}", "median s": f"{round_trip.seconds:.3f}",
         "days/s": f"{round_trip.items_per_s:,.0f}", "day+phase": f"round trip failures: {failures}",
         "+month": "", "+BE, animal, ស័ក": ""},
    ]
    if peer is not None and agree is not None:
        rows.append({"tool": "khmerdate 0.1.3 gregorian_to_khmer_lunar", "days": f"{n:,}",
                     "median s": f"{peer.seconds:.3f}", "days/s": f"{peer.items_per_s:,.0f}",
                     "day+phase": pct(agree[0]), "+month": pct(agree[1]), "+BE, animal, ស័ក": pct(agree[2])})
    print(f"Khmer lunar calendar, every day {lunar.MIN_DATE}..{lunar.MAX_DATE}; medians of {args.repeat} "
          "(cold: median of 3 fresh interpreters)\n")
    print_table(rows)
    if args.momentkh:
        result = compare_momentkh(args.momentkh)
        print(f"\nmomentkh (node, {args.momentkh}): lunar day and month agree on {result['same_days']:,} of "
              f"{result['days']:,} days; New Year moment on {result['same_ny']} of {result['years']} years "
              f"(node run {result['seconds']:.0f} s)")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
