"""A bulletin in a batch: one record per question, so that bulletins and single answers come
out as one uniform stream."""

from __future__ import annotations

import attrs

from .model import Document


def part_documents(document: Document) -> tuple[Document, ...]:
    """The documents a batch writes for one parsed PDF: for a bulletin with parts, its parts
    (each with the bulletin's path, sha256 and page count, and its own `source.page_range`),
    the bulletin's own warnings (a contents line that does not match the body ...) put before the
    first part's; for anything else the document itself."""
    if document.kind != "bulletin" or not document.documents:
        return (document,)
    first, *rest = document.documents
    first = attrs.evolve(first, warnings=(*document.warnings, *first.warnings))
    return (first, *rest)
