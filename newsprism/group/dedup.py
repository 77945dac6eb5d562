"""Near-duplicates: MinHash LSH over normalised word 5-shingles, hashed with numpy.

Signature layout (datasketch's ``affine32`` scheme, so a :class:`datasketch.LeanMinHash`
built from our values compares with datasketch's own): each token is hashed with CRC-32,
a shingle of ``k`` tokens is the polynomial ``((t0*P + t1)*P + ...)`` modulo 2**64 folded
to 32 bits (:func:`shingle_hash` is the scalar reference), then datasketch's MurmurHash3
finaliser and the ``num_perm`` affine permutations ``a*h + b mod 2**32`` of ``seed`` are
applied to all shingles of a document in one numpy operation and the column minima kept.

:class:`DuplicateIndex` links each added article to the earlier ones whose estimated
Jaccard similarity reaches ``threshold``; candidates are the articles sharing an LSH band
with it, verified on the stored signatures.
"""

from __future__ import annotations

import re
import sys
import unicodedata
import zlib
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from newsprism.group import table
from newsprism.model import DuplicateLink

SHINGLE = 5
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
MAX_SHINGLES = 20_000  # a 100k-word body is hashed on its first 20k shingles (bounded work)
#: Signature rows per storage block: the index grows by whole blocks, never copying old rows.
BLOCK_ROWS = 1024
_CHUNK = 4096  # shingles per numpy block: bounds the (shingles x num_perm) matrix to ~2 MB
_P = np.uint64(1_099_511_628_211)  # FNV-64 prime, the polynomial base of shingle hashes
_M64 = (1 << 64) - 1
_WORD = re.compile(r"\w+")
_WORD_BYTES = frozenset(b"0123456789abcdefghijklmnopqrstuvwxyz_")
#: ASCII bytes lowercased, and every byte that is not a word character made a space.
_ASCII_FOLD = bytes(c if c in _WORD_BYTES else c + 32 if 65 <= c <= 90 else 32 for c in range(256))
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
_U32 = np.uint64(32)


def normalise_tokens(text: str) -> list[bytes]:
    """Casefolded ``\\w+`` words without accents, UTF-8 encoded: the units of shingles."""
    if text.isascii():  # the same words as below, by a byte translation and a split (faster)
        return text.encode("ascii").translate(_ASCII_FOLD).split()
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return [w.encode("utf-8") for w in _WORD.findall(text)]


def shingles(tokens: Sequence[bytes], k: int = SHINGLE) -> list[bytes]:
    """Space-joined word k-grams (one shorter shingle for a text of fewer than ``k`` words)."""
    if not tokens:
        return []
    if len(tokens) < k:
        return [b" ".join(tokens)]
    return [b" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)]


def shingle_hash(shingle: bytes) -> int:
    """Scalar reference of the vectorised shingle hash (usable as a datasketch ``hashfunc``)."""
    h = 0
    for word in shingle.split(b" "):
        h = (h * int(_P) + zlib.crc32(word)) & _M64
    return (h ^ (h >> 32)) & 0xFFFFFFFF


@cache
def _powers(width: int) -> np.ndarray:
    """``P**(width-1), ..., P, 1`` modulo 2**64 (uint64, read-only): a shingle's token weights."""
    out = np.array([pow(int(_P), e, 1 << 64) for e in range(width - 1, -1, -1)], dtype=np.uint64)
    out.flags.writeable = False
    return out


def shingle_hashes(tokens: Sequence[bytes], k: int = SHINGLE) -> np.ndarray:
    """uint32 hashes of the k-shingles of ``tokens``, equal to :func:`shingle_hash` of each."""
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    t = np.fromiter(map(zlib.crc32, tokens), dtype=np.uint64, count=len(tokens))
    # h[i] = sum of t[i + j] * P**(width-1-j) (Horner's polynomial), wrapping modulo 2**64
    h = np.correlate(t, _powers(min(k, len(t))), mode="valid")
    h ^= h >> _U32
    return h.astype(np.uint32)  # the low 32 bits


def permutations(num_perm: int = NUM_PERM, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) uint32 affine permutation parameters datasketch derives from ``seed``."""
    a, b = MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME).permutations
    return a.astype(np.uint32), b.astype(np.uint32)


def signature(hashes: np.ndarray, perms: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """MinHash values (uint32, one per permutation) of a set of shingle hashes, all at once."""
    a, b = perms
    out = np.full(len(a), 0xFFFFFFFF, dtype=np.uint32)
    s1, m1, s2, m2, s3 = _FMIX
    for start in range(0, len(hashes), _CHUNK):
        hv = hashes[start : start + _CHUNK]
        hv = hv ^ (hv >> s1)  # a copy: the caller's hashes stay as they are
        hv *= m1
        hv ^= hv >> s2
        hv *= m2
        hv ^= hv >> s3
        phv = np.multiply.outer(a, hv)  # wraps modulo 2**32, as datasketch's mask does
        phv += b[:, None]
        np.minimum(out, phv.min(axis=1), out=out)  # (a row per permutation: a contiguous min)
    return out


def text_signature(
    text: str, perms: tuple[np.ndarray, np.ndarray], k: int = SHINGLE, min_tokens: int = 20
) -> np.ndarray | None:
    """The signature :meth:`DuplicateIndex.add` indexes for ``text`` (its first ``MAX_SHINGLES``
    shingles); None for a text of fewer than ``min_tokens`` words (too short to judge)."""
    tokens = normalise_tokens(text)[: MAX_SHINGLES + k - 1]
    if len(tokens) < min_tokens:
        return None
    return signature(shingle_hashes(tokens, k), perms)


class DuplicateIndex:
    """Incremental near-duplicate index; picklable; same adds in the same order, same links.

    Candidates: ``bands`` x ``rows`` of the ``num_perm`` MinHash values form LSH bands (9 x 5
    finds a pair of Jaccard 0.8 with probability 0.97, 0.9 with 0.9999); a pair sharing any
    band is verified on the full signature. ``lsh="compact"`` keys each band by a 64-bit hash
    of its values and keeps (key, row) pairs in sorted numpy arrays (12 bytes an entry), the
    newest in a small dict until they are merged in (:mod:`newsprism.group.table`); signatures are kept
    as their low 16 bits (256 bytes), in blocks of ``BLOCK_ROWS``: with the ids, about 0.5 KB
    an article. ``lsh="datasketch"`` uses ``datasketch.MinHashLSH`` with the same bands
    instead (same candidates, about 3 KB an article); both get LeanMinHash inputs.
    """

    def __init__(
        self,
        threshold: float = 0.8,
        num_perm: int = NUM_PERM,
        seed: int = SEED,
        k: int = SHINGLE,
        min_tokens: int = 20,
        bands: tuple[int, int] = (9, 5),
        lsh: str = "compact",
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {threshold}")
        if bands[0] * bands[1] > num_perm:
            raise ValueError(f"bands {bands} need more than num_perm={num_perm} values")
        if lsh not in ("compact", "datasketch"):
            raise ValueError(f"lsh must be 'compact' or 'datasketch', not {lsh!r}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.seed = seed
        self.k = k
        self.min_tokens = min_tokens
        self.bands = bands
        self._perms = permutations(num_perm, seed)
        self._lsh = MinHashLSH(num_perm=num_perm, params=bands) if lsh == "datasketch" else None
        self._ids: list[str] = []  # row -> article id
        self._known: set[str] = set()
        self._blocks: list[np.ndarray] = []  # low 16 bits of the signatures, BLOCK_ROWS rows each
        self._merged_keys = np.zeros(0, dtype=np.uint64)  # band keys, sorted
        self._merged_rows = np.zeros(0, dtype=np.int32)  # the row of each
        self._table: dict[int, int | list[int]] = {}  # band keys not merged yet -> row(s)
        self._pending = 0  # entries in _table
        self._band_weights()

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._known

    def nbytes(self) -> dict[str, int]:
        """Bytes held per part of the compact index: ``signatures``, ``band_table`` (sorted arrays
        plus the dict of entries not merged yet) and ``ids`` (the row list and id set, not the id
        strings, which the caller's articles hold too)."""
        return {
            "signatures": sum(block.nbytes for block in self._blocks),
            "band_table": table.nbytes(self._merged_keys, self._merged_rows, self._table),
            "ids": sys.getsizeof(self._ids) + sys.getsizeof(self._known),
        }

    def signature_of(self, text: str) -> np.ndarray:
        """The MinHash signature of ``text`` (uint32 array of ``num_perm`` values)."""
        tokens = normalise_tokens(text)[: MAX_SHINGLES + self.k - 1]
        return signature(shingle_hashes(tokens, self.k), self._perms)

    def minhash(self, text: str) -> LeanMinHash:
        """``text``'s signature as a datasketch LeanMinHash (comparable with datasketch's own)."""
        return LeanMinHash(seed=self.seed, hashvalues=self.signature_of(text), scheme=SCHEME)

    def add(self, article_id: str, text: str) -> list[DuplicateLink]:
        """Index ``text`` under ``article_id``; links to earlier near-duplicates, best first.

        An id already indexed, or a text shorter than ``min_tokens`` words, adds nothing.
        """
        if article_id in self._known:
            return []
        sig = text_signature(text, self._perms, self.k, self.min_tokens)
        return [] if sig is None else self._add(article_id, sig)

    def add_signature(self, article_id: str, signature: np.ndarray) -> list[DuplicateLink]:
        """:meth:`add` for a signature computed elsewhere (by :func:`text_signature` with this
        index's permutations, e.g. in a Dask task); an id already indexed adds nothing.

        ValueError when ``signature`` is not ``num_perm`` unsigned 32-bit values.
        """
        sig = np.asarray(signature)
        if (
            sig.shape != (self.num_perm,)
            or sig.dtype.kind not in "ui"
            or (sig.size and not 0 <= sig.min() <= sig.max() <= 0xFFFFFFFF)
        ):
            raise ValueError(
                f"signature of {article_id!r} must be {self.num_perm} uint32 values, "
                f"not shape {sig.shape} of {sig.dtype}"
            )
        if article_id in self._known:
            return []
        return self._add(article_id, sig.astype(np.uint32))

    def _add(self, article_id: str, sig: np.ndarray) -> list[DuplicateLink]:
        """Index a new id's uint32 signature; its links to the earlier rows."""
        row = len(self._ids)
        if self._lsh is not None:
            lean = LeanMinHash(seed=self.seed, hashvalues=sig, scheme=SCHEME)
            links = self._verify(article_id, sig, self._lsh.query(lean))
            self._lsh.insert(row, lean, check_duplication=False)
        else:
            keys = self._band_keys(sig)
            links = self._verify(article_id, sig, self._lookup(keys))
            self._insert(keys.tolist(), row)
        self._ids.append(article_id)
        self._known.add(article_id)
        self._append(row, sig)
        return links

    # ------------------------------------------------------------ band table

    def _band_weights(self) -> None:
        """Constants of :meth:`_band_keys`: band ``j``'s key is the polynomial
        ``((j+1)*P + v0)*P + ... + v(r-1)`` of its values, modulo 2**64."""
        b, r = self.bands
        self._weights = _powers(r)
        self._offsets = np.arange(1, b + 1, dtype=np.uint64) * np.uint64(pow(int(_P), r, 1 << 64))

    def _band_keys(self, sig: np.ndarray) -> np.ndarray:
        b, r = self.bands
        return sig[: b * r].reshape(b, r).astype(np.uint64) @ self._weights + self._offsets

    def _lookup(self, keys: np.ndarray) -> set[int]:
        return set(table.lookup(self._merged_keys, self._merged_rows, self._table, keys))

    def _insert(self, keys: list[int], row: int) -> None:
        self._pending += table.insert(self._table, keys, row)
        if table.due(self._pending, len(self._merged_keys)):
            self._merge()

    def _merge(self) -> None:
        """Move the dict's entries into the sorted arrays."""
        self._merged_keys, self._merged_rows = table.merge(self._merged_keys, self._merged_rows, self._table)
        self._table, self._pending = {}, 0

    # ------------------------------------------------------------ signatures

    def _append(self, row: int, sig: np.ndarray) -> None:
        block, offset = divmod(row, BLOCK_ROWS)
        if block == len(self._blocks):
            self._blocks.append(np.zeros((min(64, BLOCK_ROWS), self.num_perm), dtype=np.uint16))
        rows = self._blocks[block]
        if offset == len(rows):  # the last block grows by doubling up to BLOCK_ROWS
            grown = np.zeros((min(2 * len(rows), BLOCK_ROWS), self.num_perm), dtype=np.uint16)
            grown[: len(rows)] = rows
            self._blocks[block] = rows = grown
        rows[offset] = sig  # the low 16 bits

    def _stored(self, rows: list[int]) -> np.ndarray:
        """The stored low 16 bits of the signatures of ``rows`` (one row each)."""
        return np.stack([self._blocks[r // BLOCK_ROWS][r % BLOCK_ROWS] for r in rows])

    def _verify(self, article_id: str, sig: np.ndarray, rows: set[int] | list[int]) -> list[DuplicateLink]:
        """Links to the candidate rows whose estimated Jaccard reaches the threshold.

        The estimate compares the low 16 bits of each MinHash value: a chance collision adds
        (1 - J) / 65536 to the match probability, far below the estimator's own spread.
        """
        if not rows:
            return []
        ordered = sorted(rows)
        est = (self._stored(ordered) == sig.astype(np.uint16)[None, :]).mean(axis=1)
        links = [
            DuplicateLink(a=self._ids[r], b=article_id, jaccard=round(float(j), 4))
            for r, j in zip(ordered, est, strict=True)
            if j >= self.threshold
        ]
        return sorted(links, key=lambda link: -link.jaccard)

    # ------------------------------------------------------------ state

    def __getstate__(self) -> dict[str, Any]:
        """The picklable state: signatures as one ``(rows, num_perm)`` uint16 array ``_sigs``;
        the id set and the band constants are rebuilt on loading."""
        state = dict(self.__dict__)
        for derived in ("_known", "_blocks", "_weights", "_offsets"):
            del state[derived]
        state["_sigs"] = (
            np.concatenate(self._blocks)[: len(self._ids)]
            if self._blocks
            else np.zeros((0, self.num_perm), dtype=np.uint16)
        )
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Load a state of :meth:`__getstate__`, or of the earlier layout (one dict of all band
        keys and an id -> row dict ``_rows``: its band dict is taken as entries not merged yet)."""
        state = dict(state)
        sigs = np.asarray(state.pop("_sigs"), dtype=np.uint16)
        state.pop("_rows", None)
        self.__dict__.update(state)
        if "_merged_keys" not in state:
            self._merged_keys = np.zeros(0, dtype=np.uint64)
            self._merged_rows = np.zeros(0, dtype=np.int32)
            self._pending = table.entries(self._table)
        self._known = set(self._ids)
        self._blocks = [sigs[i : i + BLOCK_ROWS].copy() for i in range(0, len(sigs), BLOCK_ROWS)]
        self._band_weights()


def find_duplicates(
    items: Sequence[tuple[str, str]], threshold: float = 0.8, num_perm: int = NUM_PERM, seed: int = SEED
) -> list[DuplicateLink]:
    """All near-duplicate links among ``(article_id, text)`` pairs, added in the given order."""
    index = DuplicateIndex(threshold=threshold, num_perm=num_perm, seed=seed)
    links: list[DuplicateLink] = []
    for article_id, text in items:
        links.extend(index.add(article_id, text))
    return links
