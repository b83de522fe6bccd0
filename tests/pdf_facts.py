"""What a reader and assistive technology get from a PDF, as plain values to compare.

Used to check that the PDF rendered in parts and joined is the same document as the one
rendered in one process: text per page, outline, links and their targets, named
destinations, metadata and the tag tree.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pikepdf


def page_texts(pdf: Path) -> list[str]:
    """The text of every page, as pdftotext lays it out."""
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout.split("\f")[:-1]


def _page_index(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    return {page.obj.objgen: index for index, page in enumerate(pdf.pages)}


def _dest_page(dest: Any, pages: dict[tuple[int, int], int]) -> tuple[int, int, int]:
    return (pages[dest[0].objgen], round(float(dest[2])), round(float(dest[3])))


def outline(pdf: pikepdf.Pdf) -> list[tuple[int, str, tuple[int, int, int]]]:
    """(depth, title, (page, x, y)) for every bookmark, in order."""
    pages = _page_index(pdf)
    found: list[tuple[int, str, tuple[int, int, int]]] = []

    def walk(item: Any, depth: int) -> None:
        while item is not None:
            found.append((depth, str(item.Title), _dest_page(item.Dest, pages)))
            if "/First" in item:
                walk(item.First, depth + 1)
            item = item.get("/Next")

    root = pdf.Root.get("/Outlines")
    if root is not None and "/First" in root:
        walk(root.First, 0)
        assert int(root.Count) == len([f for f in found if f[0] == 0]) or int(root.Count) > 0
    return found


def named_dests(pdf: pikepdf.Pdf) -> dict[str, tuple[int, int, int]]:
    pages = _page_index(pdf)
    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return {}
    tree = pikepdf.NameTree(names.Dests)
    return {str(name): _dest_page(tree[name], pages) for name in tree}


def links(pdf: pikepdf.Pdf) -> list[tuple[int, tuple[int, ...], str]]:
    """(page, rectangle, target) of every link; an internal target is resolved to the
    page and position it leads to."""
    dests = named_dests(pdf)
    found = []
    for index, page in enumerate(pdf.pages):
        for annot in page.obj.get("/Annots", ()):
            if annot.get("/Subtype") != "/Link":
                continue
            rect = tuple(round(float(v)) for v in annot.Rect)
            if "/Dest" in annot:
                name = str(annot.Dest)
                target = f"#{name} -> {dests.get(name, 'MISSING')}"
            else:
                target = str(annot.A.URI)
            found.append((index, rect, target))
    return found


def document_facts(pdf: pikepdf.Pdf) -> dict[str, Any]:
    info = {str(k): str(v) for k, v in pdf.docinfo.items()}
    root = pdf.Root
    return {
        "info": info,
        "lang": str(root.get("/Lang", "")),
        "markinfo": str(root.get("/MarkInfo", "")),
        "viewer": str(root.get("/ViewerPreferences", "")),
        "xmp": bytes(root.Metadata.read_bytes()) if "/Metadata" in root else b"",
        "pagelabels": str(root.get("/PageLabels", "")),
        "version": pdf.pdf_version,
    }


def tag_tree(pdf: pikepdf.Pdf) -> list[Any]:
    """The structure tree as nested (type, page, children) with marked content resolved to
    (page, mcid) and annotations to their link targets; checks the ParentTree on the way:
    every marked content and annotation maps back to the element that holds it."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return []
    pages = _page_index(pdf)
    parent_tree = pikepdf.NumberTree(root.ParentTree)
    parents = {int(k): parent_tree[k] for k in parent_tree}
    seen_mcids: set[tuple[int, int]] = set()

    def page_of(element: Any) -> int | None:
        return pages[element.Pg.objgen] if "/Pg" in element else None

    def walk(element: Any, parent: Any) -> Any:
        if isinstance(element, int):
            return ("mcid", element)
        if element.get("/Type") == "/OBJR":
            annot = element.Obj
            key = int(annot.StructParent)
            assert parents[key].objgen == parent.objgen, "annotation not mapped to its element"
            return ("annot", str(annot.get("/Dest", annot.get("/A", {}).get("/URI", ""))))
        if element.get("/Type") == "/MCR":
            return ("mcr", int(element.MCID))
        page = page_of(element)
        kids = element.get("/K", pikepdf.Array())
        if not isinstance(kids, pikepdf.Array):
            kids = pikepdf.Array([kids])
        children = []
        for kid in kids:
            if isinstance(kid, int):
                assert page is not None
                page_obj = pdf.pages[page].obj
                mapped = parents[int(page_obj.StructParents)][int(kid)]
                assert mapped.objgen == element.objgen, "marked content not mapped back"
                seen_mcids.add((page, int(kid)))
                children.append(("mcid", int(kid)))
            else:
                assert isinstance(kid, int) or "/P" not in kid or kid.P.objgen == element.objgen
                children.append(walk(kid, element))
        attributes = element.get("/A")
        extra = ""
        if attributes is not None and "/ColSpan" in attributes:
            extra = f"colspan={int(attributes.ColSpan)}"
        return (str(element.S), page, extra, str(element.get("/Alt", "")), children)

    tree = [walk(kid, root.K[0]) for kid in root.K[0].K]
    # No orphaned marked content: every entry of every page's ParentTree array is reached.
    for index, page in enumerate(pdf.pages):
        if "/StructParents" in page.obj:
            assert int(page.obj.StructParents) == index
            array = parents[index]
            for mcid in range(len(array)):
                element = array[mcid]
                if (index, mcid) not in seen_mcids:
                    # Margin boxes (header, footer) are mapped but not linked into the tree,
                    # as WeasyPrint does in one process.
                    assert "/P" in element
    return tree
