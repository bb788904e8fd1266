"""The message check's learned reading: shipped weights, training, and how it joins the rules."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bench.craft_train import train
from referrals.outreach import checks, learned
from referrals.outreach.checks import check_message

DATA = Path(__file__).resolve().parent / "data"

GOOD = [
    "Hi Dana, Mike Kincaid at Quality Fabricators asked me to call. I mailed you his checklist.",
    "Hi Sam, Hale Tool in Dayton cut freight 12% on your lane last year. I'll send the numbers.",
    "Hi Jo, your Plano competitors now quote same day. I e-mailed you how two of them do it.",
    "Hi Lee, I found three grants for plants your size and e-mailed you the links.",
]
ONLY_NUMBER = [
    "Hi, this is Rita from Acme. Call me back at 555-0142.",
    "Hello, Tom with Brite Co. Please give me a call at 555-0100. Thanks.",
    "Hi, it's Ana at Crest. Call me when you can, 555-0177.",
    "Morning, Raj from Delta here. Ring me back on 555-0190.",
]


def _tiny() -> learned.Model:
    texts = GOOD + ONLY_NUMBER
    bare = [False] * len(GOOD) + [True] * len(ONLY_NUMBER)
    return train(texts, ["voicemail"] * len(texts),
                         {"only_name_number": bare, "no_reason": bare}, min_df=1,
                         thresholds={"only_name_number": 0.6}, doubts={"no_reason": 0.2})


def test_the_shipped_weights_were_trained_on_the_tune_split_as_it_is() -> None:
    # Edit the corpus and this fails until `make craft-model` retrains the weights.
    about = json.loads(learned.META.read_text("utf-8"))
    assert about["corpus_sha256"] == learned.digest(DATA / "craft_tune.jsonl")
    assert about["params"]["messages"] == sum(
        1 for line in (DATA / "craft_tune.jsonl").read_text("utf-8").splitlines() if line.strip())
    # Thresholds were chosen by cross-validation, never left at a default.
    assert set(about["thresholds"]) == set(learned.FLAWS)
    assert all(0.5 < t < 1 for t in about["thresholds"].values())


def test_the_weights_load_as_plain_arrays() -> None:
    with np.load(learned.WEIGHTS, allow_pickle=False) as arrays:
        assert sorted(arrays.files) == ["coef", "columns", "intercept"]
        assert arrays["coef"].shape == (len(learned.FLAWS), len(arrays["columns"]))
    m = learned.model()
    assert m.flaws == learned.FLAWS and np.all(np.diff(m.columns) > 0)


def test_a_trained_model_separates_its_classes_and_survives_a_round_trip(tmp_path: Path) -> None:
    m = _tiny()
    scores = m.scores(GOOD + ONLY_NUMBER, ["voicemail"] * 8)
    assert scores[len(GOOD):, 0].min() > scores[:len(GOOD), 0].max()
    learned.save(m, "abc", tmp_path / "w.npz", tmp_path / "m.json")
    back = learned.load(tmp_path / "w.npz", tmp_path / "m.json")
    assert back.flaws == m.flaws and back.thresholds[0] == pytest.approx(0.6)
    assert back.doubts.tolist() == pytest.approx([0.0, 0.2])
    # Weights are stored at half precision: the scores move by far less than a threshold step.
    assert np.abs(back.scores(GOOD, ["voicemail"] * 4) - m.scores(GOOD, ["voicemail"] * 4)
                  ).max() < 0.01
    assert json.loads((tmp_path / "m.json").read_text())["corpus_sha256"] == "abc"


def test_weights_for_other_features_are_refused(tmp_path: Path) -> None:
    learned.save(_tiny(), "abc", tmp_path / "w.npz", tmp_path / "m.json")
    about = json.loads((tmp_path / "m.json").read_text())
    about["params"]["n_features"] = 2**18
    (tmp_path / "m.json").write_text(json.dumps(about))
    with pytest.raises(ValueError, match="retrain"):
        learned.load(tmp_path / "w.npz", tmp_path / "m.json")


def test_judge_adds_what_the_rules_left_room_for_and_doubts_what_it_rules_out() -> None:
    m = _tiny()
    bare = ONLY_NUMBER[0]
    read = checks.read_sentences(bare)
    texts, abouts = [s.text for s in read], [s.about for s in read]
    # The rules found no reason: room for "only a name and number".
    added, doubted = m.judge(bare, "voicemail", texts, abouts, {"no_reason"})
    assert added == {"only_name_number": None} and not doubted
    # The rules found a claim: a claim is more than a name, so no room.
    added, _ = m.judge(bare, "voicemail", texts, abouts, {"no_reason", "empty_claim"})
    assert "only_name_number" not in added
    # A good message the rules call reasonless is doubted.
    read = checks.read_sentences(GOOD[0])
    added, doubted = m.judge(GOOD[0], "voicemail", [s.text for s in read],
                             [s.about for s in read], {"no_reason"})
    assert not added and doubted == {"no_reason"}


class _Fake:
    def __init__(self, added: dict[str, str | None], doubted: frozenset[str]) -> None:
        self.verdict = added, doubted
        self.seen: list[set[str]] = []

    def judge(self, text, channel, sentences, abouts, ruled, named=False):
        self.seen.append(set(ruled))
        return self.verdict


def test_the_check_quotes_the_sentence_the_model_found_and_drops_what_it_doubts(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Hi Ron, Rita from Acme. I can save you money. You must be swamped. 555 010 2030."
    assert [f.code for f in check_message(text, learned=False)] == ["no_reason", "empty_claim"]
    fake = _Fake({"blames": "You must be swamped."}, frozenset({"empty_claim"}))
    monkeypatch.setattr(checks, "learned_model", lambda: fake)
    flags = check_message(text)
    assert fake.seen == [{"no_reason", "empty_claim"}]
    assert [f.code for f in flags] == ["no_reason", "blames"]  # in the order of CODES
    blame = flags[1]
    assert blame.excerpt == "You must be swamped."
    assert blame.message.startswith("This sentence may come across as a reproach")
    assert blame.suggestion
    # The rules alone never ask the model.
    assert [f.code for f in check_message(text, learned=False)] == ["no_reason", "empty_claim"]
    assert len(fake.seen) == 1


def test_the_shipped_model_doubts_a_good_message_the_rules_misread() -> None:
    # Every sentence gives the listener something; the model all but rules out "no reason".
    m = learned.model()
    text = GOOD[0]
    read = checks.read_sentences(text)
    _, doubted = m.judge(text, "voicemail", [s.text for s in read], [s.about for s in read],
                         {"no_reason"})
    assert doubted == {"no_reason"}
