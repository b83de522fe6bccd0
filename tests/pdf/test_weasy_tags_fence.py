"""The fence around WeasyPrint's private structure-tree step (``pdf/weasy/tags.py``):
it fails when WeasyPrint renames or reshapes the function, and shows that a passage
with a ``lang`` of its own gets ``/Lang`` on its structure element."""

from __future__ import annotations

import io

import pikepdf
import pytest

pytest.importorskip("weasyprint")

from ntsplan.pdf.weasy import tags


def test_upstream_function_is_as_expected() -> None:
    assert tags.upstream_parameters() == tags.EXPECTED_PARAMETERS


def _languages(data: bytes) -> dict[str, str]:
    """Each structure element's /Lang, by the text of its first marked content's tag."""
    found: dict[str, str] = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:

        def walk(element: object) -> None:
            if isinstance(element, pikepdf.Dictionary):
                if "/Lang" in element:
                    found[str(element.get("/S"))] = str(element["/Lang"])
                kids = element.get("/K")
                if isinstance(kids, pikepdf.Array):
                    for kid in kids:
                        walk(kid)
                elif kids is not None:
                    walk(kids)

        walk(pdf.Root.StructTreeRoot)
    return found


def test_a_passage_in_another_language_is_marked_on_its_structure_element() -> None:
    import weasyprint  # noqa: PLC0415

    html = (
        '<html lang="en"><head><title>t</title></head><body>'
        '<h1>English title</h1><blockquote lang="nl">Dit is een Nederlandse passage.</blockquote>'
        "</body></html>"
    )
    tags.mark_languages()
    tags.mark_languages()  # once is enough; a second call changes nothing
    data = weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    assert _languages(data) == {"/BlockQuote": "nl"}
