"""Near-duplicates: vectorised MinHash equals datasketch's, wire copies found, threshold honoured."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from datasketch import MinHash

from newsprism.group.dedup import (
    BLOCK_ROWS,
    DuplicateIndex,
    normalise_tokens,
    permutations,
    shingle_hash,
    shingle_hashes,
    shingles,
    text_signature,
)
from newsprism.group.table import MERGE_MIN

STORY = (
    "The harbour authority of Port Elvane said on Tuesday that the container terminal would close for "
    "three weeks after a crane collapsed during a storm, injuring two dock workers. Shipping lines were "
    "told to divert vessels to the northern quay while engineers inspect the remaining cranes, the "
    "authority's director Mara Quist told reporters. Local exporters warned that fruit shipments could "
    "spoil if the closure lasts longer than planned, and the regional council called an emergency meeting."
)
OTHER = (
    "A chess prodigy from the mountain town of Velm won the national junior championship on Sunday, "
    "beating three former champions in a row. Her coach said she had trained for six hours a day and "
    "would now prepare for the world youth olympiad in the spring, where she hopes to earn a title norm "
    "before her fifteenth birthday, according to the organisers of the tournament in the capital."
)


def test_group_dedup_signature_equals_datasketch_update() -> None:
    index = DuplicateIndex(seed=7)
    expected = MinHash(num_perm=128, seed=7, hashfunc=shingle_hash)
    for shingle in shingles(normalise_tokens(STORY)):
        expected.update(shingle)
    assert np.array_equal(index.signature_of(STORY), expected.hashvalues)
    assert index.minhash(STORY).jaccard(expected) == 1.0


def test_group_dedup_finds_wire_copy_with_new_headline_and_misses_unrelated() -> None:
    index = DuplicateIndex()
    assert index.add("a", "Crane collapse shuts Port Elvane terminal\n" + STORY) == []
    assert index.add("b", OTHER) == []
    links = index.add("c", "Storm topples crane, port closes for three weeks\n" + STORY)
    assert [(link.a, link.b) for link in links] == [("a", "c")]
    assert 0.8 <= links[0].jaccard < 1.0


def test_group_dedup_threshold_is_honoured() -> None:
    edited = STORY.replace("three weeks", "a month").replace("northern quay", "old pier")
    loose, strict = DuplicateIndex(threshold=0.5), DuplicateIndex(threshold=0.95)
    for index in (loose, strict):
        index.add("a", STORY)
    found = loose.add("b", edited)
    assert found and 0.5 <= found[0].jaccard < 0.95
    assert strict.add("b", edited) == []


def test_group_dedup_compact_and_datasketch_lsh_agree() -> None:
    texts = [STORY, OTHER, "Update: " + STORY, OTHER + " Reporting by staff.", STORY[:300] + OTHER[:200]]
    got = []
    for lsh in ("compact", "datasketch"):
        index = DuplicateIndex(lsh=lsh, threshold=0.5)
        got.append([index.add(str(i), t) for i, t in enumerate(texts)])
    assert got[0] == got[1]
    assert any(got[0])


def test_group_dedup_pickle_round_trip() -> None:
    index = DuplicateIndex()
    index.add("a", STORY)
    index.add("b", OTHER)
    clone = pickle.loads(pickle.dumps(index))
    assert len(clone) == 2 and "a" in clone
    assert clone.add("c", STORY + " (Reuters)") == index.add("c", STORY + " (Reuters)")
    assert [link.a for link in index.add("d", "(AP) " + STORY)] == ["a", "c"]
    assert clone.add("c", STORY + " (Reuters)") == []  # already indexed in the clone


def test_group_dedup_short_text_and_repeat_id_add_nothing() -> None:
    index = DuplicateIndex()
    assert index.add("a", "too short to judge") == [] and len(index) == 0
    index.add("b", STORY)
    assert index.add("b", STORY) == [] and len(index) == 1


def test_group_dedup_add_signature_equals_add_in_both_lsh_modes() -> None:
    texts = [STORY, OTHER, "Update: " + STORY, OTHER + " Reporting by staff.", "too short"]
    for lsh in ("compact", "datasketch"):
        by_text, by_sig = DuplicateIndex(lsh=lsh), DuplicateIndex(lsh=lsh)
        perms = permutations()
        for i, text in enumerate(texts):
            sig = text_signature(text, perms)
            assert (sig is None) == (i == 4)
            got = [] if sig is None else by_sig.add_signature(str(i), sig.astype("<u4"))
            assert got == by_text.add(str(i), text)
        assert (
            len(by_sig) == len(by_text) == 4 and by_sig.add_signature("0", by_sig.signature_of(STORY)) == []
        )
        assert [x.a for x in by_sig.add("5", STORY + " (AP)")] == ["0", "2"]


def test_group_dedup_add_signature_refuses_a_malformed_signature() -> None:
    index = DuplicateIndex()
    sig = index.signature_of(STORY)
    for bad in (sig[:64], sig.astype(np.float64), sig.astype(np.int64) - (1 << 40)):
        with pytest.raises(ValueError, match="'x' must be 128 uint32 values"):
            index.add_signature("x", bad)
    assert len(index) == 0


def _corpus(n: int, seed: int = 3) -> list[tuple[str, str]]:
    """``n`` seeded synthetic articles of 40 words; every 7th re-sends an earlier one with a new
    final sentence (a near-duplicate), every 11th is an exact copy."""
    rng = np.random.default_rng(seed)
    vocab = [f"w{i}" for i in range(3000)]
    out: list[tuple[str, str]] = []
    for i in range(n):
        if i % 7 == 6:
            text = out[int(rng.integers(len(out)))][1] + " Reporting by our staff in the capital"
        elif i % 11 == 10:
            text = out[int(rng.integers(len(out)))][1]
        else:
            text = " ".join(rng.choice(vocab, 40))
        out.append((f"a{i}", text))
    return out


def test_group_dedup_vectorised_hashes_equal_the_scalar_reference() -> None:
    long_text = " ".join(f"tok{i % 977} mot{i % 13}" for i in range(2600))  # 5,200 words: 2 chunks
    perms = permutations()
    for text in ("Three short words", STORY, "Café crème à l'Élysée, " + OTHER, long_text):
        tokens = normalise_tokens(text)
        hashes = [shingle_hash(s) for s in shingles(tokens)]
        assert shingle_hashes(tokens).tolist() == hashes
        expected = MinHash(num_perm=128, seed=1, hashfunc=shingle_hash)
        expected.update_batch(shingles(tokens))
        assert np.array_equal(text_signature(text, perms, min_tokens=1), expected.hashvalues)


def test_group_dedup_ascii_fast_path_tokenises_like_the_unicode_path() -> None:
    text = "Hello, WORLD_x 42 o'clock\ttab-sep (U.S.) 3.5%"
    assert normalise_tokens(text) == [
        b"hello",
        b"world_x",
        b"42",
        b"o",
        b"clock",
        b"tab",
        b"sep",
        b"u",
        b"s",
        b"3",
        b"5",
    ]
    assert normalise_tokens(text + " é") == [*normalise_tokens(text), b"e"]  # the unicode path


def test_group_dedup_merged_band_table_and_blocks_find_the_same_links_as_datasketch() -> None:
    items = _corpus(1100)  # more than BLOCK_ROWS signatures; the band table is merged several times
    assert len(items) > BLOCK_ROWS and 9 * len(items) > 4 * MERGE_MIN
    got = {}
    for lsh in ("compact", "datasketch"):
        index = DuplicateIndex(lsh=lsh)
        got[lsh] = [(x.a, x.b, x.jaccard) for a, t in items for x in index.add(a, t)]
    assert got["compact"] == got["datasketch"]
    assert len({b for _, b, _ in got["compact"]}) >= 200  # most of the 243 planted copies
    compact = DuplicateIndex()
    for a, t in items:
        compact.add(a, t)
    parts = compact.nbytes()
    assert parts["signatures"] <= 256 * (len(compact) + BLOCK_ROWS)
    assert sum(parts.values()) / len(compact) < 700  # bytes an article (the dict-only table: ~1.1 KB)
    clone = pickle.loads(pickle.dumps(compact))
    links = compact.add("resent", items[3][1])  # an early article, its band keys long merged
    assert "a3" in [x.a for x in links] and clone.add("resent", items[3][1]) == links


def test_group_dedup_loads_the_previous_pickle_layout() -> None:
    """A state of the previous layout (every band key in one dict, an id -> row dict ``_rows``)
    loads, and goes on finding the links the index it was saved from finds."""
    items = _corpus(400)
    index = DuplicateIndex()
    for a, t in items[:200]:  # 1,800 band entries: all still in the dict, as the old layout kept them
        index.add(a, t)
    state = pickle.loads(pickle.dumps(index.__getstate__()))  # a copy, as a saved state is
    assert len(state.pop("_merged_keys")) == 0 and len(state.pop("_merged_rows")) == 0
    del state["_pending"]
    state["_rows"] = {a: i for i, a in enumerate(state["_ids"])}
    old = DuplicateIndex.__new__(DuplicateIndex)
    old.__setstate__(state)
    assert len(old) == 200 and "a0" in old and "a300" not in old
    assert [old.add(a, t) for a, t in items[200:]] == [index.add(a, t) for a, t in items[200:]]
