"""How often the message check is right: precision and recall per flaw on a labelled corpus.

    python -m bench.craft                  # both splits, the table for the closing note
    python -m bench.craft --split tune --errors   # what to look at while tuning
    python -m bench.craft --split tune --by-set   # the tune split per set: did an old one regress?
    python -m bench.craft --rules          # the rules alone, without the learned reading

The corpus has two splits in ``tests/data/``:

- ``craft_tune.jsonl``: looked at, message by message, while tuning. Ids ``t…`` were written
  for tuning; ``h…`` and ``f…`` were written as held-out sets, scored blind after the first
  and second rounds of tuning, then opened and tuned on in the third round; ``x…`` were
  written as the third held-out set, scored blind after round 3 and tuned on in round 4;
  ``b…`` were written blind by another author, scored blind after round 4 and tuned on in
  round 5; ``c…`` were written blind by another author, scored blind after round 5 and
  tuned on in round 6; ``d…`` were written blind by another author, scored blind after
  round 6 and tuned on in round 7; ``e…`` were written blind by another author, scored
  blind after round 7 and tuned on in round 8; ``g…`` were written blind by a fifth author,
  scored blind after round 8 and tuned on in round 9; ``k…`` were written blind by a sixth
  author, scored blind after round 9 and tuned on in round 10; ``m…`` were written blind by a
  seventh author, scored blind after round 10 and tuned on in round 11; ``n…`` and ``p…``
  were written blind by an eighth and a ninth author, scored blind after round 11 and tuned
  on in round 12; ``q…`` and ``r…`` were written blind by a tenth and an eleventh author,
  scored blind after round 12 and tuned on in round 13; ``s…`` and ``u…`` were written blind
  by a twelfth and a thirteenth author, scored blind after round 13 and tuned on in round 14;
  ``w…``, ``j…`` and ``y…`` were written blind by a fourteenth, fifteenth and sixteenth
  author, scored blind after round 15 and tuned on in round 16; ``v…`` and ``i…`` were
  written blind by a seventeenth and an eighteenth author, scored blind on the round-15
  rules and again once the learned reading joined them, then tuned on in round 16; ``a…``
  and ``l…`` by a nineteenth and a twentieth author, scored blind on round 16 and tuned on
  in round 17. All of them are tuning data now.
- ``craft_heldout.jsonl``: the set written blind by another author, never opened while tuning,
  scored once after a round. Between rounds the file is empty (or absent) and the held-out
  split is reported as not measured.

``--by-set`` prints recall per flaw and false alarms for each set of the tune split (the ids
sharing their letters: ``t…``, ``X…``, and, once all 52 single letters were taken, ``AA…``),
so a round that tunes on one set can check that the older ones did not regress.

``--errors`` prints the tune split's wrong verdicts and refuses the held-out's. Each line is
one message: ``id``,
``channel``, ``text``, ``flaws`` (the set of flaw codes; empty means a good message) and, for
a message in a series, ``earlier`` (the earlier messages to the same person, oldest first).

Targets on the held-out split: false alarms on at most 5% of good messages, recall of at least
0.9 for every flaw.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from referrals.outreach.checks import CODES, check_message

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SPLITS = {"tune": DATA / "craft_tune.jsonl", "held-out": DATA / "craft_heldout.jsonl"}
#: The split the targets are judged on: never looked at, message by message, while tuning.
HELD_OUT = ("held-out",)
MAX_FALSE_ALARMS = 0.05
MIN_RECALL = 0.9
#: A set's name: the letters its ids start with (``t…``, ``X…``, ``AA…``).
_SET = re.compile(r"[A-Za-z]*")


@dataclass(frozen=True)
class Example:
    id: str
    channel: str
    text: str
    flaws: frozenset[str]
    earlier: tuple[str, ...] = ()


def load(path: Path) -> list[Example]:
    """The labelled messages of one split; none if the file is absent (not written yet)."""
    examples = []
    if not path.exists():
        return examples
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            unknown = set(row["flaws"]) - set(CODES)
            if unknown:
                raise ValueError(f"{row['id']}: unknown flaw {sorted(unknown)}")
            examples.append(Example(row["id"], row["channel"], row["text"],
                                    frozenset(row["flaws"]), tuple(row.get("earlier", ()))))
    return examples


@dataclass
class Result:
    split: str
    examples: list[Example]
    predicted: list[frozenset[str]]
    seconds: list[float]
    #: CPU time per message: on a loaded machine, wall time counts the waits for a core too.
    cpu_seconds: list[float] = field(default_factory=list)

    def counts(self, code: str) -> tuple[int, int, int, int]:
        """(true positives, false positives, false negatives, positives) for one flaw."""
        tp = fp = fn = 0
        for ex, got in zip(self.examples, self.predicted, strict=True):
            tp += code in ex.flaws and code in got
            fp += code not in ex.flaws and code in got
            fn += code in ex.flaws and code not in got
        return tp, fp, fn, tp + fn

    def false_alarms(self) -> tuple[int, int]:
        good = [got for ex, got in zip(self.examples, self.predicted, strict=True)
                if not ex.flaws]
        return sum(bool(got) for got in good), len(good)


def run(split: str, examples: Sequence[Example], *, learned: bool = True) -> Result:
    """Check every example; ``learned=False`` scores the rules alone."""
    predicted, seconds, cpu = [], [], []
    for ex in examples:
        start, cpu_start = time.perf_counter(), time.process_time()
        flags = check_message(ex.text, channel=ex.channel, earlier=ex.earlier, learned=learned)
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
        predicted.append(frozenset(f.code for f in flags))
    return Result(split, list(examples), predicted, seconds, cpu)


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.2f}" if den else "–"


def table(results: Sequence[Result]) -> str:
    """A Markdown table: one row per flaw, precision and recall (with counts) per split."""
    head = "| flaw | " + " | ".join(
        f"{r.split} precision | {r.split} recall" for r in results) + " |"
    lines = [head, "|---|" + "---:|---:|" * len(results)]
    for code in CODES:
        cells = []
        for r in results:
            tp, fp, fn, pos = r.counts(code)
            cells += [f"{_ratio(tp, tp + fp)} ({tp}/{tp + fp})", f"{_ratio(tp, pos)} ({tp}/{pos})"]
        lines.append(f"| {code} | " + " | ".join(cells) + " |")
    cells = []
    for r in results:
        alarms, good = r.false_alarms()
        cells += [f"{alarms / good:.1%} ({alarms}/{good})" if good else "–", ""]
    lines.append("| false alarms on good messages | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verdict(result: Result) -> list[str]:
    """What misses the targets on one split."""
    misses = []
    alarms, good = result.false_alarms()
    if good and alarms / good > MAX_FALSE_ALARMS:
        misses.append(f"false alarms {alarms}/{good} > {MAX_FALSE_ALARMS:.0%}")
    for code in CODES:
        tp, _, _, pos = result.counts(code)
        if pos and tp / pos < MIN_RECALL:
            misses.append(f"{code} recall {tp}/{pos} < {MIN_RECALL}")
    return misses


def by_set(result: Result) -> list[Result]:
    """One result per set of the split, a set being the messages whose ids share their letters.

    >>> ex = [Example(i, "email", "", frozenset()) for i in ("t001", "AA002", "t003", "A004")]
    >>> [r.split for r in by_set(Result("tune", ex, [frozenset()] * 4, [0.0] * 4, [0.0] * 4))]
    ['tune A…', 'tune AA…', 'tune t…']
    """
    sets: dict[str, Result] = {}
    for i, ex in enumerate(result.examples):
        letter = _SET.match(ex.id).group()
        part = sets.setdefault(letter, Result(f"{result.split} {letter}…", [], [], [], []))
        part.examples.append(ex)
        part.predicted.append(result.predicted[i])
        part.seconds.append(result.seconds[i])
        part.cpu_seconds.append(result.cpu_seconds[i])
    return [sets[letter] for letter in sorted(sets)]


def set_table(results: Sequence[Result]) -> str:
    """A Markdown table with one row per set: recall per flaw (with counts) and false alarms."""
    lines = ["| set | " + " | ".join(CODES) + " | false alarms |",
             "|---|" + "---:|" * (len(CODES) + 1)]
    for r in results:
        cells = []
        for code in CODES:
            tp, _, _, pos = r.counts(code)
            cells.append(f"{_ratio(tp, pos)} ({tp}/{pos})")
        alarms, good = r.false_alarms()
        cells.append(f"{alarms / good:.1%} ({alarms}/{good})" if good else "–")
        lines.append(f"| {r.split} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def errors(result: Result) -> str:
    out = []
    for ex, got in zip(result.examples, result.predicted, strict=True):
        if got != ex.flaws:
            missed, extra = sorted(ex.flaws - got), sorted(got - ex.flaws)
            out.append(f"{ex.id} missed={missed} extra={extra}\n    {ex.text}")
    return "\n".join(out) or "(none)"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument("--errors", action="store_true",
                        help="print the tune split's wrong verdicts (never the held-out's)")
    parser.add_argument("--by-set", action="store_true",
                        help="also print each split's table set by set (id letter): the rates "
                             "only, never a held-out message")
    parser.add_argument("--rules", action="store_true",
                        help="score the rules alone, without the learned reading")
    args = parser.parse_args(argv)
    names = list(SPLITS) if args.split == "all" else [args.split]
    results = [run(name, load(SPLITS[name]), learned=not args.rules) for name in names]
    print("the rules alone" if args.rules else "the rules and the learned reading")
    print(f"message check on {', '.join(f'{r.split}: {len(r.examples)} messages' for r in results)}"
          f" ({sum(len(r.examples) for r in results)} in all)\n")
    print(table(results))
    print()
    for r in results:
        if not r.examples:
            print(f"{r.split}: no messages yet – not measured")
            continue
        for what, times in (("wall", r.seconds), ("CPU", r.cpu_seconds)):
            ms = sorted(s * 1000 for s in times)
            p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
            print(f"{r.split}: {statistics.mean(ms):.2f} ms a message on average ({what}), "
                  f"p95 {p95:.2f} ms, max {ms[-1]:.2f} ms")
        misses = verdict(r)
        if r.split not in HELD_OUT:
            print(f"{r.split}: (tuned on – its rates say little)")
            continue
        print(f"{r.split} targets (false alarms <= {MAX_FALSE_ALARMS:.0%}, recall >= "
              f"{MIN_RECALL}): " + ("met" if not misses else "MISSED – " + "; ".join(misses)))
    load1, load5, load15 = os.getloadavg()
    print(f"load average: {load1:.2f} {load5:.2f} {load15:.2f} on {os.cpu_count()} cores")
    if args.by_set:
        for r in results:
            if r.examples:
                print(f"\n{r.split} split, set by set (recall):\n" + set_table(by_set(r)))
    if args.errors:
        for r in results:
            if r.split == "tune":
                print("\ntune split, wrong verdicts:\n" + errors(r))
            else:
                print(f"\n({r.split}: errors not shown – it is not for tuning)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
