"""Experiment: does a learned person tagger over sastra's words add to the entity rules?

    python scripts/person_model_experiment.py [--folds 5] [--c2 0.1]

A linear-chain CRF (python-crfsuite, in the ``bench`` extra) tags words B/I/O for persons. Its
features: the word, its neighbours, the word's shape (length in clusters, Latin, transliteration
signs), membership in sastra's word lists (segmentation lexicon, surnames, titles, role nouns,
function words), the gap before and after it, what the rules found there (person/org/loc) and
whether the same word is part of a rule person elsewhere in the article. Cross-validated by label
file over the development label files (the blind splits of bench/extract_bench.py are left out);
printed: person precision/recall/F1 of the rules, of the model, and of the two combined.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import pycrfsuite  # noqa: E402

from extract_bench import BLIND_SPLITS, load_labels, load_texts  # noqa: E402
from sastra.extract import find_entities  # noqa: E402
from sastra.extract._lexicon import _entities, fold  # noqa: E402
from sastra.segment import segment_words  # noqa: E402

TRANSLIT = set("\u17c9\u17ca\u17cb\u17cc")  # musical signs, bantoc, robat: common in transliteration


def _lex():
    text = resources.files("sastra").joinpath("data", "segment", "lexicon.txt").read_text(encoding="utf-8")
    words = {w for w in text.splitlines() if w and not w.startswith("#")}
    lists = {name: {fold(w.split("\t")[0]) for w in _entities(name + ".txt")}
             for name in ("surnames", "titles", "role_nouns", "function_words", "generic_words")}
    return words, lists


LEX, LISTS = _lex()


USE_RULES = True


def featurize(text: str, rule_mentions) -> tuple[list, list[list[str]]]:
    toks = [t for t in segment_words(text) if t.text.strip("\u200b \n\t")]
    lab = {}
    for m in rule_mentions:
        for i in range(m.start, m.end):
            lab[i] = m.kind
    rule_person_words = Counter()
    for m in rule_mentions:
        if m.kind == "person":
            for t in segment_words(m.text):
                rule_person_words[fold(t.text)] += 1
    counts = Counter(fold(t.text) for t in toks)
    words = [fold(t.text) for t in toks]
    base = []
    for i, t in enumerate(toks):
        w = words[i]
        f = [f"w={w}"]
        if w in LEX:
            f.append("lex")
        for name, s in LISTS.items():
            if w in s:
                f.append(f"in:{name}")
        if any(c in TRANSLIT for c in w):
            f.append("translit")
        if w.isascii() and w[:1].isalpha():
            f.append("latin" + ("C" if w[:1].isupper() else "l"))
        f.append(f"len={min(len(w), 8)}")
        gap_before = t.start > 0 and text[t.start - 1] in " \u200b\n"
        gap_after = t.end < len(text) and text[t.end] in " \u200b\n"
        f.append(f"gap={int(gap_before)}{int(gap_after)}")
        r = lab.get(t.start)
        rs = "O" if r is None else (r + ("B" if lab.get(t.start - 1) != r else "I"))
        if USE_RULES:
            f.append(f"rule={rs}")
            if w in rule_person_words:
                f.append("doc_person_word")
        f.append(f"cnt={min(counts[w], 4)}")
        base.append(f)
    feats = []
    n = len(toks)
    for i in range(n):
        f = list(base[i])
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f.append(f"w{d}={words[j]}")
                for x in base[j]:
                    if x.startswith(("rule=", "lex", "in:", "translit", "gap=")):
                        f.append(f"{d}:{x}")
            else:
                f.append(f"w{d}=<pad>")
        if i:
            f.append(f"w-1|w={words[i-1]}|{words[i]}")
        if i + 1 < n:
            f.append(f"w|w+1={words[i]}|{words[i+1]}")
        feats.append(f)
    return toks, feats


def bio(toks, gold_spans):
    tags = ["O"] * len(toks)
    for s, e in gold_spans:
        inside = [i for i, t in enumerate(toks) if t.start >= s and t.end <= e]
        for k, i in enumerate(inside):
            tags[i] = "B" if k == 0 else "I"
    return tags


def spans(toks, tags):
    out, cur = [], None
    for t, g in zip(toks, tags):
        if g == "B" or (g == "I" and cur is None):
            if cur:
                out.append(tuple(cur))
            cur = [t.start, t.end]
        elif g == "I":
            cur[1] = t.end
        else:
            if cur:
                out.append(tuple(cur))
            cur = None
    if cur:
        out.append(tuple(cur))
    return out


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c2", type=float, default=0.1)
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--no-rule-features", action="store_true")
    args = ap.parse_args()
    global USE_RULES
    USE_RULES = not args.no_rule_features
    docs = {k: v for k, v in load_labels().items()
            if "person" in v["kinds"] and v["split"] not in BLIND_SPLITS}
    texts = load_texts({k[0] for k in docs})
    data = []
    for (doc_id, split), doc in docs.items():
        text = texts[doc_id]
        rules = find_entities(text)
        toks, feats = featurize(text, rules)
        gold = {(m["start"], m["end"]) for m in doc["mentions"] if m["kind"] == "person"}
        data.append(dict(id=doc_id, split=split, text=text, toks=toks, feats=feats,
                         tags=bio(toks, gold), gold=gold, rules=rules,
                         titled=any(m.title for m in rules if m.kind == "person")))
    reach = sum(1 for d in data for s in d["gold"]
                if any(t.start == s[0] for t in d["toks"]) and any(t.end == s[1] for t in d["toks"]))
    print(f"{len(data)} articles, {sum(len(d['gold']) for d in data)} gold persons, "
          f"{reach} with word-aligned ends")
    splits = sorted({d["split"] for d in data})
    random.Random(7).shuffle(splits)
    fold_of = {s: i % args.folds for i, s in enumerate(splits)}
    res = {name: Counter() for name in ("rules", "model", "union", "model_only_free")}
    res_nt = {name: Counter() for name in res}
    for k in range(args.folds):
        trainer = pycrfsuite.Trainer(verbose=False)
        for d in data:
            if fold_of[d["split"]] != k:
                trainer.append(d["feats"], d["tags"])
        trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": 150,
                            "feature.possible_transitions": True})
        model = f"/tmp/person_crf_{k}.crfsuite"
        trainer.train(model)
        tagger = pycrfsuite.Tagger()
        tagger.open(model)
        for d in data:
            if fold_of[d["split"]] != k:
                continue
            pred = set(spans(d["toks"], tagger.tag(d["feats"])))
            rule_p = {(m.start, m.end) for m in d["rules"] if m.kind == "person"}
            occupied = [(m.start, m.end) for m in d["rules"]]
            free = {s for s in pred if not any(a < s[1] and s[0] < b for a, b in occupied)}
            outs = {"rules": rule_p, "model": pred, "union": rule_p | free, "model_only_free": free}
            for name, out in outs.items():
                for r in (res[name],) + ((res_nt[name],) if not d["titled"] else ()):
                    r["tp"] += len(out & d["gold"])
                    r["fp"] += len(out - d["gold"])
                    r["fn"] += len(d["gold"] - out)
    n_nt = sum(1 for d in data if not d["titled"])
    for label, table in (("all dev articles", res), (f"articles where rules find no titled person ({n_nt})", res_nt)):
        print(f"\n{label}")
        for name, c in table.items():
            p, r, f = prf(c["tp"], c["fp"], c["fn"])
            print(f"  {name:16} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (tp {c['tp']} fp {c['fp']} fn {c['fn']})")


if __name__ == "__main__":
    main()
