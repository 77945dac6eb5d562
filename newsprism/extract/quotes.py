"""Quotes and their speakers: direct, partial and reported speech, from a parsed spaCy ``Doc``.

Direct quotes are found by their marks (:mod:`newsprism.extract.quote_marks`), then attributed
through a cue verb in the text around them ("... ," said Putin / Fallon told Newsweek: "..."),
reading the words after a closing mark by their order first (``"...," said one official``,
``"...," Gene Sperling, a top adviser, said``: frames the small parser often gets wrong), then
by the parse; a bare name before a colon ("Clinton: ...") or the subject of a colon frame; the
outer source when the cue is nested ("..., X said, according to CNN"); a signature line under
the quote ("- Bernie Sanders."); else the previous quote's speaker when only its attribution
sentence stands between them or the paragraph is a bare quote; else the subject of the sentence
just before. Partial quotes take the cue verb they hang on in the parse. Reported speech comes
from cue verbs with a complement clause ("X believes that ..."), "according to X", and passive
descriptions ("described as ... by Russian media"). Reported speech that states nothing -- a
negated or refused cue ("has not said how much ...", "declined to say whether ...") or an indirect
question ("asked whether ...") -- is still an attribution but no claim: :func:`extract_quotes`
leaves it out.

Speed: ``Doc.text`` joins every token on each access, so the text is read once per document,
and token attributes are read as arrays where every token is scanned.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy
from spacy.attrs import IDX, LEMMA, LOWER

from newsprism.extract.entity_rules import TITLE_ABBREVIATIONS
from newsprism.extract.quote_cues import (
    DESCRIBE_VERBS,
    LABEL_NOUNS,
    QUESTION_WORDS,
    REFUSAL_VERBS,
    REPORT_VERBS,
    SPEECH_VERBS,
)
from newsprism.extract.quote_marks import Chain, Segment, find_chains, paragraphs
from newsprism.extract.quote_speakers import (
    NameIndex,
    Speaker,
    descriptor,
    frame_speaker,
    is_credit,
    outer_cue,
    passive_agent,
    resolve,
    subject_of,
    vague_descriptor,
)
from newsprism.model import Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Kind = Literal["direct", "partial", "indirect"]
_SENTENCE_END = frozenset({".", "!", "?"})
#: Words that open a clause of its own after an inserted attribution ("..., he said, but ...").
_JOINING = frozenset({"but", "and", "yet", "while", "although", "though"})
#: Quotes with no speaker shorter than this many words are scare quotes and titles: dropped.
_MIN_UNATTRIBUTED_WORDS = 4
#: How many tokens after the closing mark a cue may sit ("..., the senator from Ohio said").
_CUE_REACH = 30
#: How many tokens after ``,"`` any verb counts as the cue ("Go home," Trump barked).
_ANY_VERB_REACH = 5
#: Longest text between two quotes for the second to continue the first with no cue of its own.
_ADJACENT_CHARS = 200
#: Entity types of capitalised words that never speak ("Monday:", "Iowa:").
_NOT_SPEAKERS = frozenset(
    {"DATE", "TIME", "GPE", "LOC", "NORP", "LANGUAGE", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"}
)
#: A signature line under a quote: a dash and a short name.
_SIGNATURE_RE = re.compile(r"\s*[-—–]\s*[A-Z][\w.'’ -]{1,60}?\.?\s*$")
#: What lies between two quoted phrases of one statement: marks, "and", "or", a comma.
_JOINED_RE = re.compile(r"[\"”“’‘'\s,]*(?:and|or|but)?[\"”“’‘'\s]*")
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’']?(?:\s|$)")


def _ends_sentence(tok: Token) -> bool:
    """A sentence-final mark, but not the period of an abbreviated title or an initial before a name."""
    if tok.text not in _SENTENCE_END:
        return False
    doc = tok.doc
    if tok.text != "." or tok.i == 0 or tok.i + 1 >= len(doc) or doc[tok.i - 1].whitespace_:
        return True
    before, after = doc[tok.i - 1], doc[tok.i + 1]
    abbreviation = before.lower_ in TITLE_ABBREVIATIONS or (len(before) == 1 and before.is_upper)
    return not (abbreviation and after.is_title)


@dataclass(slots=True)
class Attribution:
    """A quote with the evidence behind its speaker (used by the evaluation)."""

    quote: Quote
    cue_index: int | None = None  # token index of the cue
    local_start: int | None = None  # speaker mention next to the cue (a pronoun stays a pronoun)
    local_end: int | None = None
    #: False for reported speech that states nothing: a negated or refused cue, an indirect question
    claim: bool = True


@dataclass(slots=True)
class _Found:
    speaker: Speaker | None
    cue: Token | None
    subject: Token | None


def extract_quotes(doc: Doc) -> list[Quote]:
    """Direct, partial and reported quotes of ``doc`` with speakers, descriptors, cues and spans, in text order.

    Only statements: "X has not said whether ..." and "X declined to say how ..." give none.
    """
    return [a.quote for a in extract_attributions(doc) if a.claim]


def extract_attributions(doc: Doc) -> list[Attribution]:
    """Like :func:`extract_quotes`, keeping the cue token and the cue-local speaker mention, and the
    attributions that are no claims (``claim`` false), as attribution corpora annotate them."""
    return _Extractor(doc).run()


class _Extractor:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = text = doc.text  # Doc.text joins every token on each access: read it once
        self.chains = find_chains(text)
        quoted = []
        for chain in self.chains:
            for seg in chain.segments:
                quoted.append((seg.open_at, (seg.close_at + 1) if seg.close_at is not None else seg.end))
        self.quoted = quoted
        self.names = NameIndex(doc, quoted, text)
        self.paragraphs = paragraphs(text)
        self.para_starts = [s for s, _ in self.paragraphs]
        self.attrs = doc.to_array([IDX, LEMMA, LOWER])  # uint64 columns: char offset, lemma, lower-case
        self.token_starts = self.attrs[:, 0].tolist()
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
            if tok.idx < para_start or self.in_quote(tok) or _ends_sentence(tok):
                break
            if not tok.is_space:  # a no-break space before the mark is a token of its own
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
            if tok.is_space:
                continue
            tokens.append(tok)
            if _ends_sentence(tok):
                break
        inner = self.text[seg.start : seg.end].rstrip("’'\" ")
        words = [t for t in tokens if not (t.is_punct or t.is_space)]
        if inner[-1:] == "." and words and words[0].is_title and words[0].pos_ != "PROPN":
            return []  # "... points." Reluctantly, Brafman said ...: a new sentence, not this quote's frame
        return tokens

    # ------------------------------------------------------------ speakers

    def speaker_of_cue(self, cue: Token, frame: list[Token] | None = None) -> _Found:
        """The speaker of a cue; ``frame`` is the text after a closing mark when the cue sits there."""
        if frame is not None and cue in frame:
            head = frame_speaker(frame, cue)
            speaker = (
                resolve(head, self.names, document=True)
                if head is not None and not self.in_quote(head)
                else None
            )
            if speaker is not None:
                return _Found(speaker, cue, head)
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
            if tok.ent_type_ in ("DATE", "TIME"):
                continue  # "said Wednesday"
            if tok.pos_ == "PROPN" or tok.lower_ in ("he", "she", "they", "i", "we"):
                if cue.lemma_ == "tell" and (tok.i > cue.i or tok.dep_ in ("dobj", "dative", "pobj")):
                    continue
                return tok
        return None

    @staticmethod
    def is_cue(tok: Token) -> bool:
        """A speech verb, "according (to)", or "put it" ("as Foner put it: ...")."""
        if tok.lower_ == "according":
            return True
        if tok.pos_ not in ("VERB", "AUX"):
            return False
        lemma = tok.lemma_.lower()
        return lemma in SPEECH_VERBS or (lemma == "put" and any(c.lower_ == "it" for c in tok.children))

    def colon_name(self, frame: list[Token]) -> _Found | None:
        """The name that a quote is hung on by a bare colon ("Clinton: ...", "- Jeffrey M. Jones: ...")."""
        if len(frame) < 2 or frame[-1].text != ":" or any(self.is_cue(t) for t in frame):
            return None
        name = frame[-2]
        if len(frame) >= 4 and frame[-3].lower_ in ("on", "about", "to", "against"):
            name = frame[0]  # a headline: "CNN President On Trump: ..." is CNN's president speaking
            while name.i + 1 < frame[-1].i and name.doc[name.i + 1].pos_ == "PROPN" and name.pos_ == "PROPN":
                name = name.doc[name.i + 1]
        capitalised = name.is_title and name.pos_ in ("NOUN", "PROPN")
        if not (capitalised or name.pos_ == "PROPN" or name.ent_type_ in ("PERSON", "ORG")):
            return None
        if name.ent_type_ in _NOT_SPEAKERS:
            return None
        speaker = resolve(name, self.names)
        return _Found(speaker, None, name) if speaker is not None else None

    def cue_after(self, seg: Segment, frame: list[Token]) -> Token | None:
        """The cue after a closing mark: a speech verb nearby, or any verb right after ``,"`` ("Trump barked")."""
        for tok in frame[:_CUE_REACH]:
            if self.is_cue(tok):
                return tok
        inner = self.text[seg.start : seg.close_at or seg.end].rstrip("’'\" ")
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
            if speech:
                return speech[-1]
            root = _frame_root(frame) if not _labels(frame) else None
            return root if root is not None and root.pos_ == "VERB" else None
        if frame[-1].text == ",":
            verbs = speech + [t for t in frame if t.pos_ == "VERB" and t.dep_ in ("ROOT", "conj")]
            if verbs:
                return max(verbs, key=lambda t: t.i)
        return speech[-1] if speech else None

    # ------------------------------------------------------------ direct and partial

    def run(self) -> list[Attribution]:
        previous: tuple[Chain, _Found] | None = None  # the last quote with a speaker
        last: Chain | None = None  # the quote just before
        for chain in self.chains:
            found = self.direct_or_partial(chain, previous, last)
            if found is not None:
                previous = (chain, found)
            last = chain
        self.reported()
        return self.finish()

    def direct_or_partial(
        self, chain: Chain, previous: tuple[Chain, _Found] | None, last: Chain | None
    ) -> _Found | None:
        first, last_seg = chain.segments[0], chain.segments[-1]
        before, after = self.frame_before(first), self.frame_after(last_seg)
        words_before = [t for t in before if not t.is_punct]
        words_after = [t for t in after if not t.is_punct]
        intro = bool(before) and before[-1].text in (":", ",")
        cue_after, cue_before = self.cue_after(last_seg, after), self.cue_before(before)
        direct = len(chain.segments) > 1 or not words_before or intro
        direct = direct or (cue_before is not None and before[-1].i == cue_before.i)
        if not direct:
            return self.partial(chain, previous if previous is not None and previous[0] is last else None)
        governing = self.governing_cue(first)
        found: _Found | None = self.colon_name(before)
        for cue in (cue_after if not words_before or intro else None, governing, cue_before, cue_after):
            if cue is not None and (found is None or found.speaker is None):
                found = self.speaker_of_cue(cue, after)
        outer = self.outer_source(before + after)
        if outer is not None and found is not None and found.speaker is not None:
            found = outer  # "..., X said, according to CNN": the annotated source is the outer one
        if found is None and not words_after:
            found = self.signature(last_seg)
        if found is None and not words_before:
            if previous is not None and last is previous[0] and self.adjacent(first, last):
                found = previous[1]  # "X," Cruz said. "Y." -- or the next paragraph opens with a bare quote
            elif not words_after:
                found = self.continuation(first, previous) or self.previous_sentence(first)
        if found is None and before and before[-1].text == ":":
            found = self.previous_sentence(first, colon_frame=before)
        self.emit(chain, "direct", found or _Found(None, None, None))
        return found if found is not None and found.speaker is not None else None

    def outer_source(self, frame: list[Token]) -> _Found | None:
        """The source of "according to X" around a quote's own cue, the outer of two nested attributions."""
        according = next((t for t in frame if t.lower_ == "according"), None)
        if according is None:
            return None
        found = self.speaker_of_cue(according)
        return found if found.speaker is not None else None

    def signature(self, seg: Segment) -> _Found | None:
        """A quote signed on the next line ("- Bernie Sanders."), as fact-checks and letters do."""
        if seg.paragraph + 1 >= len(self.paragraphs):
            return None
        start, end = self.paragraphs[seg.paragraph + 1]
        if not _SIGNATURE_RE.match(self.text, start, end):
            return None
        for i in range(self.tok_at(start), len(self.doc)):
            tok = self.doc[i]
            if tok.idx >= end:
                break
            if tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON":
                speaker = resolve(tok, self.names)
                return _Found(speaker, None, tok) if speaker is not None else None
        return None

    def adjacent(self, seg: Segment, last: Chain) -> bool:
        """Whether at most the attribution sentence of ``last`` ("..., he said.") stands between it and ``seg``."""
        tail = last.segments[-1]
        end = tail.close_at or tail.end
        between = self.text[end + 1 : seg.open_at]
        if len(between) > _ADJACENT_CHARS or between.rstrip().endswith(":"):
            return False  # a colon introduces a speaker of its own ("He then declared:")
        ends = len(_SENTENCE_END_RE.findall(between))
        closed = self.text[tail.start : tail.end].rstrip()[-1:] in _SENTENCE_END
        return ends == 1 or (ends == 0 and ("\n" in between or closed))

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

        A sentence ending in a colon gives the subject of its cue ("Stated Stone:"), else of its
        main verb; another one gives its subject only when that is a name or a vague source.
        """
        doc = self.doc
        if colon_frame is not None:
            sentence = colon_frame
        else:
            k = self.last_word_before(seg.open_at)
            for _ in range(2):  # skip photo captions and credit lines between the speaker and the quote
                if k < 0 or not is_credit(self.text[slice(*self.para_of(doc[k].idx))]):
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
        root = _frame_root(sentence) if sentence[-1].text == ":" else sentence[-1].sent.root
        if root is None:
            return None
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is None or self.in_quote(subject):
            return None
        speaker = resolve(subject, self.names)
        # "Sanders delivered a snappy retort:" introduces its subject's words; "... with the hashtag:" does not
        colon = sentence[-1].text == ":" and not _labels(sentence)
        if speaker is None or not (speaker.is_name or speaker.vague or colon):
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

    def partial(self, chain: Chain, before: tuple[Chain, _Found] | None = None) -> _Found | None:
        """A quoted phrase inside a sentence, given to the speaker of its cue; ``before``: the quote
        just before it, with its speaker, which a phrase joined to it by "and" / "or" shares
        (called it "broad-based" and "not a one-off")."""
        cue = self.governing_cue(chain.segments[0])
        found = self.speaker_of_cue(cue) if cue is not None else None
        if (found is None or found.speaker is None) and before is not None:
            gap = self.text[before[0].segments[-1].end : chain.segments[0].start]
            if _JOINED_RE.fullmatch(gap):
                found = before[1]
        self.emit(chain, "partial", found or _Found(None, None, None))
        return found if found is not None and found.speaker is not None else None

    def emit(self, chain: Chain, kind: Kind, found: _Found) -> None:
        for seg in chain.segments:
            self.add(seg.start, seg.end, kind, found)

    def add(self, start: int, end: int, kind: Kind, found: _Found, claim: bool = True) -> None:
        text = self.text
        speaker, cue = found.speaker, found.cue
        while end > start and (text[end - 1] in ",;:" or (kind == "partial" and text[end - 1] == ".")):
            end -= 1
        if not any(ch.isalnum() for ch in text[start:end]):
            return  # marks around punctuation only ("X: “:"): nothing was said
        quote = Quote(text=text[start:end], start=start, end=end, kind=kind)
        attribution = Attribution(quote, claim=claim)
        if speaker is not None:
            quote.speaker = speaker.text
            quote.speaker_start, quote.speaker_end = speaker.start, speaker.end
            quote.vague = speaker.vague
            attribution.local_start, attribution.local_end = speaker.local_start, speaker.local_end
            if speaker.is_name and found.subject is not None and found.subject.pos_ != "PRON":
                quote.descriptor = descriptor(found.subject, cue)
            elif speaker.vague and found.subject is not None:
                quote.descriptor = vague_descriptor(found.subject)
        if cue is not None:
            attribution.cue_index = cue.i
            quote.cue = _cue_name(cue)
            quote.told = _told(cue)
        self.out.append(attribution)

    # ------------------------------------------------------------ reported speech

    def reported(self) -> None:
        doc = self.doc
        for i in self._candidates():
            tok = doc[i]
            if self.in_quote(tok):
                continue
            lemma = tok.lemma_.lower()
            if tok.lower_ == "according":
                self.according(tok)
            elif lemma in DESCRIBE_VERBS and tok.pos_ == "VERB":
                self.described(tok)
            elif lemma in REPORT_VERBS and tok.pos_ == "VERB":
                clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
                if clause is None and tok.dep_ == "parataxis" and tok.head.pos_ in ("VERB", "AUX"):
                    # "The tariff, the ministry said, would stay": the sentence around the cue
                    inserted = [t.i for t in tok.subtree]
                    around = list(tok.head.subtree)
                    before = [t for t in around if t.i < inserted[0]]
                    after = [t for t in around if t.i > inserted[-1]]
                    claim = not _withheld(tok)
                    words = [t for t in after if not (t.is_punct or t.is_space)]
                    joined = (
                        bool(words) and words[0].lower_ in _JOINING
                    )  # ", but she cautioned that ...": a clause of its own
                    self.indirect(before if joined or len(before) >= len(after) else after, tok, claim=claim)
                elif clause is not None:
                    said_too = {t.i for c in clause.children if outer_cue(c) for t in c.subtree}
                    tokens = [
                        t
                        for t in clause.subtree
                        if t.i not in said_too
                        and not (t.dep_ == "mark" and t.head.i == clause.i)
                        and not (t.dep_ == "cc" and t.i + 1 in said_too)
                    ]
                    self.indirect(tokens, tok, claim=not (_withheld(tok) or _asks(clause)))

    def _candidates(self) -> list[int]:
        """Indices of the tokens that may start reported speech (a cue lemma or "according"), in order.

        Read from the lemma/lower arrays so that the tokens of the document are not all materialised.
        """
        strings = self.doc.vocab.strings
        wanted = REPORT_VERBS | DESCRIBE_VERBS | {"according"}
        ids = {int(v) for v in numpy.unique(self.attrs[:, 1:3]) if strings[int(v)].lower() in wanted}
        if not ids:
            return []
        hit = numpy.isin(self.attrs[:, 1], list(ids)) | numpy.isin(self.attrs[:, 2], list(ids))
        return [int(i) for i in numpy.flatnonzero(hit)]

    def indirect(
        self, tokens: list[Token], cue: Token, subject: Token | None = None, claim: bool = True
    ) -> None:
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
        self.add(start, end, "indirect", _Found(speaker, cue, subject), claim)

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
        self.indirect(tokens, verb, subject=agent, claim=not _withheld(verb))

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


def _labels(frame: list[Token]) -> bool:
    """Whether a frame ends in a noun naming a cited text and a colon ("... with the hashtag:")."""
    return len(frame) > 1 and frame[-1].text == ":" and frame[-2].lemma_.lower() in LABEL_NOUNS


def _frame_root(frame: list[Token]) -> Token | None:
    """The main verb of the words before a quote: the first verb whose head lies outside them.

    The parser often hangs such a frame on a verb inside the quote, so the sentence root will not do.
    """
    inside = {t.i for t in frame}
    tops = [t for t in frame if t.head.i not in inside or t.head.i == t.i]
    return next((t for t in tops if t.pos_ in ("VERB", "AUX")), None)


#: Dependencies on the way from a question word to its clause that put the word in a clause of its
#: own ("said when he arrived, the door was locked", "said what happened was a crime").
_NOT_QUESTION_DEPS = frozenset({"advcl", "relcl", "acl", "csubj", "nsubj", "nsubjpass"})


def _negated(verb: Token) -> bool:
    """Whether a verb carries its own negation ("not", "n't", "never", "neither ... nor"), not
    "not only" ("not only said that ... but also")."""
    doc = verb.doc
    return any(
        (c.dep_ == "neg" and not (c.i + 1 < len(doc) and doc[c.i + 1].lower_ == "only"))
        or (c.dep_ == "preconj" and c.lower_ == "neither")
        for c in verb.children
    )


def _withheld(cue: Token) -> bool:
    """Whether a cue verb says nothing: negated ("has not said", "wouldn't confirm"), governed by a
    refusal ("declined to say", "refused to disclose", "has yet to say"), or joined by "or" to a
    negated verb ("did not confirm or deny"). Two such marks cancel ("did not hesitate to say").
    A negated belief is no claim either: its clause alone would state the opposite."""
    flips, verb = 0, cue
    for _ in range(4):
        flips += _negated(verb)
        if verb is not cue:
            flips += verb.lemma_.lower() in REFUSAL_VERBS
            flips += any(c.dep_ == "advmod" and c.lower_ == "yet" for c in verb.children)
        joined = verb.dep_ == "conj" and any(
            c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in verb.head.children
        )
        if verb.head is verb or not (verb.dep_ == "xcomp" or joined):
            break
        verb = verb.head
    return flips % 2 == 1


def _asks(clause: Token) -> bool:
    """Whether a complement clause is an indirect question ("whether ...", "how much ...", "what ..."):
    the words of a question claim nothing."""
    marks = [c.lower_ for c in clause.children if c.dep_ == "mark"]
    if "whether" in marks or "if" in marks:
        return True
    first = next((t for t in clause.subtree if not t.is_punct), None)
    if first is None or first.lower_ not in QUESTION_WORDS or not first.tag_.startswith("W") or marks:
        return False
    node = first
    for _ in range(10):
        if node.i == clause.i:
            return True
        if node.dep_ in _NOT_QUESTION_DEPS or node.head is node:
            return False
        node = node.head
    return False


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
