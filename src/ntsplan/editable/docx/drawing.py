"""A chart as an inline picture (DrawingML): in the text's flow, never a floating frame
or a text box, with its text alternative as the picture's description."""

from __future__ import annotations

from ntsplan.editable import xml
from ntsplan.editable.docx.markup import EMU_PER_PT, PIC, SVG_EXT


def inline_picture(
    drawing_id: int,
    name: str,
    alt: str,
    size: tuple[float, float],
    *,
    svg_id: str,
    png_id: str | None,
) -> str:
    """The run of an inline picture of ``size`` points: the SVG (relationship ``svg_id``),
    with the PNG ``png_id`` as the copy for readers that show no SVG, when there is one."""
    blip = f'<a:blip r:embed="{svg_id}"/>'
    if png_id is not None:
        blip = (
            f'<a:blip r:embed="{png_id}"><a:extLst><a:ext uri="{SVG_EXT}">'
            f'<asvg:svgBlip r:embed="{svg_id}"/></a:ext></a:extLst></a:blip>'
        )
    cx, cy = (round(points * EMU_PER_PT) for points in size)
    description = xml.attr(alt)
    return (
        '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{drawing_id}" name="{name}"'
        f' descr="{description}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/>'
        f'</wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="{PIC}"><pic:pic>'
        f'<pic:nvPicPr><pic:cNvPr id="{drawing_id}" name="{name}" descr="{description}"/>'
        f"<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>{blip}<a:stretch><a:fillRect/>"
        '</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        "</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>"
        "</w:drawing></w:r>"
    )
