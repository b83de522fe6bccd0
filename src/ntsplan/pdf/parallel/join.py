"""Join the PDFs of the parts into the one document a single process would have written.

pikepdf (qpdf) does the copying: pages with their resources, fonts and annotations, and
any object they point to, each copied once per part (qpdf maps a part's objects to their
copies, so a page referred to from the tag tree, the outline and a destination stays one
page). On top of the pages, this module makes one of each document-wide structure:

- the named destinations (``/Dests``): every anchor from the part that holds it, the
  first one winning as in WeasyPrint, so links between parts work; the stand-in anchors
  a part added for links into other parts are dropped;
- the outline (bookmarks): the parts' top-level entries in one chain;
- the tag tree (tagged PDF): one ``/Document`` element whose children are the parts'
  in document order, and one ``/ParentTree`` numbered as WeasyPrint numbers it in one
  process: page *n* has ``/StructParents`` *n*, and the annotations follow the pages;
- the catalog's ``/Lang``, ``/MarkInfo``, ``/ViewerPreferences``, XMP metadata, output
  intents and the document information come from the first part (all parts are written
  with the same metadata).

The file is written with qpdf's deterministic ``/ID`` and object streams, so the same
parts give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pikepdf


@dataclass(frozen=True, slots=True)
class JoinPart:
    """One part's PDF and the names of its stand-in anchors."""

    data: bytes
    stubs: frozenset[str]


def join_parts(parts: Sequence[JoinPart]) -> bytes:
    """One PDF from the parts' PDFs, in order."""
    if not parts:
        raise ValueError("nothing to join")
    sources = [pikepdf.open(io.BytesIO(part.data)) for part in parts]
    base = sources[0]
    counts = [len(source.pages) for source in sources]
    total = sum(counts)
    annots_before = 0
    tagged = "/StructTreeRoot" in base.Root
    numbers: list[tuple[int, Any]] = []
    dests: dict[str, Any] = {}
    page_offset = 0
    for index, (source, part) in enumerate(zip(sources, parts, strict=True)):
        if index > 0:
            _retag_fonts(source, index)
            with warnings.catch_warnings():
                # The warning says named destinations are not carried: they are, below.
                warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
                base.pages.extend(source.pages)
        local_pages = counts[index]
        copy = _identity if index == 0 else _copier(base, source)
        for name, dest in _dests(source):
            if name not in part.stubs and name not in dests:
                dests[name] = copy(dest)
        if tagged:
            parent_tree = _parent_tree(source)
            for key in sorted(parent_tree):
                value = copy(parent_tree[key])
                if key < local_pages:
                    numbers.append((page_offset + key, value))
                else:
                    numbers.append((total + annots_before + key - local_pages, value))
            annots_before += len([key for key in parent_tree if key >= local_pages])
            if index > 0:
                _adopt_structure(base, source, copy)
        if index > 0:
            _append_outline(base, source)
        page_offset += local_pages

    if tagged:
        _renumber(base, counts, total)
        numbers.sort(key=lambda item: item[0])
        nums = pikepdf.Array()
        for key, value in numbers:
            nums.append(key)
            nums.append(value)
        base.Root.StructTreeRoot.ParentTree = base.make_indirect(pikepdf.Dictionary(Nums=nums))
    _write_dests(base, dests)
    out = io.BytesIO()
    base.save(
        out,
        deterministic_id=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        compress_streams=True,
        fix_metadata_version=False,  # the XMP stays as WeasyPrint wrote it
    )
    for source in sources:
        source.close()
    return out.getvalue()


def _identity(obj: Any) -> Any:
    return obj


def _copier(base: pikepdf.Pdf, source: pikepdf.Pdf) -> Any:
    """Copy an object of ``source`` into ``base`` (qpdf copies only indirect objects, so a
    direct one is made indirect in the source first)."""

    def copy(obj: Any) -> Any:
        if isinstance(obj, pikepdf.Object) and not obj.is_indirect:
            obj = source.make_indirect(obj)
        return base.copy_foreign(obj)

    return copy


def _dests(pdf: pikepdf.Pdf) -> list[tuple[str, Any]]:
    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return []
    tree = pikepdf.NameTree(names.Dests)
    return [(str(name), tree[name]) for name in tree]


def _write_dests(base: pikepdf.Pdf, dests: dict[str, Any]) -> None:
    """One flat, sorted name tree, as WeasyPrint writes it."""
    if not dests:
        return
    flat = pikepdf.Array()
    for name in sorted(dests):
        flat.append(pikepdf.String(name))
        flat.append(dests[name])
    names = base.Root.get("/Names")
    if names is None:
        base.Root.Names = pikepdf.Dictionary()
    base.Root.Names.Dests = base.make_indirect(pikepdf.Dictionary(Names=flat))


def _parent_tree(pdf: pikepdf.Pdf) -> dict[int, Any]:
    tree = pdf.Root.StructTreeRoot.get("/ParentTree")
    if tree is None:
        return {}
    number_tree = pikepdf.NumberTree(tree)
    return {int(key): number_tree[key] for key in number_tree}


def _adopt_structure(base: pikepdf.Pdf, source: pikepdf.Pdf, copy: Any) -> None:
    """Append the part's top-level structure elements to the base's ``/Document``."""
    document = base.Root.StructTreeRoot.K[0]
    kids = source.Root.StructTreeRoot.K[0].get("/K")
    if kids is None:
        return
    for kid in copy(kids):
        if isinstance(kid, pikepdf.Dictionary):
            kid.P = document
        document.K.append(kid)


def _renumber(base: pikepdf.Pdf, counts: Sequence[int], total: int) -> None:
    """``/StructParents`` of page *n* is *n*; annotations are numbered from ``total`` on,
    part after part, in the order each part numbered them."""
    annots_before = 0
    page_index = 0
    for count in counts:
        local_annots: list[Any] = []
        for local in range(count):
            page = base.pages[page_index].obj
            if "/StructParents" in page:
                page.StructParents = page_index
            for annot in page.get("/Annots", ()):
                if "/StructParent" in annot:
                    local_annots.append(annot)
            page_index += 1
            del local
        for annot in local_annots:
            annot.StructParent = total + annots_before + int(annot.StructParent) - count
        annots_before += len(local_annots)


def _retag_fonts(source: pikepdf.Pdf, index: int) -> None:
    """Give the part's font subsets tags of their own.

    WeasyPrint names a subset after the font (``HUHQIP+Noto-Sans``), so every part has
    a subset of the same name with other glyphs; the PDF standard asks different subsets
    in one file to have different tags, and some viewers cache fonts by name. The new tag
    is derived from the old one and the part's place, so it is the same in every build.
    Called before the part's pages are copied.
    """
    for page in source.pages:
        resources: Any = page.obj.get("/Resources", pikepdf.Dictionary())
        fonts: Any = resources.get("/Font", pikepdf.Dictionary())
        for font in fonts.values():
            for holder in _font_name_holders(font):
                name = str(holder.get("/BaseFont", holder.get("/FontName", "")))
                tag, plus, rest = name.lstrip("/").partition("+")
                if not plus or len(tag) != 6:
                    continue
                new = "/" + _subset_tag(tag, index) + "+" + rest
                key = "/BaseFont" if "/BaseFont" in holder else "/FontName"
                holder[key] = pikepdf.Name(new)
        break  # WeasyPrint gives all pages one resource dictionary


def _font_name_holders(font: Any) -> list[Any]:
    holders = [font]
    for descendant in font.get("/DescendantFonts", ()):
        holders.append(descendant)
        if "/FontDescriptor" in descendant:
            holders.append(descendant.FontDescriptor)
    if "/FontDescriptor" in font:
        holders.append(font.FontDescriptor)
    return holders


def _subset_tag(tag: str, index: int) -> str:
    digest = hashlib.sha256(f"{tag}:{index}".encode()).digest()
    return "".join(chr(ord("A") + byte % 26) for byte in digest[:6])


def _append_outline(base: pikepdf.Pdf, source: pikepdf.Pdf) -> None:
    """Chain the part's top-level bookmarks after the base's."""
    outlines = source.Root.get("/Outlines")
    if outlines is None or "/First" not in outlines:
        return
    first = base.copy_foreign(outlines.First)
    last = base.copy_foreign(outlines.Last)  # the same copy as in the chain from First
    root: Any
    if "/Outlines" not in base.Root or "/First" not in base.Root.Outlines:
        root = base.make_indirect(pikepdf.Dictionary(Count=0))
        base.Root.Outlines = root
        root.First = first
    else:
        root = base.Root.Outlines
        previous = root.Last
        previous.Next = first
        first.Prev = previous
    root.Last = last
    item: Any = first
    while item is not None:
        item.Parent = root
        item = item.get("/Next")
    root.Count = int(root.Count) + int(outlines.get("/Count", 0))
