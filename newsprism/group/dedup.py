"""Near-duplicates: MinHash LSH over normalised word 5-shingles, hashed with numpy.

Signature layout (datasketch's ``affine32`` scheme, so a :class:`datasketch.LeanMinHash`
built from our values compares with datasketch's own): each token is hashed with CRC-32,
a shingle of ``k`` tokens is the polynomial ``((t0*P + t1)*P + ...)`` modulo 2**64 folded
to 32 bits (:func:`shingle_hash` is the scalar reference), then datasketch's MurmurHash3
finaliser and the ``num_perm`` affine permutations ``a*h + b mod 2**32`` of ``seed`` are
applied to all shingles of a document in one numpy operation and the column minima kept.

:class:`DuplicateIndex` links each added article to the earlier ones whose estimated
Jaccard similarity reaches ``threshold``; candidates come from a datasketch MinHashLSH
built for a slightly lower threshold (recall) and are verified on the full signatures.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from newsprism.model import DuplicateLink

SHINGLE = 5
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
MAX_SHINGLES = 20_000  # a 100k-word body is hashed on its first 20k shingles (bounded work)
_CHUNK = 4096  # shingles per numpy block: bounds the (shingles x num_perm) matrix to ~2 MB
_P = np.uint64(1_099_511_628_211)  # FNV-64 prime, the polynomial base of shingle hashes
_M64 = (1 << 64) - 1
_WORD = re.compile(r"\w+")
_ASCII_WORD = re.compile(rb"[0-9A-Za-z_]+")
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def normalise_tokens(text: str) -> list[bytes]:
    """Casefolded ``\\w+`` words without accents, UTF-8 encoded: the units of shingles."""
    text = text.casefold()
    if text.isascii():
        return _ASCII_WORD.findall(text.encode("ascii"))
    text = unicodedata.normalize("NFKD", text)
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


def shingle_hashes(tokens: Sequence[bytes], k: int = SHINGLE) -> np.ndarray:
    """uint32 hashes of the k-shingles of ``tokens``, equal to :func:`shingle_hash` of each."""
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    t = np.fromiter(map(zlib.crc32, tokens), dtype=np.uint64, count=len(tokens))
    n = max(1, len(t) - k + 1)
    width = min(k, len(t))
    h = np.zeros(n, dtype=np.uint64)
    for i in range(width):
        h = h * _P + t[i : i + n]
    return ((h ^ (h >> np.uint64(32))) & np.uint64(0xFFFFFFFF)).astype(np.uint32)


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
        hv = hv ^ (hv >> s1)
        hv = hv * m1
        hv = hv ^ (hv >> s2)
        hv = hv * m2
        hv = hv ^ (hv >> s3)
        phv = hv[:, None] * a[None, :] + b[None, :]
        np.minimum(out, phv.min(axis=0), out=out)
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
    band is verified on the full signature. ``lsh="compact"`` keeps the band table as one dict
    of 64-bit band hashes (about 80 bytes a band) and 16-bit signature residues (256 bytes):
    about 1 KB an article. ``lsh="datasketch"`` uses ``datasketch.MinHashLSH`` with the same
    bands instead (same candidates, about 3 KB an article); both get LeanMinHash inputs.
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
        self._table: dict[int, int | list[int]] = {}
        self._lsh = MinHashLSH(num_perm=num_perm, params=bands) if lsh == "datasketch" else None
        self._ids: list[str] = []
        self._rows: dict[str, int] = {}
        self._sigs = np.zeros((0, num_perm), dtype=np.uint16)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._rows

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
        if article_id in self._rows:
            return []
        sig = text_signature(text, self._perms, self.k, self.min_tokens)
        return [] if sig is None else self.add_signature(article_id, sig)

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
        if article_id in self._rows:
            return []
        sig = sig.astype(np.uint32)
        row = len(self._ids)
        if self._lsh is not None:
            lean = LeanMinHash(seed=self.seed, hashvalues=sig, scheme=SCHEME)
            links = self._verify(article_id, sig, self._lsh.query(lean))
            self._lsh.insert(row, lean, check_duplication=False)
        else:
            keys = self._band_keys(sig)
            links = self._verify(article_id, sig, self._lookup(keys))
            self._insert(keys, row)
        self._ids.append(article_id)
        self._rows[article_id] = row
        self._append(sig)
        return links

    def _band_keys(self, sig: np.ndarray) -> list[int]:
        b, r = self.bands
        vals = sig[: b * r].reshape(b, r).astype(np.uint64)
        h = np.arange(1, b + 1, dtype=np.uint64)
        for j in range(r):
            h = h * _P + vals[:, j]
        return h.tolist()

    def _lookup(self, keys: list[int]) -> set[int]:
        found: set[int] = set()
        for key in keys:
            hit = self._table.get(key)
            if hit is None:
                continue
            if isinstance(hit, int):
                found.add(hit)
            else:
                found.update(hit)
        return found

    def _insert(self, keys: list[int], row: int) -> None:
        table = self._table
        for key in keys:
            hit = table.get(key)
            if hit is None:
                table[key] = row
            elif isinstance(hit, int):
                table[key] = [hit, row]
            else:
                hit.append(row)

    def _append(self, sig: np.ndarray) -> None:
        n = len(self._ids)
        if n > len(self._sigs):
            grown = np.zeros(
                (max(64, len(self._sigs) + len(self._sigs) // 2), self.num_perm), dtype=np.uint16
            )
            grown[: len(self._sigs)] = self._sigs
            self._sigs = grown
        self._sigs[n - 1] = sig.astype(np.uint16)

    def _verify(self, article_id: str, sig: np.ndarray, rows: set[int] | list[int]) -> list[DuplicateLink]:
        """Links to the candidate rows whose estimated Jaccard reaches the threshold.

        The estimate compares the low 16 bits of each MinHash value: a chance collision adds
        (1 - J) / 65536 to the match probability, far below the estimator's own spread.
        """
        if not rows:
            return []
        ordered = sorted(rows)
        est = (self._sigs[ordered] == sig.astype(np.uint16)[None, :]).mean(axis=1)
        links = [
            DuplicateLink(a=self._ids[r], b=article_id, jaccard=round(float(j), 4))
            for r, j in zip(ordered, est, strict=True)
            if j >= self.threshold
        ]
        return sorted(links, key=lambda link: -link.jaccard)

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_sigs"] = self._sigs[: len(self._ids)].copy()
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)


def find_duplicates(
    items: Sequence[tuple[str, str]], threshold: float = 0.8, num_perm: int = NUM_PERM, seed: int = SEED
) -> list[DuplicateLink]:
    """All near-duplicate links among ``(article_id, text)`` pairs, added in the given order."""
    index = DuplicateIndex(threshold=threshold, num_perm=num_perm, seed=seed)
    links: list[DuplicateLink] = []
    for article_id, text in items:
        links.extend(index.add(article_id, text))
    return links
