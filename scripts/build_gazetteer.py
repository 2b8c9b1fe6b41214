"""Rebuild src/sastra/data/gazetteer/cambodia_admin.tsv from the MEF Data EF administrative lists.

Usage: python scripts/build_gazetteer.py [../shared/data/gazetteer/cambodia-admin]

One line per distinct (level, Khmer name): level, Khmer name, English name(s), codes. Names are kept
as published (the MEF terms require attribution and unmodified values); the one change is that the
province ``រាជធានីភ្នំពេញ`` is listed as ``ភ្នំពេញ`` with its type word split off, since the
extractor attaches type words itself. Look-alike spellings are folded at load time, not here.
"""

from __future__ import annotations

import csv
import sys
from collections import OrderedDict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "gazetteer" / "cambodia-admin"
OUT = ROOT / "src" / "sastra" / "data" / "gazetteer" / "cambodia_admin.tsv"

LEVELS = (
    ("province", "CambodiaProvinceList2025.csv", "province_code", "province_kh", "province_en"),
    ("district", "CambodiaDistrictList2025.csv", "district_code", "district_kh", "district_en"),
    ("commune", "CambodiaCommuneList2025.csv", "commune_code", "commune_kh", "commune_en"),
    ("village", "CambodiaVillagesList2025.csv", "village_code", "village_kh", "village_en"),
)


def main(source: Path) -> None:
    lines = ["# level\tkhmer\tenglish\tcodes  (source: MEF Data EF, https://data.mef.gov.kh; see PROVENANCE.md)"]
    counts = {}
    for level, filename, code_col, kh_col, en_col in LEVELS:
        entries: OrderedDict[str, tuple[list[str], list[str]]] = OrderedDict()
        with open(source / filename, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                kh = row[kh_col].strip()
                if level == "province" and kh.startswith("រាជធានី"):
                    kh = kh[len("រាជធានី"):]
                ens, codes = entries.setdefault(kh, ([], []))
                en = row[en_col].strip()
                if en not in ens:
                    ens.append(en)
                codes.append(row[code_col].strip())
        counts[level] = (sum(len(c) for _, c in entries.values()), len(entries))
        for kh, (ens, codes) in entries.items():
            # village names repeat across the country: their codes would triple the file for little
            # use, so villages keep only how many units bear the name (``n=3``)
            code_field = f"n={len(codes)}" if level == "village" else ",".join(codes)
            lines.append(f"{level}\t{kh}\t{'|'.join(ens[:3])}\t{code_field}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for level, (rows, names) in counts.items():
        print(f"{level}: {rows} units, {names} distinct Khmer names")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE)
