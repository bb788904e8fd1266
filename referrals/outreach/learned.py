"""A second reading of a message, learned from the labelled corpus: one score per flaw.

The rules (:mod:`referrals.outreach.checks`) read each sentence for the forms of blame,
pressure, empty claims and reasons they know. Every new author of the corpus found forms they
did not know. This module reads a message as a whole: for each flaw in :data:`FLAWS`, a
logistic regression over hashed word 1–3-grams, character 3–5-grams and the channel, trained
on the tune split of ``tests/data/craft_tune.jsonl`` (``python -m bench.craft_train``), gives
the probability that a labeller would give the message that flaw. The check flags a flaw when
the rules find it *or* the score reaches the flaw's threshold – where the rules' reading leaves
room for it and its sentences bear it out (:func:`allowed`, :func:`effective`). Thresholds are
chosen by cross-validation over the corpus's sets (each written by another author), never on
the held-out split. A
flaw the model scores very low is *doubted*: a rule's flag for it is dropped, since out of
fold such flags were mostly false alarms.

The weights ship as plain arrays (``data/craft_model.npz``, loaded without pickle) and a JSON
file of parameters, thresholds and the digest of the corpus they were trained on
(``data/craft_model.json``); the hashing leaves no vocabulary to store. Only the columns seen in
at least ``min_df`` training messages keep a weight: a phrase seen once teaches nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn import config_context
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

__all__ = ["FLAWS", "META", "QUOTED", "WEIGHTS", "Model", "allowed", "digest", "effective",
           "features", "load", "model", "save"]

DATA = Path(__file__).resolve().parent / "data"
WEIGHTS = DATA / "craft_model.npz"
META = DATA / "craft_model.json"
#: Flaws the model reads: a repeat needs the earlier messages and a length is counted, so
#: those two stay with the rules.
FLAWS = ("only_name_number", "no_reason", "empty_claim", "blames", "desperate", "about_me")
#: Columns per hashed block (words, characters); collisions are rare at this size.
N_FEATURES = 2**20


#: Hashing leaves no vocabulary to fit or store: the same text always lands in the same column.
_WORDS = HashingVectorizer(ngram_range=(1, 3), n_features=N_FEATURES, alternate_sign=False)
_CHARS = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=N_FEATURES,
                           alternate_sign=False)
# What their `transform` does, with the analyzers and the hasher made once instead of on
# every call, and each row scaled to unit length without checking the matrix again: the
# same matrix (compared exactly on the corpus), for about two thirds of the time.
_ANALYZERS = (_WORDS.build_analyzer(), _CHARS.build_analyzer())
_HASHER = FeatureHasher(n_features=N_FEATURES, input_type="string", alternate_sign=False)


def _hashed(analyze: Any, texts: Sequence[str]) -> sp.csr_matrix:
    with config_context(skip_parameter_validation=True):
        x = _HASHER.transform(analyze(text) for text in texts)
    inplace_csr_row_normalize_l2(x)
    return x


def features(texts: Sequence[str], channels: Sequence[str]) -> sp.csr_matrix:
    """The hashed features of each message: a sparse matrix, one row a message.

    Words (1–3-grams) fill the first :data:`N_FEATURES` columns, characters within words
    (3–5-grams) the next, and the last column says whether it is an e-mail. Each block is
    scaled to unit length, so a long message weighs no more than a short one.

    >>> x = features(["Call me back.", "Call me back."], ["voicemail", "email"])
    >>> x.shape == (2, 2 * N_FEATURES + 1), float(x[0, -1]), float(x[1, -1])
    (True, 0.0, 1.0)
    """
    email = sp.csr_matrix(np.array([[c == "email"] for c in channels], dtype=np.float64))
    words, chars = (_hashed(analyze, texts) for analyze in _ANALYZERS)
    return sp.hstack([words, chars, email], format="csr")


@dataclass(frozen=True)
class Model:
    """Weights for :data:`FLAWS` over the kept ``columns`` of :func:`features`."""

    flaws: tuple[str, ...]
    columns: np.ndarray  # sorted column numbers that keep a weight
    coef: np.ndarray  # (len(flaws), len(columns))
    intercept: np.ndarray  # (len(flaws),)
    thresholds: np.ndarray  # (len(flaws),) a flaw is flagged at or above its threshold
    doubts: np.ndarray  # (len(flaws),) a rule's flag is dropped below its doubt
    params: Mapping[str, Any]

    def scores(self, texts: Sequence[str], channels: Sequence[str]) -> np.ndarray:
        """Probability of each flaw, one row a message, one column a flaw of ``flaws``."""
        x = features(texts, channels)
        logits = np.tile(self.intercept.astype(np.float64), (len(texts), 1))
        for row in range(len(texts)):
            start, end = x.indptr[row], x.indptr[row + 1]
            index, value = x.indices[start:end], x.data[start:end]
            at = np.searchsorted(self.columns, index)
            kept = at < len(self.columns)
            kept[kept] = self.columns[at[kept]] == index[kept]
            logits[row] += self.coef[:, at[kept]].astype(np.float64) @ value[kept]
        return 1.0 / (1.0 + np.exp(-logits))

    def sentences(self, text: str, channel: str, sentences: Sequence[str],
                  abouts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Per flaw, the best sentence's score, the weakest score among the sentences that
        could give a reason, and the best sentence itself.

        Formulas (greeting, name, number) are left out, and the rep's own story is left out of
        the weakest: it is no reason however it scores. With nothing left, the whole message
        stands in for its sentences.
        """
        said = [(t, a) for t, a in zip(sentences, abouts, strict=True) if a != "formula"]
        said = said or [(text, "other")]
        each = self.scores([t for t, _ in said], [channel] * len(said))
        could = [k for k, (_, a) in enumerate(said) if a != "me"]
        least = each[could].min(axis=0) if could else np.ones(len(self.flaws))
        return each.max(axis=0), least, [said[k][0] for k in each.argmax(axis=0)]

    def judge(self, text: str, channel: str, sentences: Sequence[str],
              abouts: Sequence[str], ruled: Collection[str],
              named: bool = False) -> tuple[dict[str, str | None], frozenset[str]]:
        """What the model adds to the rules' flags ``ruled``, and which of them it doubts.

        ``sentences`` are the message's sentences and ``abouts`` how the rules read each
        (:class:`referrals.outreach.checks.Sentence`); ``named`` says the rules read a
        referral or a named peer's result in it. Returns the added flaws, each with the
        sentence that carries it for a :data:`QUOTED` flaw, and the rules' flaws to drop.
        """
        whole = self.scores([text], [channel])
        at = {flaw: j for j, flaw in enumerate(self.flaws)}
        best, least = np.zeros_like(whole), np.zeros_like(whole)
        top: list[str] = []
        if (whole[0] >= self.thresholds).any():  # else no sentence can lift a flaw over it
            best[0], least[0], top = self.sentences(text, channel, sentences, abouts)
        room = allowed(self.flaws, [ruled], [abouts], [named])
        score = effective(self.flaws, whole, best, least, room)[0]
        added = {f: top[at[f]] if f in QUOTED else None for f in self.flaws
                 if f not in ruled and score[at[f]] >= self.thresholds[at[f]]}
        doubted = {f for f in ruled if f in at and whole[0, at[f]] < self.doubts[at[f]]}
        if "only_name_number" in (set(ruled) | set(added)) - doubted:
            doubted.discard("no_reason")  # only a name and number gives no reason either
        return added, frozenset(doubted)


#: Flaws one sentence carries: the model must find them in a sentence, not only across the
#: message, and the flag quotes that sentence. A missing reason is the whole message's doing.
QUOTED = ("empty_claim", "blames", "desperate", "about_me")


def names_someone(reasons: Sequence[Sequence[str]], abouts: Sequence[str]) -> bool:
    """Whether the rules read a referral or a named peer's result in a sentence not about the
    rep: the reasons no reading of the words should overrule."""
    return any({"referral", "peer"} & set(kinds)
               for kinds, about in zip(reasons, abouts, strict=True) if about != "me")


def allowed(flaws: Sequence[str], ruled: Sequence[Collection[str]],
            abouts: Sequence[Sequence[str]], named: Sequence[bool] = ()) -> np.ndarray:
    """Where the rules' reading leaves room for the model to add a flaw (messages × flaws).

    A message the rules found a concrete reason or a claim in is no mere name and number,
    and a message is no monologue unless at least two of its sentences are about the rep and
    their wishes, and more of them than about the listener – whatever its words suggest. A
    message the rules read a referral or a named peer's result in (``named``) has a reason.

    >>> allowed(("only_name_number", "about_me"), [{"no_reason"}, set(), set()],
    ...         [["formula", "me"], ["me", "wish", "them"], ["me", "me", "them", "them"]]
    ...         ).tolist()
    [[True, False], [False, True], [False, False]]
    >>> allowed(("no_reason",), [set(), set()], [["them"], ["them"]], [True, False]).tolist()
    [[False], [True]]
    """
    room = np.ones((len(ruled), len(flaws)), dtype=bool)
    for i, (codes, read) in enumerate(zip(ruled, abouts, strict=True)):
        for j, flaw in enumerate(flaws):
            if flaw == "no_reason" and named:
                room[i, j] = not named[i]
            elif flaw == "only_name_number":
                room[i, j] = "no_reason" in codes and "empty_claim" not in codes
            elif flaw == "about_me":
                mine = sum(about in ("me", "wish") for about in read)
                room[i, j] = mine >= 2 and mine > sum(about == "them" for about in read)
    return room


def effective(flaws: Sequence[str], whole: np.ndarray, best: np.ndarray, least: np.ndarray,
              room: np.ndarray) -> np.ndarray:
    """The score held against each threshold (messages × flaws).

    The message's own score, but no higher than its best sentence's for a :data:`QUOTED`
    flaw (some sentence must carry it), no higher than the weakest of the sentences that
    could give a reason for a missing reason (every one of them must lack it), and 0 where
    the rules leave no room (a bare name and number needs the rules to have found no reason).

    >>> effective(("no_reason", "blames", "desperate"), np.array([[0.9, 0.9, 0.9]]),
    ...           np.array([[0.95, 0.4, 0.97]]), np.array([[0.2, 0.1, 0.1]]),
    ...           np.array([[True, True, False]])).tolist()
    [[0.2, 0.4, 0.0]]
    """
    kind = np.array([flaw in QUOTED for flaw in flaws])
    absent = np.array([flaw == "no_reason" for flaw in flaws])
    score = np.where(kind, np.minimum(whole, best), whole)
    score = np.where(absent, np.minimum(score, least), score)
    return np.where(room, score, 0.0)


def digest(path: Path) -> str:
    """The SHA-256 of a corpus file, so stale weights can be told from fresh ones."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def save(m: Model, corpus: str, weights: Path = WEIGHTS, meta: Path = META) -> None:
    """Write the arrays (no pickle) and the JSON beside them."""
    weights.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(weights, columns=m.columns, coef=m.coef.astype(np.float16),
                        intercept=m.intercept)
    meta.write_text(json.dumps({
        "flaws": list(m.flaws),
        "thresholds": {f: round(float(t), 4) for f, t in zip(m.flaws, m.thresholds,
                                                              strict=True)},
        "doubts": {f: round(float(d), 4) for f, d in zip(m.flaws, m.doubts, strict=True)},
        "params": dict(m.params), "corpus_sha256": corpus}, indent=2) + "\n", "utf-8")


def load(weights: Path = WEIGHTS, meta: Path = META) -> Model:
    """Read a model written by :func:`save`; arrays only, so no code can ride in with it."""
    about = json.loads(meta.read_text("utf-8"))
    if about["params"]["n_features"] != N_FEATURES:
        raise ValueError(f"{weights.name} was trained with other features; retrain it")
    with np.load(weights, allow_pickle=False) as arrays:
        flaws = tuple(about["flaws"])
        return Model(flaws, arrays["columns"], arrays["coef"].astype(np.float32),
                     arrays["intercept"],
                     np.array([about["thresholds"][f] for f in flaws], dtype=np.float32),
                     np.array([about["doubts"][f] for f in flaws], dtype=np.float32),
                     about["params"])


@cache
def model() -> Model:
    """The shipped model, read once per process."""
    return load()
