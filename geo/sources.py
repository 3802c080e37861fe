"""The works behind what a picture shows, each named once and spelt one way (``data/works.json``): a
source text may cite several works, cite one in a shorter form, or list places in brackets; a footer names
the works."""

from __future__ import annotations

import re

from .catalogue import works

DATED = re.compile(r"\([^()]*\b(1[89]|20)\d\d\)")  # a work's bracket: '(US Army CMH, 1961)', '(1959)'


def works_cited(source: str) -> list[str]:
    """The works ``source`` cites, spelt as the bibliography spells them, in the order it cites them;
    works the credits line names are left to it. A source that names no work of the bibliography but
    credited ones (a teacher's own layer) is cited as written, each citation up to the end of its first
    bracket; so is a citation with a dated bracket beside known works. Other parts carry on the
    citation before them ('...; the second battle of Maryang-san') and name no work."""
    parts = _citations(source)
    known = [_known(part) for part in parts]
    names_a_work = any(cite for k in known for cite in k)
    cited = [
        cite
        for part, k in zip(parts, known)
        for cite in (k or ([as_written(part)] if not names_a_work or DATED.search(part) else []))
    ]
    return [cite for cite in dict.fromkeys(cited) if cite]


def _known(citation: str) -> list[str]:
    """The bibliography's works a citation mentions ('' for a credited one), in the order it mentions
    them. In a citation with a dated bracket, a work counts only if its year is there too: 'Smith, On
    reading South to the Naktong (Blog, 2020)' is Smith's, not Appleman's."""
    dated = DATED.search(citation)
    mentioned = sorted(
        (citation.find(name), "" if work.get("credited") else work["cite"])
        for work in works()
        for name in work["names"]
        if name in citation and (not dated or _year(work["cite"]) in citation)
    )
    return [cite for _, cite in mentioned]


def _year(cite: str) -> str:
    years = re.findall(r"\b(?:1[89]|20)\d\d\b", cite)
    return years[-1] if years else ""


def _citations(source: str) -> list[str]:
    """The parts of a source separated by ';' outside brackets (one pass: a long source stays quick)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(source):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
    parts.append(source[start:])
    return [part.strip() for part in parts if part.strip()]


def as_written(citation: str) -> str:
    """'Smith, A History (Press, 1990), chapter 3' -> 'Smith, A History (Press, 1990)'; without a bracket,
    the citation up to its subject ('Smith: the retreat' -> 'Smith')."""
    citation = citation.strip().rstrip(".")
    close = citation.find(")")
    if close > 0 and citation.find("(") < close:
        return citation[: close + 1]
    subject = [i for i in (citation.find(":"), citation.find(", on "), citation.find(", narrative")) if i > 0]
    return citation[: min(subject, default=len(citation))]
