"""A seeded sample of the mutation corpus (tests/mutations.py): every case located, every
safe fix working, no fix letting a wrong value pass. ``make messages`` runs all of it."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from conftest import REPO
from mutations import Corpus, Verdict, generate, judge

SAMPLE = 60


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.of(REPO / "data")


def _sample(corpus: Corpus) -> list[Verdict]:
    cases = generate(corpus, seed=16)
    assert len(cases) > 2000, "thousands of cases, from every node of the shipped plan"
    assert len({c.operator for c in cases}) >= 15
    # One case of each operator, and a random rest: every kind of slip is in the sample.
    rng = random.Random(16)
    first = {c.operator: c for c in reversed(cases)}
    chosen = list(first.values()) + rng.sample(cases, SAMPLE - len(first))
    return [judge(corpus, case) for case in chosen]


def test_the_generator_is_deterministic(corpus: Corpus) -> None:
    one, two = generate(corpus, seed=16), generate(corpus, seed=16)
    assert [c.name for c in one] == [c.name for c in two]
    assert Counter(c.operator for c in one) == Counter(c.operator for c in two)


def test_a_sample_of_the_corpus(corpus: Corpus) -> None:
    verdicts = _sample(corpus)
    crashes = [(v.case.name, v.crash) for v in verdicts if v.crash]
    assert crashes == []
    located = sum(v.located for v in verdicts)
    assert located >= 0.95 * len(verdicts), [v.case.name for v in verdicts if not v.located]
    broken = [(v.case.name, v.fix, v.fix_breaks) for v in verdicts if v.fix_breaks]
    assert [b for b in broken if b[1] == "safe"] == []
    safe = [v for v in verdicts if v.fix == "safe"]
    assert safe and all(v.fix_works for v in safe)
    unguided = [v.case.name for v in verdicts if v.located and not v.fix and not v.guidance]
    assert unguided == []
