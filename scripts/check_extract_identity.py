"""Check that two versions of sastra's ``extract`` give identical mentions on a fixed set of texts.

A speed change to extraction must not change a single mention. Each version runs in its own
process (``dump``) and writes its results for every text; ``compare`` reports each text on which
they differ. The texts: the corpus articles, the seed texts and their annotation lines, the
samples in ``samples/corpus``, every string in the extraction tests, random slices of corpus articles (cut anywhere, mid-cluster too),
articles with zero-width spaces put in at random, and long texts of several articles joined,
with and without their spaces.

    python scripts/check_extract_identity.py /tmp/sastra-base/src src
"""

from __future__ import annotations

import argparse
import ast
import json
import pickle
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
CORPUS = SHARED / "corpus" / "kh-news-2019-07.jsonl"


#: short texts for the rare constructs that a speed change touches (each also set into corpus text)
PROBES = [
    "ពុទ្ធសករាជ ២៥៦៣", "គ្រិស្តសករាជ 1999", "គ្រឹស្តសករាជ២០១៩", "ព.ស. ២៥៦៣", "គ.ស.1999", "ឆ្នាំ២០១៩-២០២០",
    "២០១៩-២០២០", "២០១៩ – ២០២០", "២០១៩—២០២០", "17/07/2024", "2019-10-23", "27.7.2019", "២២-០៧-២០១៩",
    "July 26, 2019", "26 July 2019", "Sept. 2019", "នៅថ្ងៃទី២៦ ខែកក្កដា ឆ្នាំ២០១៩",
    "វេបសាយhealth.com.kh", "ខាងក្រោមនេះ Health.com.kh នឹងបង្ហាញ", "ចូលទៅកាន់គេហទំព័រ emirates.com",
    "នាយករដ្ឋមន្ត្រី ហ៊ុន សែន", "កីឡាករកម្ពុជា អេលីត សាន់ បាន", "ប្រធានាធិបតី ដូណាល់ ត្រាំ",
    "នាយករដ្ឋមន្ត្រីថៃ ប្រាយុទ្ធ ចាន់អូចា", "រដ្ឋមន្ត្រី ក្រសួងការពារជាតិ", "តារាស្រី នីឡា បាន",
    "លោក SULEYMAN SOYLU", "លោក ហ៊ុន សែន និង លោក សម រង្ស៊ី", "ម៉ោង ៩ និង ៣០ នាទី", "ផ្លូវលេខ ២៧១",
    "ទី២ ០០០ នាក់", "លេខ ១២", "ម៉ោង៨", "ពេញម៉ោង ៩០នាទី", "១២:៣០", "កូវីដ-១៩", "St. 271",
    "កីឡាករ សឺជី រ៉ូបឺតូ (Sergi Roberto) បាន", "ហ្វ្រែងគី ដឺ ចុង (Frenkie de Jong)", "\nលីអូណែល មែស្ស៊ី (Lionel Messi)",
    "Lionel Messi, Luis Suarez និង Neymar", "John Smith, Mary Jones, Peter Pan-Li", "តម្លៃ ១០០ ដុល្លារ",
    "ដុល្លារ\u200b១០០", "រៀល\n២០០០", "៛៥០០០", "ក្រុមហ៊ុនផលិតរថយន្តជប៉ុន Toyota", "មន្ទីរសាធារណការនិងដឹកជញ្ជូនខេត្តកណ្តាល",
    "ក្រសួងមហាផ្ទៃនៃប្រទេសវៀតណាម", "វិទ្យាស្ថានភាសាបារាំងនៅកម្ពុជា (IFC)", "ខេត្តសាស្ត្រ", "ភូមិគំរូ",
    "\nថន ភឿត ក្លិបឃ្លាំងមឿងកីឡា ជួប", "កីឡាករ ម៉ឺន មេឃា ក្លឹបគីសែមានរិទ្ធ និង ឡុង សុផាត ក្លិបទ័ពឆ័ត្រយោង៩១១",
    "ស៊ិន សុខា សមាគមប្រដាល់ ក្រសួងកសិកម្ម",
    "គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត (គ.ជ.ប)", "គ .ជ . ក .អ .ក", "អ-ស-ប", "ហ.ល.ណ អាយុ ១៤ឆ្នាំ", "បក.ខ.គ",
]


def texts(slices: int, seed: int) -> list[tuple[str, str]]:
    """(label, text) pairs, the same on every run for the same arguments."""
    corpus = [json.loads(line)["text"] for line in CORPUS.open(encoding="utf-8")]
    found = [(f"corpus:{i}", t) for i, t in enumerate(corpus)]
    annotated = SHARED / "extraction" / "seeds-annotated.jsonl"
    found += [(f"seeds-annotated:{i}", line) for i, line in enumerate(annotated.open(encoding="utf-8"))]
    for path in sorted((SHARED / "samples" / "seeds").iterdir()):
        if path.is_file():
            found.append((f"seed:{path.name}", path.read_text(encoding="utf-8", errors="replace")))
    for path in sorted((REPO / "samples" / "corpus").glob("*.txt")):
        found.append((f"sample:{path.name}", path.read_text(encoding="utf-8", errors="replace")))
    for path in sorted((REPO / "tests" / "extract").glob("*.py")):
        # every string written in the extraction tests: the edge cases the rules were written for
        tree = ast.parse(path.read_text(encoding="utf-8"))
        strings = sorted({node.value for node in ast.walk(tree)
                          if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 3})
        found += [(f"test:{path.name}:{i}", s) for i, s in enumerate(strings)]
    rng = random.Random(seed)
    for n in range(slices):
        i = rng.randrange(len(corpus))
        t = corpus[i]
        a = rng.randrange(len(t) + 1)
        b = rng.randrange(a, min(len(t), a + rng.choice((40, 200, 1000, 5000))) + 1)
        found.append((f"slice:{n}:{i}:{a}:{b}", t[a:b]))
    for n in range(slices // 10):
        i = rng.randrange(len(corpus))
        chars = list(corpus[i])
        for _ in range(rng.randrange(1, 30)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice("\u200b\u200b\u200b\u2060\ufeff"))
        found.append((f"zw:{n}:{i}", "".join(chars)))
    for n, probe in enumerate(PROBES):
        found.append((f"probe:{n}", probe))
        for k in range(20):
            t = corpus[rng.randrange(len(corpus))]
            at = rng.randrange(len(t) + 1)
            found.append((f"probe:{n}:{k}", t[max(0, at - 300):at] + rng.choice(("", " ", "\n")) + probe +
                          rng.choice(("", " ", "។")) + t[at:at + 300]))
    for n in range(20):
        picked = rng.sample(range(len(corpus)), 8)
        joined = "\n".join(corpus[i] for i in picked)
        found.append((f"joined:{n}", joined))
        if n < 5:
            found.append((f"unspaced:{n}", joined.replace(" ", "").replace("\n", "")))
    return found


def dump(src: str, out: str, slices: int, seed: int) -> None:
    sys.path.insert(0, src)
    import sastra.extract
    from sastra.extract import extract

    if not sastra.extract.__file__.startswith(src):
        sys.exit(f"sastra was loaded from {sastra.extract.__file__}, not from {src}")
    results = []
    start = time.process_time()
    for label, text in texts(slices, seed):
        mentions = extract(text)
        results.append((label, [(m.kind, m.start, m.end, m.text, repr(m.value), m.rule, m.title, repr(m.attrs))
                                for m in mentions]))
    print(f"{src}: {len(results)} texts in {time.process_time() - start:.1f} CPU s", file=sys.stderr)
    with open(out, "wb") as fh:
        pickle.dump(results, fh)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", help="the src folder of the reference version")
    parser.add_argument("new", help="the src folder of the changed version")
    parser.add_argument("--slices", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dump", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        dump(args.old, args.dump, args.slices, args.seed)
        return
    with tempfile.TemporaryDirectory() as tmp:
        outs = []
        procs = []
        for name, src in (("old", args.old), ("new", args.new)):
            out = str(Path(tmp) / f"{name}.pkl")
            outs.append(out)
            procs.append(subprocess.Popen([sys.executable, __file__, str(Path(src).resolve()), "-",
                                           "--dump", out, "--slices", str(args.slices), "--seed", str(args.seed)],
                                          cwd=tmp))
        if any(p.wait() for p in procs):
            sys.exit("a version failed")
        old, new = (pickle.load(open(o, "rb")) for o in outs)
    differing = 0
    for (label, a), (_, b) in zip(old, new):
        if a != b:
            differing += 1
            if differing <= 10:
                print(f"DIFF {label}")
                for x in sorted(set(a) - set(b))[:5]:
                    print("  old only:", x)
                for x in sorted(set(b) - set(a))[:5]:
                    print("  new only:", x)
                if set(a) == set(b):
                    print("  (same mentions, other order)")
    print(f"{len(old)} texts compared, {differing} differing")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
