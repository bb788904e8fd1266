"""Would a learned check beside the rules help? Leave-one-set-out, outside the product.

    python -m bench.craft_learned                      # the eleven sets of the settled rules
    python -m bench.craft_learned --sets wjy --c 4

For each flaw the rules judge by reading (not ``repeated``, not ``too_long``) a logistic
regression is trained on hashed word 1–3-grams and character 3–5-grams of every tune set but
one, and scored on the one left out. A flaw counts as flagged when the rules flag it or the
model's probability reaches a threshold; the table prints recall per flaw and false alarms on
good messages for several thresholds, beside the rules alone. The rules were tuned on most of
these sets, so their own figures here are optimistic; the model's additions are not, since
it never sees the set it is scored on. The shipped reading (``bench/craft_train.py``) came out
of this experiment, with stricter thresholds and the rules' reading as a gate.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from bench.craft import SPLITS, Result, load, run
from referrals.outreach.checks import CODES

#: Flaws the model may add: repetition needs the earlier messages, length is counted.
LEARNED = [c for c in CODES if c not in ("repeated", "too_long")]


def main(argv: Sequence[str] | None = None) -> int:
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default="kmnpqrsuwjy", help="id letters, each left out once")
    parser.add_argument("--c", type=float, default=4.0, help="inverse regularisation strength")
    args = parser.parse_args(argv)
    examples = load(SPLITS["tune"])
    # The rules alone: the shipped learned reading has seen every tune set.
    rules = run("tune", examples, learned=False).predicted
    texts = [ex.text for ex in examples]
    vectorisers = [
        HashingVectorizer(ngram_range=(1, 3), n_features=2**20, alternate_sign=False),
        HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=2**20,
                          alternate_sign=False),
    ]
    channel = sp.csr_matrix(np.array([[ex.channel == "email"] for ex in examples], float))
    x = sp.hstack([v.transform(texts) for v in vectorisers] + [channel]).tocsr()
    letters = np.array([ex.id[0] for ex in examples])
    labels = {code: np.array([code in ex.flaws for ex in examples]) for code in LEARNED}
    prob = {code: np.full(len(examples), np.nan) for code in LEARNED}
    for letter in args.sets:
        train, test = np.where(letters != letter)[0], np.where(letters == letter)[0]
        for code, y in labels.items():
            model = LogisticRegression(C=args.c, max_iter=3000, class_weight="balanced")
            prob[code][test] = model.fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    scored = np.where(np.isin(letters, list(args.sets)))[0]

    def row(name: str, flagged: dict[int, set[str]]) -> str:
        result = Result(name, [examples[i] for i in scored],
                        [frozenset(flagged[i]) for i in scored], [])
        cells = []
        for code in LEARNED:
            tp, _, _, positives = result.counts(code)
            cells.append(f"{tp / positives:.3f}")
        alarms, good = result.false_alarms()
        return f"| {name} | " + " | ".join(cells) + f" | {alarms}/{good} |"

    print(f"left out one at a time: {', '.join(args.sets)} ({len(scored)} messages)\n")
    print("| check | " + " | ".join(LEARNED) + " | false alarms |")
    print("|---|" + "---:|" * (len(LEARNED) + 1))
    print(row("rules alone", {i: set(rules[i]) for i in scored}))
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.9):
        flagged = {i: set(rules[i]) | {c for c in LEARNED if prob[c][i] >= threshold}
                   for i in scored}
        for codes in flagged.values():
            if "only_name_number" in codes:
                codes.add("no_reason")
        print(row(f"rules or model ≥ {threshold}", flagged))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
