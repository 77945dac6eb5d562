"""Quotes and their speakers: direct, partial and reported speech, from a parsed spaCy ``Doc``.

Direct quotes are found by their marks (:mod:`newsprism.extract.quote_marks`), then attributed
through a cue verb in the text around them ("... ," said Putin / Fallon told Newsweek: "..."),
else as the continuation of the previous quote when the paragraph is a bare quote, else to the
subject of the sentence just before. Partial quotes take the cue verb they hang on in the
parse. Reported speech comes from cue verbs with a complement clause ("X believes that ..."),
"according to X", and passive descriptions ("described as ... by Russian media").
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from newsprism.extract.quote_cues import DESCRIBE_VERBS, REPORT_VERBS, SPEECH_VERBS
from newsprism.extract.quote_marks import Chain, Segment, find_chains, paragraphs
from newsprism.extract.quote_speakers import (
    NameIndex,
    Speaker,
    descriptor,
    is_credit,
    passive_agent,
    resolve,
    subject_of,
)
from newsprism.model import Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Kind = Literal["direct", "partial", "indirect"]
_SENTENCE_END = frozenset({".", "!", "?"})
#: Quotes with no speaker shorter than this many words are scare quotes and titles: dropped.
_MIN_UNATTRIBUTED_WORDS = 4
#: How many tokens after the closing mark a cue may sit ("..., the senator from Ohio said").
_CUE_REACH = 30
#: How many tokens after ``,"`` any verb counts as the cue ("Go home," Trump barked).
_ANY_VERB_REACH = 5


@dataclass(slots=True)
class Attribution:
    """A quote with the evidence behind its speaker (used by the evaluation)."""

    quote: Quote
    cue_index: int | None = None  # token index of the cue
    local_start: int | None = None  # speaker mention next to the cue (a pronoun stays a pronoun)
    local_end: int | None = None


@dataclass(slots=True)
class _Found:
    speaker: Speaker | None
    cue: Token | None
    subject: Token | None


def extract_quotes(doc: Doc) -> list[Quote]:
    """Direct, partial and reported quotes of ``doc`` with speakers, descriptors, cues and spans, in text order."""
    return [a.quote for a in extract_attributions(doc)]


def extract_attributions(doc: Doc) -> list[Attribution]:
    """Like :func:`extract_quotes`, keeping the cue token and the cue-local speaker mention."""
    return _Extractor(doc).run()


class _Extractor:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.chains = find_chains(doc.text)
        quoted = []
        for chain in self.chains:
            for seg in chain.segments:
                quoted.append((seg.open_at, (seg.close_at + 1) if seg.close_at is not None else seg.end))
        self.quoted = quoted
        self.names = NameIndex(doc, quoted)
        self.paragraphs = paragraphs(doc.text)
        self.para_starts = [s for s, _ in self.paragraphs]
        self.token_starts = [t.idx for t in doc]
        self.out: list[Attribution] = []

    # ------------------------------------------------------------ helpers

    def tok_at(self, char: int) -> int:
        """Index of the token containing (or just before) ``char``."""
        return max(0, bisect_right(self.token_starts, char) - 1)

    def para_of(self, char: int) -> tuple[int, int]:
        return self.paragraphs[max(0, bisect_right(self.para_starts, char) - 1)]

    def in_quote(self, tok: Token) -> bool:
        return self.names.in_quote(tok.idx)

    def frame_before(self, seg: Segment) -> list[Token]:
        """Tokens of the same sentence before the opening mark, outside any quote."""
        doc = self.doc
        para_start, _ = self.para_of(seg.open_at)
        lo = self.tok_at(para_start)
        hi = self.tok_at(seg.open_at)  # the opening mark's token
        tokens = []
        for i in range(hi - 1, lo - 1, -1):
            tok = doc[i]
            if tok.idx < para_start or self.in_quote(tok) or tok.text in _SENTENCE_END:
                break
            tokens.append(tok)
        return tokens[::-1]

    def frame_after(self, seg: Segment) -> list[Token]:
        """Tokens after the closing mark up to the sentence end, outside any quote."""
        if seg.close_at is None:
            return []
        doc = self.doc
        _, para_end = self.para_of(seg.open_at)
        tokens = []
        for i in range(self.tok_at(seg.close_at) + 1, len(doc)):
            tok = doc[i]
            if tok.idx >= para_end or self.in_quote(tok):
                break
            tokens.append(tok)
            if tok.text in _SENTENCE_END:
                break
        return tokens

    # ------------------------------------------------------------ speakers

    def speaker_of_cue(self, cue: Token) -> _Found:
        if cue.lower_ == "according":
            to = next((c for c in cue.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is None and cue.i + 2 < len(self.doc):
                obj = self.doc[cue.i + 2]
            return _Found(resolve(obj, self.names) if obj is not None else None, cue, obj)
        subject = subject_of(cue)
        if subject is None or self.in_quote(subject) or not self.same_paragraph(subject, cue):
            subject = self._nearest_subject(cue)
        if subject is None:
            return _Found(None, cue, None)
        return _Found(resolve(subject, self.names), cue, subject)

    def last_word_before(self, char: int) -> int:
        """Index of the last non-space token before ``char`` (-1 when none)."""
        k = self.tok_at(char) - 1
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        return k

    def same_paragraph(self, a: Token, b: Token) -> bool:
        return self.para_of(a.idx) == self.para_of(b.idx)

    def _nearest_subject(self, cue: Token) -> Token | None:
        """A name or pronoun next to the cue when the parse gave no subject ("said Putin", "Thomas told")."""
        doc = self.doc
        near = [doc[i] for i in range(max(0, cue.i - 3), min(len(doc), cue.i + 4)) if i != cue.i]
        for tok in sorted(near, key=lambda t: (abs(t.i - cue.i), t.i)):
            if self.in_quote(tok) or not self.same_paragraph(tok, cue):
                continue
            if tok.dep_ in ("dobj", "pobj", "poss", "compound", "dative", "amod", "nmod") and not (
                tok.dep_ == "compound" and tok.head.i == cue.i
            ):
                continue
            if tok.pos_ == "PROPN" or tok.lower_ in ("he", "she", "they", "i", "we"):
                if cue.lemma_ == "tell" and (tok.i > cue.i or tok.dep_ in ("dobj", "dative", "pobj")):
                    continue
                return tok
        return None

    @staticmethod
    def is_cue(tok: Token) -> bool:
        return (
            tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX")
        ) or tok.lower_ == "according"

    def cue_after(self, seg: Segment, frame: list[Token]) -> Token | None:
        """The cue after a closing mark: a speech verb nearby, or any verb right after ``,"`` ("Trump barked")."""
        for tok in frame[:_CUE_REACH]:
            if self.is_cue(tok):
                return tok
        inner = self.doc.text[seg.start : seg.close_at or seg.end].rstrip("’'\" ")
        ends_clause = seg.close_at is not None and inner[-1:] in (",", "?", "!", "—", "–", "-")
        if frame and (ends_clause or frame[0].text == ","):
            return next((t for t in frame[:_ANY_VERB_REACH] if t.pos_ == "VERB"), None)
        return None

    def cue_before(self, frame: list[Token]) -> Token | None:
        """The cue before an opening mark: the last verb of an intro ending in ``:`` or ``,``, else a speech verb."""
        if not frame:
            return None
        speech = [t for t in frame if self.is_cue(t)]
        if frame[-1].text == ":":
            root = frame[-1].sent.root
            if speech:
                return speech[-1]
            return root if root.pos_ == "VERB" and not self.in_quote(root) else None
        if frame[-1].text == ",":
            verbs = speech + [t for t in frame if t.pos_ == "VERB" and t.dep_ in ("ROOT", "conj")]
            if verbs:
                return max(verbs, key=lambda t: t.i)
        return speech[-1] if speech else None

    # ------------------------------------------------------------ direct and partial

    def run(self) -> list[Attribution]:
        previous: tuple[Chain, _Found] | None = None
        for chain in self.chains:
            found = self.direct_or_partial(chain, previous)
            if found is not None:
                previous = (chain, found)
        self.reported()
        return self.finish()

    def direct_or_partial(self, chain: Chain, previous: tuple[Chain, _Found] | None) -> _Found | None:
        first, last = chain.segments[0], chain.segments[-1]
        before, after = self.frame_before(first), self.frame_after(last)
        words_before = [t for t in before if not t.is_punct]
        words_after = [t for t in after if not t.is_punct]
        intro = bool(before) and before[-1].text in (":", ",")
        cue_after, cue_before = self.cue_after(last, after), self.cue_before(before)
        direct = len(chain.segments) > 1 or not words_before or intro
        direct = direct or (cue_before is not None and before[-1].i == cue_before.i)
        if not direct:
            return self.partial(chain)
        governing = self.governing_cue(first)
        found: _Found | None = None
        for cue in (cue_after if not words_before or intro else None, governing, cue_before, cue_after):
            if cue is not None and (found is None or found.speaker is None):
                found = self.speaker_of_cue(cue)
        if found is None and not words_before and not words_after:
            found = self.continuation(first, previous) or self.previous_sentence(first)
        if found is None and before and before[-1].text == ":":
            found = self.previous_sentence(first, colon_frame=before)
        self.emit(chain, "direct", found or _Found(None, None, None))
        return found if found is not None and found.speaker is not None else None

    def continuation(self, seg: Segment, previous: tuple[Chain, _Found] | None) -> _Found | None:
        """A bare quote continues the previous attributed quote of the same or the previous paragraph."""
        if previous is None:
            return None
        prev_chain, found = previous
        if prev_chain.segments[-1].paragraph < seg.paragraph - 1:
            return None
        return found

    def previous_sentence(self, seg: Segment, colon_frame: list[Token] | None = None) -> _Found | None:
        """The speaker named in the sentence just before a bare quote (or in a frame ending in a colon).

        A sentence ending in a colon gives the subject of its cue ("Stated Stone:"); another one
        gives its subject only when that is a name or a vague source.
        """
        doc = self.doc
        if colon_frame is not None:
            sentence = colon_frame
        else:
            k = self.last_word_before(seg.open_at)
            for _ in range(2):  # skip photo captions and credit lines between the speaker and the quote
                if k < 0 or not is_credit(doc.text[slice(*self.para_of(doc[k].idx))]):
                    break
                k = self.last_word_before(self.para_of(doc[k].idx)[0])
            if k < 0 or self.in_quote(doc[k]):
                return None
            sentence = [t for t in doc[doc[k].sent.start : k + 1] if not self.in_quote(t)]
            sentence = [t for t in sentence if self.same_paragraph(t, doc[k])]
        if not sentence:
            return None
        if sentence[-1].text == ":":
            cue = self.cue_before(sentence)
            if cue is not None:
                found = self.speaker_of_cue(cue)
                if found.speaker is not None:
                    return found
        root = sentence[-1].sent.root
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is None or self.in_quote(subject):
            return None
        speaker = resolve(subject, self.names)
        if speaker is None or not (speaker.is_name or speaker.vague):
            return None
        return _Found(speaker, None, subject)

    def governing_cue(self, seg: Segment) -> Token | None:
        """The speech verb outside the quote that the quote's words hang on in the parse."""
        doc = self.doc
        inside = doc[self.tok_at(seg.start) : self.tok_at(seg.end - 1) + 1]
        attach = next((t for t in inside if not (seg.start <= t.head.idx < seg.end)), None)
        node = attach.head if attach is not None else None
        for _ in range(10):
            if node is None or (self.in_quote(node) and not (seg.start <= node.idx < seg.end)):
                return None
            if not (seg.start <= node.idx < seg.end) and self.is_cue(node) and node.pos_ != "AUX":
                return node if self.same_paragraph(node, doc[self.tok_at(seg.start)]) else None
            if node.head is node:
                return None
            node = node.head
        return None

    def partial(self, chain: Chain) -> _Found | None:
        cue = self.governing_cue(chain.segments[0])
        found = self.speaker_of_cue(cue) if cue is not None else None
        self.emit(chain, "partial", found or _Found(None, None, None))
        return found if found is not None and found.speaker is not None else None

    def emit(self, chain: Chain, kind: Kind, found: _Found) -> None:
        for seg in chain.segments:
            self.add(seg.start, seg.end, kind, found)

    def add(self, start: int, end: int, kind: Kind, found: _Found) -> None:
        doc = self.doc
        speaker, cue = found.speaker, found.cue
        while end > start and (
            doc.text[end - 1] in ",;:" or (kind == "partial" and doc.text[end - 1] == ".")
        ):
            end -= 1
        quote = Quote(text=doc.text[start:end], start=start, end=end, kind=kind)
        attribution = Attribution(quote)
        if speaker is not None:
            quote.speaker = speaker.text
            quote.speaker_start, quote.speaker_end = speaker.start, speaker.end
            quote.vague = speaker.vague
            attribution.local_start, attribution.local_end = speaker.local_start, speaker.local_end
            if speaker.is_name and found.subject is not None and found.subject.pos_ != "PRON":
                quote.descriptor = descriptor(found.subject, cue)
        if cue is not None:
            attribution.cue_index = cue.i
            quote.cue = _cue_name(cue)
            quote.told = _told(cue)
        self.out.append(attribution)

    # ------------------------------------------------------------ reported speech

    def reported(self) -> None:
        doc = self.doc
        for tok in doc:
            if self.in_quote(tok):
                continue
            lemma = tok.lemma_.lower()
            if tok.lower_ == "according":
                self.according(tok)
            elif lemma in DESCRIBE_VERBS and tok.pos_ == "VERB":
                self.described(tok)
            elif lemma in REPORT_VERBS and tok.pos_ == "VERB":
                clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
                if clause is not None:
                    tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i)]
                    self.indirect(tokens, tok)

    def indirect(self, tokens: list[Token], cue: Token, subject: Token | None = None) -> None:
        tokens = [t for t in tokens if not t.is_space]
        while tokens and (tokens[-1].is_punct and tokens[-1].text not in "”\"'’)"):
            tokens.pop()
        while tokens and tokens[0].is_punct and tokens[0].text not in '“"‘(':
            tokens.pop(0)
        if len(tokens) < 3:
            return
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        if self.overlaps_direct(start, end):
            return
        if subject is None:
            subject = subject_of(cue)
        if subject is None or self.in_quote(subject):
            return
        speaker = resolve(subject, self.names)
        if speaker is None:
            return
        self.add(start, end, "indirect", _Found(speaker, cue, subject))

    def overlaps_direct(self, start: int, end: int) -> bool:
        return any(a.quote.kind == "direct" and a.quote.start < end and start < a.quote.end for a in self.out)

    def according(self, tok: Token) -> None:
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if obj is None:
            return
        sent = tok.sent
        phrase = set(range(tok.left_edge.i, tok.right_edge.i + 1))
        phrase |= {t.i for t in tok.subtree}
        lo, hi = min(phrase), max(phrase)
        at_start = lo - sent.start <= 1
        tokens = list(self.doc[hi + 1 : sent.end]) if at_start else list(self.doc[sent.start : lo])
        self.indirect(tokens, tok, subject=obj)

    def described(self, verb: Token) -> None:
        if not any(c.dep_ == "nsubjpass" for c in verb.children):
            return
        agent = passive_agent(verb)
        as_prep = next((c for c in verb.children if c.lower_ == "as"), None)
        if agent is None or as_prep is None or self.in_quote(agent):
            return
        by = agent.head
        tokens = [t for t in as_prep.subtree if t.i != as_prep.i and not (by.i <= t.i <= by.right_edge.i)]
        if tokens and tokens[-1].i >= by.i:
            tokens = [t for t in tokens if t.i < by.i]
        self.indirect(tokens, verb, subject=agent)

    # ------------------------------------------------------------ finishing

    def finish(self) -> list[Attribution]:
        by_name: dict[str, str] = {}
        for a in self.out:
            q = a.quote
            named = q.speaker is not None and q.speaker_start is not None and not q.vague
            if named and q.speaker_start is not None and q.speaker and q.speaker[:1].isupper():
                q.speaker = self.names.display(q.speaker_start, q.speaker_end or q.speaker_start)
            if q.speaker and q.descriptor and q.speaker not in by_name:
                by_name[q.speaker] = q.descriptor
        kept = []
        seen = set()
        for a in sorted(self.out, key=lambda a: (a.quote.start, a.quote.end, a.quote.kind)):
            q = a.quote
            if q.speaker and q.descriptor is None:
                q.descriptor = by_name.get(q.speaker)
            if q.speaker is None and len(q.text.split()) < _MIN_UNATTRIBUTED_WORDS:
                continue
            key = (q.start, q.end)
            if key in seen:
                continue
            seen.add(key)
            kept.append(a)
        return kept


def _cue_name(cue: Token) -> str:
    if cue.lower_ == "according":
        return "according to"
    lemma = cue.lemma_.lower()
    if any(c.dep_ == "prt" for c in cue.children):
        return lemma + " " + next(c.lower_ for c in cue.children if c.dep_ == "prt")
    return lemma


def _told(cue: Token) -> str | None:
    if cue.lemma_.lower() != "tell":
        return None
    for child in cue.children:
        if child.dep_ in ("dobj", "dative") and (child.pos_ == "PROPN" or child.ent_type_ == "ORG"):
            start = child.i
            while (
                start > 0 and cue.doc[start - 1].dep_ == "compound" and cue.doc[start - 1].head.i == child.i
            ):
                start -= 1
            return cue.doc[start : child.i + 1].text
    return None
