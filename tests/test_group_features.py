"""Story features: the fast word and number patterns find exactly what their plain forms find."""

from __future__ import annotations

import random
import re

from newsprism.group.features import _NUM, _WORD_ASCII, lexical_numbers, lexical_terms

PLAIN_WORD = re.compile(r"\b[a-z]{3,}(?:'[a-z]+)*|\b\d{4}\b")
PLAIN_NUM = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")


def test_group_features_fast_patterns_match_their_plain_forms() -> None:
    rng = random.Random(7)
    alphabet = "ab1290.,' _-x\n"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert _WORD_ASCII.findall(text) == PLAIN_WORD.findall(text), text
        assert _NUM.findall(text) == PLAIN_NUM.findall(text), text


def test_group_features_words_and_numbers_at_edges() -> None:
    text = "12 cats ate 1,500 fish in 2024, x2024 and 3.14; v1.2 o'neil's 2024x 45,6.7 7"
    # a number glued to a word before it is part of a code (x2024, v1.2); one digit is no key
    assert lexical_numbers(text) == {"num:12": 1, "num:1500": 1, "num:2024": 2, "num:3.14": 1, "num:456.7": 1}
    assert lexical_terms(text) == {"cat": 1, "ate": 1, "fish": 1, "2024": 1, "neil": 1}
