"""Read the NewsReader MEANTIME corpus (CAT XML) as timex evaluation documents.

MEANTIME (Minard et al., LREC 2016; ``../shared/data/meantime``) annotates 120 English Wikinews
articles with TIMEX3 values. Each ``<Document>`` is a list of ``<token t_id sentence>`` elements
and ``<Markables>``; a ``<TIMEX3>`` lists the tokens it covers. :func:`load_docs` rebuilds the
running text from the tokens (spacing as the words were printed: none before ``,`` or ``'s``,
``"`` opening and closing in turn) with each token's character offsets, and returns documents
in the shape :func:`newsprism.eval.timex.load` gives: ``{doc_id, dct, text, timexes}``.

The creation time (``functionInDocument="CREATION_TIME"``, the article's dateline) is the DCT,
as TempEval-3 gives it: its sentence is left out of the text and it is not scored. The DCT is
the date the dateline prints ("October 10 , 2008"), which the release's creation value
sometimes misstates (one says 2008-10-20 where the dateline and the gold values around it are of
October 10; another is written day-month-year, "03-02-2009"); the value serves when the dateline
is no plain date. Two documents leave the dateline unannotated: sentence 1 is then a bare
"Month DD, YYYY" line, read as the DCT. Sentence 0
(the headline) starts the text, followed by a blank line. Only the first sentences of each
article are annotated (Minard et al. 2016; in this copy 118 of 120 documents have mentions up to
sentence 5 and none after, the other two up to sentence 6), so the text stops after sentence 5 or
the document's last annotated sentence if later: the rest would only score as spurious.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from newsprism.errors import InputError

#: The folder of document-level annotation inside a MEANTIME release.
INTRA_DOC = "intra-doc_annotation"
MAX_FILE_BYTES = 5_000_000
MAX_FILES = 10_000
#: Sentences 0-5 (headline, dateline, four body sentences) carry the annotation.
ANNOTATED_SENTENCES = 6

_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}]|\.\.\.|'s|'re|'ve|'ll|'d|'m|n't|'|’|'')$")
_NO_SPACE_AFTER = re.compile(r"^(?:[(\[{$#]|``|`|“|[A-Z]{1,2}\$)$")
_QUOTE = '"'
_DAY_MONTH_YEAR = re.compile(r"(\d{2})-(\d{2})-(\d{4})")


def is_meantime(path: Path) -> bool:
    """True for a MEANTIME release folder (it holds ``intra-doc_annotation``) or that folder itself."""
    path = Path(path)
    return path.is_dir() and ((path / INTRA_DOC).is_dir() or path.name == INTRA_DOC)


def _xml_files(path: Path) -> list[Path]:
    root = path / INTRA_DOC if (path / INTRA_DOC).is_dir() else path
    files = sorted(p for p in root.glob("*/*.xml") if p.is_file())[:MAX_FILES]
    if not files:
        raise InputError("E040", str(path), detail=f"no CAT XML files under {root.name}/*/")
    return files


def _join(tokens: list[tuple[str, int, str]]) -> tuple[str, dict[str, tuple[int, int]]]:
    """Text of ``(t_id, sentence, word)`` tokens and each token id's (start, end) offsets."""
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos, prev, prev_sentence, open_quote = 0, "", None, False
    for t_id, sentence, word in tokens:
        if prev_sentence is None:
            sep = ""
        elif sentence != prev_sentence and prev_sentence == 0:
            sep = "\n\n"  # the headline is its own paragraph
        elif word == _QUOTE:
            sep = "" if open_quote else " "
        elif _NO_SPACE_BEFORE.match(word) or (prev == _QUOTE and open_quote) or _NO_SPACE_AFTER.match(prev):
            sep = ""
        else:
            sep = " "
        if word == _QUOTE:
            open_quote = not open_quote
        parts.append(sep)
        pos += len(sep)
        offsets[t_id] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        prev, prev_sentence = word, sentence
    return "".join(parts), offsets


def _creation_value(value: str | None) -> str | None:
    """An ISO date from a creation-time value, "DD-MM-YYYY" turned round."""
    m = _DAY_MONTH_YEAR.fullmatch(value or "")
    return f"{m[3]}-{m[2]}-{m[1]}" if m else value


def _dateline(words: list[str]) -> str | None:
    """The ISO date of a sentence that is only "Month DD , YYYY", else None."""
    try:
        return datetime.strptime(" ".join(words), "%B %d , %Y").date().isoformat()
    except ValueError:
        return None


def read_document(path: Path) -> dict[str, Any]:
    """One MEANTIME CAT XML file as ``{doc_id, dct, text, timexes}``; InputError E040 when malformed."""
    from lxml import etree

    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError("E040", str(path), detail=f"larger than {MAX_FILE_BYTES} bytes")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except (etree.XMLSyntaxError, OSError) as exc:
        raise InputError("E040", str(path), detail=f"not CAT XML: {exc}") from exc
    if root.tag != "Document" or root.get("doc_id") is None:
        raise InputError("E040", str(path), detail="the root element is not a <Document doc_id=...>")
    tokens = [(t.get("t_id", ""), int(t.get("sentence") or 0), t.text or "") for t in root.iter("token")]
    spans = []
    for x in root.iter("TIMEX3"):
        ids = [a.get("t_id") for a in x.iter("token_anchor")]
        if ids:  # an empty TIMEX3 is an implicit time (no text to find)
            spans.append((x, ids))
    stamp, creation = next(
        ((x, ids) for x, ids in spans if x.get("functionInDocument") == "CREATION_TIME"), (None, [])
    )
    word_of = {t_id: w for t_id, _, w in tokens}
    value = stamp.get("value") if stamp is not None else None
    dct = _dateline([word_of.get(i, "") for i in creation]) or _creation_value(value)
    sentence_of = {t_id: s for t_id, s, _ in tokens}
    dateline = {sentence_of[i] for i in creation if i in sentence_of}
    if dct is None and (found := _dateline([w for _, s, w in tokens if s == 1])):
        dct, dateline = found, {1}
    annotated = {sentence_of.get(a.get("t_id")) for a in root.iterfind(".//Markables//token_anchor")}
    last = max([ANNOTATED_SENTENCES - 1, *(s for s in annotated if s is not None)])
    kept = [t for t in tokens if t[1] not in dateline and t[1] <= last]
    text, offsets = _join(kept)
    timexes = []
    for x, ids in spans:
        if x.get("functionInDocument") == "CREATION_TIME" or not all(i in offsets for i in ids):
            continue
        start, end = min(offsets[i][0] for i in ids), max(offsets[i][1] for i in ids)
        timexes.append(
            {"text": text[start:end], "start": start, "end": end,
             "type": x.get("type") or "", "value": x.get("value") or ""}
        )  # fmt: skip
    timexes.sort(key=lambda t: (t["start"], t["end"]))
    return {"doc_id": f"meantime_{root.get('doc_id')}", "dct": dct, "text": text, "timexes": timexes}


def load_docs(path: Path) -> list[dict[str, Any]]:
    """Every document of a MEANTIME release folder (``intra-doc_annotation/corpus_*/*.xml``)."""
    return [read_document(f) for f in _xml_files(Path(path))]
