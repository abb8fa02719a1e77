"""What a clause says about its action: negated, planned or hedged, background or current.

These read the dependency parse around a trigger.  They are small on purpose: each answers one
question the coder asks ("is this meeting real or only planned?") and can be tested on a
hand-built sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

MODAL_AUX = {"will", "would", "shall", "may", "might", "could", "can", "'ll", "wo"}
INTENT_HEADS = {
    "plan", "expect", "agree", "want", "hope", "intend", "aim", "seek", "decide", "pledge",
    "promise", "vow", "wish", "keen", "ready", "willing", "eager", "set", "schedule", "due",
    "likely", "invite", "propose", "offer", "commit", "prepare", "resolve", "determined", "need",
    "call", "urge", "ask", "try",
}
SPEECH_VERBS = {"say", "announce", "tell", "state", "add", "note", "report", "declare", "write", "claim", "confirm"}
NEGATORS = {"not", "n't", "never", "no", "neither", "nor", "without"}
HEDGES = {"may", "might", "could"}
FUTURE_MODIFIERS = {"upcoming", "planned", "next", "future", "proposed", "forthcoming", "possible", "return"}


def clause_verb(token):
    """The verb that governs ``token``: itself if it is a verb, else the nearest verbal head."""
    current = token
    for _ in range(6):
        if current.pos_ in {"VERB", "AUX"} or current.dep_ == "ROOT":
            return current
        if current.head is current:
            return current
        current = current.head
    return current


def is_negated(token) -> bool:
    """True when the trigger or the verbs above it are negated ("did not meet", "no plans to")."""
    current = token
    for _ in range(3):
        if any(child.dep_ == "neg" or child.lower_ in NEGATORS and child.dep_ in {"det", "advmod"} for child in current.children):
            return True
        if current.dep_ not in {"xcomp", "acomp", "dobj", "pobj", "prep", "amod", "compound"} or current.head is current:
            return False
        current = current.head
    return False


def is_modal(token) -> bool:
    """True when the act is planned, promised, wanted or hypothetical rather than done."""
    verb = clause_verb(token)
    if any(child.dep_ in {"amod", "compound"} and child.lower_ in FUTURE_MODIFIERS for child in token.children):
        return True
    current = verb
    for _ in range(3):
        aux = [c for c in current.children if c.dep_ in {"aux", "auxpass"}]
        if any(a.lower_ in MODAL_AUX for a in aux):
            return True
        if any(a.lower_ == "to" for a in aux) and current.dep_ in {"xcomp", "advcl", "acl", "ccomp", "relcl"}:
            head = current.head
            if head.lemma_.lower() in INTENT_HEADS or head.lemma_ == "be" or head.pos_ == "ADJ":
                return True
        if current.lemma_ == "go" and any(c.lower_ == "to" for c in current.children):
            return True
        if current.dep_ not in {"xcomp", "conj", "ccomp", "acomp"} or current.head is current:
            break
        current = current.head
        if current.lemma_.lower() in SPEECH_VERBS:
            break
        if current.lemma_.lower() in INTENT_HEADS and current.dep_ != "ROOT" and current.lemma_ != "agree":
            return True
    return False


def is_perfect(token) -> bool:
    """True for present or past perfect ("have signed", "has said that…"): background, not the occasion."""
    verb = clause_verb(token)
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
            return True
        if verb.dep_ not in {"ccomp", "xcomp"} or verb.head is verb:
            return False
        verb = verb.head
    return False


def is_background_clause(token) -> bool:
    """A clause that only sets the scene: "after the two sides agreed…", "a deal struck earlier"."""
    verb = clause_verb(token)
    for _ in range(4):
        if verb.dep_ in {"relcl", "acl", "pcomp"}:
            return True
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {"after", "before", "since", "when", "as"} for c in verb.children):
            return True
        if verb.dep_ == "ROOT" or verb.head is verb:
            return False
        verb = verb.head
    return False


def in_quote(sent, token) -> bool:
    """True when the trigger stands inside quotation marks in its sentence."""
    opened = False
    for tok in sent:
        if tok.i >= token.i:
            return opened
        if tok.text in {"“", "\"", "‘"}:
            opened = not opened if tok.text == "\"" else True
        elif tok.text in {"”", "’"} and len(tok.text) == 1 and tok.text == "”":
            opened = False
    return opened


def subject_tokens(verb) -> list:
    """Tokens of the subject of ``verb``, following xcomp/conj chains up to a verb that has one."""
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in {"nsubj", "csubj", "expl"}]
        agents = [c for c in current.children if c.dep_ == "agent"]
        found = []
        for s in subjects:
            found.extend(s.subtree)
        for a in agents:
            found.extend(a.subtree)
        if found:
            return found
        if any(c.dep_ == "nsubjpass" for c in current.children):
            return []  # a passive without "by …": the one acted on is not the actor
        if current.dep_ not in {"xcomp", "conj", "advcl", "acomp", "acl", "relcl"} or current.head is current:
            return []
        if current.dep_ in {"acl", "relcl"}:
            return list(current.head.subtree) if current.head.pos_ in {"PROPN", "NOUN"} else []
        current = current.head
    return []


def quotations(words: Sequence[str]) -> list[tuple[int, int]]:
    """(opening, closing) positions of the quotations among a document's token texts.

    A quotation may span sentences, so this reads the whole document's ``words``.
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, word in enumerate(words):
        if word == "“" or word == '"' and start is None:
            start = i if start is None else start
        elif word in {"”", '"'} and start is not None:
            spans.append((start, i))
            start = None
    return spans


def attribution(doc, opening: int, closing: int) -> set[int]:
    """Subject tokens of the speech verb a quotation is attributed to.

    The attribution follows the closing mark in its sentence ("…,” said X) or precedes the
    opening mark in its sentence (X said: “…”).
    """
    after = doc[closing].sent
    before = doc[opening].sent
    candidates = [t for t in after if t.i > closing] + [t for t in before if t.i < opening]
    for tok in candidates:
        if tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in SPEECH_VERBS:
            speakers = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if not speakers and tok.i > closing:  # '…,” said Silva': the parser may take the speaker for an object
                speakers = [c for c in tok.rights if c.pos_ in {"PROPN", "NOUN"}][:1]
            subject = {t.i for c in speakers for t in c.subtree}
            if subject:
                return subject
    return set()


# Nouns for a statement already reported: "made the announcement", "gave the remarks".
ANNOUNCEMENT_NOUNS = {"announcement", "statement", "remark", "declaration", "comment"}
ANAPHORIC_OBJECTS = {"this", "that", "it", "so"}


def announces_previous(sent) -> set[int]:
    """Subject tokens of a sentence that only says who announced what came before.

    "X made the announcement on Tuesday", "X said this when …": the act was reported in the
    sentence before, and this one names the person who made it known.
    """
    root = sent.root
    if root.lemma_.lower() not in SPEECH_VERBS | {"make", "deliver", "issue"}:
        return set()
    objects = [c for c in root.children if c.dep_ in {"dobj", "attr"}]
    anaphoric = any(
        o.lower_ in ANAPHORIC_OBJECTS
        or o.lemma_.lower() in ANNOUNCEMENT_NOUNS and any(d.lower_ in {"the", "this", "that"} for d in o.children)
        for o in objects
    )
    if not anaphoric:
        return set()
    return {t.i for c in root.children if c.dep_ == "nsubj" for t in c.subtree}


REMARK_NOUNS = {"remark", "comment", "statement", "speech"}
MEETING_NOUNS = {"meeting", "talk", "summit", "call", "conference", "visit", "session"}


def remarks_at_meeting(sent) -> bool:
    """"His remarks came during a meeting with …": what the sentence before reported was said there."""
    root = sent.root
    subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not any(s.lemma_.lower() in REMARK_NOUNS for s in subjects):
        return False
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ in {"during", "at", "on"}:
            if any(o.lemma_.lower() in MEETING_NOUNS or o.lemma_.lower() == "sideline" for o in prep.children if o.dep_ == "pobj"):
                return True
    return False
