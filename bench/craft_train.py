"""Train the message check's learned reading on the tune split and choose its thresholds.

    python -m bench.craft_train            # cross-validate, choose thresholds, write the model
    python -m bench.craft_train --folds 5 --dry-run

The tune split's sets (the messages whose ids share a letter, each from one author) are
dealt into ``--folds`` groups; each group is scored by a model trained on the others, so
every message gets a score from a model that never saw its author. For each flaw the
threshold is the lowest on the grid whose out-of-fold additions – good messages that the
rules pass and the model alone flags – stay within ``--budget`` of the good messages; a flaw
one sentence carries must score in one sentence too, a missing reason in every sentence,
and the rules' reading gates two flaws
(:func:`referrals.outreach.learned.allowed`). A rule's flag is doubted (dropped) when the
model scores the flaw under a level that costs at most ``--cost`` of the flaw's true flags
out of fold, where that removes clearly more false alarms than true flags. The
final model is then trained on the whole tune split and written to
``referrals/outreach/data/`` with the corpus digest; the held-out split is never read.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression

from bench.craft import SPLITS, load, run
from referrals.outreach import learned
from referrals.outreach.checks import read_sentences

# From 0.80, but never where a known-good text scores: the builder's own drafts (all 9,048
# of tests/test_builder_combinations.py) and the short pinned cases of tests/ reach 0.93 for
# no_reason (round 33: the demo's item "An article on what keeps industrial buyers loyal when
# a cheaper offer comes along" said alone; the issue line "I have a way to take some of the
# sting out of rising costs", which scored 0.986 in round 23 and 0.948 in round 33, was thin
# and has been reworded; out of fold, 0.94 instead of 0.99 gave no_reason 0.907 instead of
# 0.900 for no false alarm), 0.945 for blames (round 22: "I've e-mailed you the
# details – just reply with a good time" in an e-mail), 0.874 for desperate (round 24: "August
# is our busiest month, so booking before June saves you fifteen percent") and 0.933 for
# empty_claim ("Friday is the best day for a call"), so those flaws start above them. Out of
# fold on the 8,010 tune messages (26 sets) the lower floors added 1-4 points of recall for a
# few false alarms of 3,212 good; the budget never binds above them. The blind o… and z…
# sets had 1.2 % false alarms at 0.95, against 5 % allowed.
GRID = np.round(np.arange(0.80, 0.991, 0.01), 2)
FLOORS = {"no_reason": 0.94, "empty_claim": 0.95, "blames": 0.96, "desperate": 0.89}
DOUBT_GRID = (0.0, 0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15)
DOUBT_GAIN = 3
# Pressure is never doubted: the short pinned cases of tests/ ("The demo ovens are half price
# while supplies last") score under the level the cross-validation chose in round 20 (0.03).
NO_DOUBT = ("desperate",)


def train(texts: Sequence[str], channels: Sequence[str], labels: Mapping[str, Sequence[bool]],
          *, c: float = 4.0, min_df: int = 5,
          thresholds: Mapping[str, float] | None = None,
          doubts: Mapping[str, float] | None = None) -> learned.Model:
    """Fit one balanced logistic regression per flaw of ``labels`` on the given messages."""
    x = learned.features(texts, channels)
    seen = np.diff(x.tocsc().indptr)
    columns = np.flatnonzero(seen >= min_df)
    columns = np.union1d(columns, [x.shape[1] - 1])  # the channel, always
    x = x[:, columns]
    flaws = tuple(labels)
    coef, intercept = [], []
    for flaw in flaws:
        fit = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        fit.fit(x, np.asarray(labels[flaw], dtype=bool))
        coef.append(fit.coef_[0])
        intercept.append(fit.intercept_[0])
    cut, doubt = thresholds or {}, doubts or {}
    return learned.Model(flaws, columns.astype(np.int32), np.array(coef, dtype=np.float32),
                 np.array(intercept, dtype=np.float32),
                 np.array([cut.get(f, 0.5) for f in flaws], dtype=np.float32),
                 np.array([doubt.get(f, 0.0) for f in flaws], dtype=np.float32),
                 {"c": c, "min_df": min_df, "n_features": learned.N_FEATURES,
                  "messages": len(texts)})


def out_of_fold(examples, labels, read, folds: int, c: float,
                min_df: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Scores of each message, of its best and of its weakest sentence (messages × flaws),
    each from a model that never saw the message's set."""
    # Largest sets first, dealt round the folds; ties in letter order, so a rerun deals alike.
    letters = sorted(sorted({ex.id[0] for ex in examples}), key=lambda s: -sum(
        ex.id[0] == s for ex in examples))
    group = {letter: n % folds for n, letter in enumerate(letters)}
    fold = np.array([group[ex.id[0]] for ex in examples])
    whole = np.zeros((len(examples), len(learned.FLAWS)))
    best, least = np.zeros_like(whole), np.zeros_like(whole)
    for k in range(folds):
        seen, test = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        m = train([examples[i].text for i in seen], [examples[i].channel for i in seen],
                  {f: labels[f][seen] for f in learned.FLAWS}, c=c, min_df=min_df)
        whole[test] = m.scores([examples[i].text for i in test],
                               [examples[i].channel for i in test])
        for i in test:
            ex = examples[i]
            best[i], least[i], _ = m.sentences(ex.text, ex.channel, *read[i])
        print(f"  fold {k + 1}/{folds}: {len(test)} messages scored", flush=True)
    return whole, best, least


def choose(examples, labels, rules, whole, score, budget: float,
           cost: float) -> tuple[dict[str, float], dict[str, float]]:
    """Per flaw, the threshold that adds a flag and the level under which a rule's flag is
    doubted.

    The threshold is the lowest on :data:`GRID` whose additions (``score``, the effective
    one) on good messages the rules pass stay within ``budget`` of the good messages. The
    doubt is the highest on :data:`DOUBT_GRID` that drops at most ``cost`` of the flaw's
    true flags; it is kept only where it drops at least :data:`DOUBT_GAIN` false alarms on
    good messages and twice as many as true flags, since each drop risks a pinned rule.
    """
    good = np.array([not ex.flaws for ex in examples])
    passed = good & np.array([not got for got in rules])
    cut, doubt = {}, {}
    print(f"\n| flaw | threshold | doubted below | recall, rules | recall, with the model | "
          f"alarms added / removed (of {good.sum()} good) |\n|---|---:|---:|---:|---:|---:|")
    for j, flaw in enumerate(learned.FLAWS):
        ruled = np.array([flaw in got for got in rules])
        positives = labels[flaw]
        grid = [t for t in GRID if t >= FLOORS.get(flaw, 0.0) - 1e-9]
        cut[flaw] = float(next((t for t in grid if (passed & (score[:, j] >= t)).sum()
                                <= budget * good.sum()), GRID[-1]))
        level = max(v for v in DOUBT_GRID if (ruled & (whole[:, j] < v) & positives).sum()
                    <= cost * positives.sum())
        dropped = ruled & (whole[:, j] < level)
        gain, loss = (dropped & good).sum(), (dropped & positives).sum()
        doubt[flaw] = (float(level) if gain >= max(DOUBT_GAIN, 2 * loss)
                       and flaw not in NO_DOUBT else 0.0)
        kept = ruled & (whole[:, j] >= doubt[flaw])
        hit = kept | (score[:, j] >= cut[flaw])
        added = (passed & (score[:, j] >= cut[flaw])).sum()
        removed = (good & ruled & ~kept).sum()
        print(f"| {flaw} | {cut[flaw]:.2f} | {doubt[flaw]:.2f} | {ruled[positives].mean():.3f} | "
              f"{hit[positives].mean():.3f} | {added} / {removed} |")
    return cut, doubt


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=4.0, help="inverse regularisation strength")
    parser.add_argument("--min-df", type=int, default=5)
    parser.add_argument("--budget", type=float, default=0.001,
                        help="out-of-fold false alarms a flaw may add, as a share of good ones")
    parser.add_argument("--cost", type=float, default=0.005,
                        help="out-of-fold true flags a doubt may drop, as a share of the flaw's")
    parser.add_argument("--dry-run", action="store_true", help="choose, but write nothing")
    args = parser.parse_args(argv)
    examples = load(SPLITS["tune"])
    rules = run("tune", examples, learned=False).predicted
    labels = {f: np.array([f in ex.flaws for ex in examples]) for f in learned.FLAWS}
    reads = [read_sentences(ex.text) for ex in examples]
    read = [([s.text for s in r], [s.about for s in r]) for r in reads]
    print(f"{len(examples)} tune messages, {args.folds} folds by set, C={args.c}, "
          f"min_df={args.min_df}")
    whole, best, least = out_of_fold(examples, labels, read, args.folds, args.c, args.min_df)
    abouts = [[s.about for s in read] for read in reads]
    named = [learned.names_someone([s.reasons for s in r], a)
             for r, a in zip(reads, abouts, strict=True)]
    room = learned.allowed(learned.FLAWS, rules, abouts, named)
    score = learned.effective(learned.FLAWS, whole, best, least, room)
    cut, doubt = choose(examples, labels, rules, whole, score, args.budget, args.cost)
    good = [i for i, ex in enumerate(examples) if not ex.flaws]
    joined = 0
    for i in good:
        codes = {f for j, f in enumerate(learned.FLAWS) if score[i, j] >= cut[f]}
        codes |= {f for f in rules[i] if f not in doubt or whole[i, learned.FLAWS.index(f)]
                  >= doubt[f] or "only_name_number" in rules[i] and f == "no_reason"}
        joined += bool(codes)
    print(f"\nfalse alarms out of fold: rules {sum(bool(rules[i]) for i in good)}/{len(good)}, "
          f"with the model {joined}/{len(good)}")
    if args.dry_run:
        return 0
    final = train([ex.text for ex in examples], [ex.channel for ex in examples], labels,
                          c=args.c, min_df=args.min_df, thresholds=cut, doubts=doubt)
    learned.save(final, learned.digest(SPLITS["tune"]))
    print(f"\nwrote {learned.WEIGHTS.name} ({learned.WEIGHTS.stat().st_size:,} bytes, "
          f"{len(final.columns):,} columns) and {learned.META.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
