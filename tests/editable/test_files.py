"""The editable editions read back as a word processor reads them: the ODT against the
OpenDocument 1.3 schema and as XML, the DOCX with python-docx. Styles by name, languages,
properties, page set-up, figures as numbers, no text in frames, links only where safe,
the same bytes from every run, and the cache, stamps and all-or-nothing commit."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from PIL import Image

from conftest import REPO, TESTS, RunCli, clean_env
from ntsplan.check import check_folder
from ntsplan.editable import editable_document
from ntsplan.editable.document import Heading
from ntsplan.plan.edition import choose_edition
from ntsplan.plan.rollup import rollup
from ntsplan.render import render_html

FIXTURE = TESTS / "fixtures" / "workbook-plan"
SCHEMAS = TESTS / "fixtures" / "odf-1.3"
NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
}
RUNS = {
    "nl": [],
    "nl-again": [],
    "en": ["--lang", "en"],
    "rom": ["--rom", "noord"],
    "chain": ["--valuechain", "fotonica-chips"],
}
STEMS = {"rom": "versterkingsplan-noord", "chain": "versterkingsplan-fotonica-chips"}


def _build(data: Path, out: Path, kind: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "ntsplan",
            "build",
            "--data",
            data,
            "--out",
            out,
            "--only",
            kind,
            *extra,
        ],
        cwd=REPO,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """The fixture plan's ODT and DOCX, each from its own process, per edition."""
    root = tmp_path_factory.mktemp("editable")
    paths = {}
    for name, extra in RUNS.items():
        for kind in ("odt", "docx"):
            out = root / name
            done = _build(FIXTURE, out, kind, *extra)
            assert done.returncode == 0, done.stderr
            paths[name, kind] = out / f"{STEMS.get(name, 'versterkingsplan')}.{kind}"
            assert paths[name, kind].is_file()
    return paths


def _xml(path: Path, part: str) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(part))


def _texts(element: etree._Element) -> str:
    return "".join(element.itertext())


def _expected_headings(*extra: str) -> list[tuple[int, str]]:
    """The headings of the PDF's HTML for the fixture plan, as the reader takes them."""
    plan = check_folder(FIXTURE).plan
    assert plan is not None
    options = dict(zip(extra[::2], extra[1::2], strict=True))
    edition = choose_edition(
        plan,
        language=options.get("--lang"),
        rom=options.get("--rom"),
        valuechain=options.get("--valuechain"),
    )
    document = editable_document(plan, edition, render_html(plan, edition))
    return [
        (block.level, "".join(run.text for run in block.runs))
        for block in document.blocks
        if isinstance(block, Heading)
    ]


# The packages -----------------------------------------------------------------------------


def test_same_bytes_from_every_run_and_no_clock_in_the_zip(
    built: dict[tuple[str, str], Path],
) -> None:
    for kind in ("odt", "docx"):
        assert built["nl", kind].read_bytes() == built["nl-again", kind].read_bytes()
        with zipfile.ZipFile(built["nl", kind]) as package:
            assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_odt_validates_against_the_opendocument_13_schema(
    built: dict[tuple[str, str], Path],
) -> None:
    schema = etree.RelaxNG(etree.parse(str(SCHEMAS / "OpenDocument-v1.3-schema.rng")))
    manifest = etree.RelaxNG(etree.parse(str(SCHEMAS / "OpenDocument-v1.3-manifest-schema.rng")))
    for name in RUNS:
        path = built[name, "odt"]
        for part in ("content.xml", "styles.xml", "meta.xml"):
            assert schema.validate(_xml(path, part)), (name, part, schema.error_log)
        assert manifest.validate(_xml(path, "META-INF/manifest.xml")), manifest.error_log
        with zipfile.ZipFile(path) as package:
            first = package.infolist()[0]
            assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
            assert package.read("mimetype") == b"application/vnd.oasis.opendocument.text"


def test_docx_reads_back_with_python_docx_without_loss(
    built: dict[tuple[str, str], Path],
) -> None:
    for name, extra in RUNS.items():
        document = docx.Document(str(built[name, "docx"]))
        headings = [
            (int(p.style.name.removeprefix("Heading ")), p.text)
            for p in document.paragraphs
            if p.style is not None and p.style.name.startswith("Heading ")
        ]
        assert headings == _expected_headings(*extra), name


# Structure and styles -----------------------------------------------------------------


def test_odt_headings_are_heading_styles_with_outline_levels(
    built: dict[tuple[str, str], Path],
) -> None:
    content = _xml(built["nl", "odt"], "content.xml")
    headings = [
        (
            int(h.get(f"{{{NS['text']}}}outline-level")),
            _texts(h),
            h.get(f"{{{NS['text']}}}style-name"),
        )
        for h in content.iter(f"{{{NS['text']}}}h")
    ]
    assert [(level, text) for level, text, _ in headings] == _expected_headings()
    assert {style for _, _, style in headings} <= {f"Heading_20_{n}" for n in range(1, 5)}
    styles = _xml(built["nl", "odt"], "styles.xml")
    named = {
        s.get(f"{{{NS['style']}}}display-name") or s.get(f"{{{NS['style']}}}name"): s
        for s in styles.iterfind(".//office:styles/style:style", NS)
    }
    for wanted in (
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "Text body",
        "Table Contents",
        "Table Heading",
        "Caption",
        "List Paragraph",
        "Contents 1",
        "Header",
        "Footer",
        "Strong Emphasis",
        "Emphasis",
        "Internet link",
    ):
        assert wanted in named, wanted
    heading1 = named["Heading 1"]
    assert heading1.get(f"{{{NS['style']}}}default-outline-level") == "1"
    breaks = heading1.find("style:paragraph-properties", NS)
    assert breaks is not None and breaks.get(f"{{{NS['fo']}}}break-before") == "page"
    # Page breaks come only from the chapter heading style: no other style or paragraph.
    for style in styles.iter(f"{{{NS['style']}}}paragraph-properties"):
        parent = style.getparent()
        name = parent.get(f"{{{NS['style']}}}display-name") or parent.get(f"{{{NS['style']}}}name")
        if style.get(f"{{{NS['fo']}}}break-before") == "page":
            assert name in ("Heading 1", "Contents Heading"), name
    automatic = content.find("office:automatic-styles", NS)
    assert automatic is not None
    assert not [
        p
        for p in automatic.iter(f"{{{NS['style']}}}paragraph-properties")
        if p.get(f"{{{NS['fo']}}}break-before") == "page"
    ]


def test_docx_styles_by_name_and_page_breaks_only_before_chapters(
    built: dict[tuple[str, str], Path],
) -> None:
    document = docx.Document(str(built["nl", "docx"]))
    names = {style.name for style in document.styles}
    for wanted in (
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "Body Text",
        "Table Contents",
        "Table Heading",
        "Caption",
        "List Paragraph",
        "TOC Heading",
        "toc 1",
        "Header",
        "Footer",
        "Strong",
        "Emphasis",
        "Hyperlink",
        "Plan Table",
    ):
        assert wanted in names, wanted
    heading1 = document.styles["Heading 1"]
    assert heading1.paragraph_format.page_break_before is True
    assert heading1.element.pPr.find(f"{{{NS['w']}}}outlineLvl").get(f"{{{NS['w']}}}val") == "0"
    body = document.element.body
    assert not body.findall(f".//{{{NS['w']}}}pageBreakBefore")  # none set on a paragraph
    assert not [
        br for br in body.iter(f"{{{NS['w']}}}br") if br.get(f"{{{NS['w']}}}type") == "page"
    ]
    assert {t.style.name for t in document.tables} == {"Plan Table"}


def test_page_size_margins_header_and_footer(built: dict[tuple[str, str], Path]) -> None:
    section = docx.Document(str(built["nl", "docx"])).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 20 and round(section.right_margin.mm) == 18
    header = section.header.paragraphs[0].text
    assert header.startswith("Regionaal Versterkingsplan NTS") and "Concept" in header
    footer = section.footer.paragraphs[0]._p.xml
    assert (
        "PAGE" in footer and "NUMPAGES" in footer and "pagina" in section.footer.paragraphs[0].text
    )
    styles = _xml(built["nl", "odt"], "styles.xml")
    layout = styles.find(".//style:page-layout-properties", NS)
    assert layout is not None
    assert (layout.get(f"{{{NS['fo']}}}page-width"), layout.get(f"{{{NS['fo']}}}page-height")) == (
        "210mm",
        "297mm",
    )
    master = styles.find(".//style:master-page", NS)
    assert master is not None
    odt_header = _texts(master.find("style:header", NS))
    assert "Concept" in odt_header
    assert master.find("style:footer//text:page-number", NS) is not None
    assert master.find("style:footer//text:page-count", NS) is not None


def test_a_final_edition_shows_no_status_on_its_pages(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    plan_yaml = data / "plan.yaml"
    plan_yaml.write_text(plan_yaml.read_text().replace("status: concept", "status: final"))
    for chain in (data / "valuechains").glob("*.yaml"):
        chain.write_text(re.sub(r"^status: \w+", "status: final", chain.read_text(), flags=re.M))
    assert _build(data, tmp_path / "out", "docx").returncode == 0
    header = docx.Document(str(tmp_path / "out" / "versterkingsplan.docx")).sections[0].header
    assert "Concept" not in header.paragraphs[0].text


# Language and properties ----------------------------------------------------------------


def test_document_and_passage_languages(built: dict[tuple[str, str], Path]) -> None:
    for name, tag in (("nl", "nl-NL"), ("en", "en-GB")):
        styles = _xml(built[name, "docx"], "word/styles.xml")
        default = styles.find(".//w:rPrDefault//w:lang", NS)
        assert default is not None and default.get(f"{{{NS['w']}}}val") == tag
        meta = _xml(built[name, "odt"], "meta.xml")
        assert meta.findtext(".//dc:language", namespaces=NS) == tag
        odt_default = _xml(built[name, "odt"], "styles.xml").find(
            ".//style:default-style/style:text-properties", NS
        )
        assert odt_default is not None
        assert odt_default.get(f"{{{NS['fo']}}}language") == tag[:2]
    # The English edition shows Dutch data text where no English is given: marked Dutch.
    content = _xml(built["en", "odt"], "content.xml")
    dutch_styles = {
        s.get(f"{{{NS['style']}}}name")
        for s in content.iterfind(".//office:automatic-styles/style:style", NS)
        if s.find("style:text-properties[@fo:language='nl']", NS) is not None
    }
    assert dutch_styles
    used = {
        e.get(f"{{{NS['text']}}}style-name")
        for e in content.iter(f"{{{NS['text']}}}span", f"{{{NS['text']}}}p", f"{{{NS['text']}}}h")
    }
    assert dutch_styles & used
    body = _xml(built["en", "docx"], "word/document.xml")
    langs = {e.get(f"{{{NS['w']}}}val") for e in body.iter(f"{{{NS['w']}}}lang")}
    assert "nl-NL" in langs


def test_document_properties_come_from_plan_yaml(built: dict[tuple[str, str], Path]) -> None:
    plan = check_folder(FIXTURE).plan
    assert plan is not None
    publishers = [plan.roms[r].name for r in plan.info.publishers]
    core = docx.Document(str(built["rom", "docx"])).core_properties
    assert core.title == f"Regionaal Versterkingsplan NTS — {plan.roms['noord'].short}"
    assert core.author == "; ".join(publishers)
    assert core.language == "nl-NL"
    assert core.created is not None and core.created.date() == plan.info.date
    assert core.subject == "Testplan voor de weergave"
    meta = _xml(built["nl", "odt"], "meta.xml")
    assert meta.findtext(".//dc:title", namespaces=NS) == "Regionaal Versterkingsplan NTS"
    assert meta.findtext(".//dc:creator", namespaces=NS) == ", ".join(publishers)
    assert meta.findtext(".//meta:creation-date", namespaces=NS) == f"{plan.info.date}T00:00:00"
    custom = {
        e.get(f"{{{NS['meta']}}}name"): e.text for e in meta.iter(f"{{{NS['meta']}}}user-defined")
    }
    assert custom["Edition"] == plan.info.edition
    assert custom["Status"] == "concept"


# Figures, frames, links -----------------------------------------------------------------


def test_amounts_are_numbers_and_the_totals_are_the_rollups(
    built: dict[tuple[str, str], Path],
) -> None:
    plan = check_folder(FIXTURE).plan
    assert plan is not None
    content = _xml(built["nl", "odt"], "content.xml")
    office = f"{{{NS['office']}}}"
    money = [
        c
        for c in content.iter(f"{{{NS['table']}}}table-cell")
        if c.get(f"{office}value-type") == "currency"
    ]
    assert money
    for cell in money:
        assert cell.get(f"{office}currency") == "EUR"
        shown = _texts(cell).replace("€", "").replace(".", "").replace(",", ".").strip()
        assert float(shown) == float(cell.get(f"{office}value"))
    # The overview's table per value chain: its rows add up to its total, the plan's.
    tables = {t.get(f"{{{NS['table']}}}name"): t for t in content.iter(f"{{{NS['table']}}}table")}
    chains = next(t for n, t in tables.items() if n.startswith("budget-overview"))
    rows = chains.findall("table:table-row", NS)
    totals = [
        float(c.get(f"{office}value"))
        for c in rows[-1].iter(f"{{{NS['table']}}}table-cell")
        if c.get(f"{office}value") is not None
    ]
    body = [
        [
            float(c.get(f"{office}value"))
            for c in r.iter(f"{{{NS['table']}}}table-cell")
            if c.get(f"{office}value") is not None
        ]
        for r in rows[:-1]
    ]
    assert [round(sum(col), 2) for col in zip(*body, strict=True)] == totals
    whole = rollup(plan).total
    assert totals == [whole.indicative, whole.committed, whole.total]


def test_charts_are_images_with_text_alternatives_and_no_text_sits_in_a_frame(
    built: dict[tuple[str, str], Path],
) -> None:
    content = _xml(built["nl", "odt"], "content.xml")
    frames = list(content.iter(f"{{{NS['draw']}}}frame"))
    assert len(frames) == 2  # one timeline per value chain of the fixture
    for frame in frames:
        kinds = {child.tag for child in frame}
        assert kinds <= {f"{{{NS['draw']}}}image", f"{{{NS['svg']}}}title", f"{{{NS['svg']}}}desc"}
        assert frame.findtext("svg:title", namespaces=NS)
        href = frame.find("draw:image", NS).get(f"{{{NS['xlink']}}}href")
        assert href.startswith("Pictures/")  # inside the package, never outside
    assert not list(content.iter(f"{{{NS['draw']}}}text-box"))
    body = _xml(built["nl", "docx"], "word/document.xml")
    assert not body.findall(".//w:txbxContent", NS)
    assert "<w:object" not in etree.tostring(body).decode()
    pictures = body.findall(
        ".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    )
    assert len(pictures) == 2 and all(p.get("descr") for p in pictures)
    # Each chart is the SVG, with a PNG copy for a Word that shows no SVG (svgBlip).
    blips = body.findall(".//{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
    assert len(blips) == 2
    with zipfile.ZipFile(built["nl", "docx"]) as package:
        rels = package.read("word/_rels/document.xml.rels").decode()
        for blip in blips:
            raster = blip.get(
                "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
            )
            target = re.search(rf'Id="{raster}"[^>]*Target="([^"]+)"', rels)
            assert target is not None and target.group(1).endswith(".png")
            png = Image.open(io.BytesIO(package.read(f"word/{target.group(1)}")))
            svg = blip.find(".//{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip")
            assert svg is not None
            extent = blip.getparent().getparent().getparent().getparent().getparent()
            size = extent.find(
                "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"
            )
            ratio = int(size.get("cx")) / int(size.get("cy"))
            assert abs(png.width / png.height - ratio) < 0.01
    assert not body.findall(
        ".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}anchor"
    )


def test_the_contents_is_a_real_field_listing_every_chapter(
    built: dict[tuple[str, str], Path],
) -> None:
    chapters = [text for level, text in _expected_headings() if level == 1]
    content = _xml(built["nl", "odt"], "content.xml")
    (toc,) = content.iter(f"{{{NS['text']}}}table-of-content")
    source = toc.find("text:table-of-content-source", NS)
    assert source is not None and source.get(f"{{{NS['text']}}}outline-level") == "1"
    lines = [_texts(p) for p in toc.iterfind("text:index-body/text:p", NS)]
    assert lines == chapters
    body = _xml(built["nl", "docx"], "word/document.xml")
    instructions = [t.text for t in body.iter(f"{{{NS['w']}}}instrText")]
    assert instructions == [' TOC \\o "1-1" \\h \\z \\u ']
    settings = _xml(built["nl", "docx"], "word/settings.xml")
    assert settings.find("w:updateFields", NS) is not None  # Word fills the page numbers


HOSTILE = (
    'Gevaar: {{ DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe }} en <w:fldSimple w:instr="PAGE"/> '
    "[klik](javascript:alert(1)) [bestand](file:///etc/passwd) "
    '![beeld](https://evil.example/x.png) =HYPERLINK("http://x") <script>x</script>'
)


def test_untrusted_text_stays_text(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    chain = data / "valuechains" / "fotonica-chips.yaml"
    source = chain.read_text()
    summary = re.search(r"^summary: .*(?:\n  .*)*", source, re.M)
    assert summary is not None
    chain.write_text(source.replace(summary.group(0), f"summary: '{HOSTILE}'"))
    for kind in ("odt", "docx"):
        done = _build(data, tmp_path / "out", kind)
        assert done.returncode == 0, done.stderr
    odt = tmp_path / "out" / "versterkingsplan.odt"
    with zipfile.ZipFile(odt) as package:
        names = package.namelist()
        content = package.read("content.xml").decode()
    assert not [n for n in names if "script" in n.lower() or n.lower().startswith("basic")]
    assert "DDEAUTO" in content and "&lt;w:fldSimple" in content
    hrefs = re.findall(r'xlink:href="([^"]+)"', content)
    assert all(h.startswith(("http://", "https://", "mailto:", "#", "Pictures/")) for h in hrefs)
    assert "evil.example" not in "".join(hrefs)
    document = tmp_path / "out" / "versterkingsplan.docx"
    with zipfile.ZipFile(document) as package:
        names = package.namelist()
        body = package.read("word/document.xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
    assert not [n for n in names if "vba" in n.lower() or "embeddings" in n]
    assert "DDEAUTO" in body
    assert re.findall(r"<w:instrText[^>]*>([^<]*)<", body) == [' TOC \\o "1-1" \\h \\z \\u ']
    # The words that look like a field are text; the only fields are the PAGE fields of
    # the footer, none in the text.
    tree = etree.fromstring(body.encode())
    assert not list(tree.iter(f"{{{NS['w']}}}fldSimple"))
    assert '&lt;w:fldSimple w:instr="PAGE"/&gt;' in body
    targets = re.findall(r'Target="([^"]+)" TargetMode="External"', rels)
    assert targets and all(t.startswith(("http://", "https://", "mailto:")) for t in targets)
    assert "evil.example" not in rels and "javascript" not in rels and "file:" not in rels


# The build: cache, stamps, commit, house style ------------------------------------------


def test_rebuild_renders_neither_and_a_change_renders_again(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    out = tmp_path / "out"
    for kind in ("odt", "docx"):
        assert _build(data, out, kind).returncode == 0
        assert (out / f".versterkingsplan.{kind}.hash").is_file()
    before = {kind: (out / f"versterkingsplan.{kind}").read_bytes() for kind in ("odt", "docx")}
    for kind in ("odt", "docx"):
        again = _build(data, out, kind)
        assert f"skipped the {kind.upper()} render" in again.stderr
    (data / "house-style.yaml").write_text(
        (REPO / "templates" / "editable" / "styles.yaml")
        .read_text()
        .replace("    size: 17\n", "    size: 20\n", 1)
    )
    for kind in ("odt", "docx"):
        changed = _build(data, out, kind)
        assert f"wrote {out / f'versterkingsplan.{kind}'}" in changed.stderr
        assert (out / f"versterkingsplan.{kind}").read_bytes() != before[kind]
    heading = docx.Document(str(out / "versterkingsplan.docx")).styles["Heading 1"]
    assert heading.font.size.pt == 20


def test_a_broken_house_style_stops_the_build_with_nothing_written(
    tmp_path: Path, run_cli: RunCli
) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    (data / "house-style.yaml").write_text("paragraph:\n  Standard: {sise: 10}\n")
    out = tmp_path / "out"
    done = _build(data, out, "docx")
    assert done.returncode == 2
    assert "house-style.yaml" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]


def test_links_inside_the_document_land_on_a_bookmark(built: dict[tuple[str, str], Path]) -> None:
    content = _xml(built["nl", "odt"], "content.xml")
    marks = {b.get(f"{{{NS['text']}}}name") for b in content.iter(f"{{{NS['text']}}}bookmark")}
    inner = [
        a.get(f"{{{NS['xlink']}}}href")[1:]
        for a in content.iter(f"{{{NS['text']}}}a")
        if a.get(f"{{{NS['xlink']}}}href", "").startswith("#")
    ]
    assert len(inner) > 10
    assert set(inner) <= marks
    body = _xml(built["nl", "docx"], "word/document.xml")
    names = {b.get(f"{{{NS['w']}}}name") for b in body.iter(f"{{{NS['w']}}}bookmarkStart")}
    anchors = [h.get(f"{{{NS['w']}}}anchor") for h in body.iter(f"{{{NS['w']}}}hyperlink")]
    targets = [a for a in anchors if a is not None]
    # The same places (ODT writes a link per run, Word one per link); bookmark names are
    # Word's own spelling of the anchors, one for one.
    assert len(set(targets)) == len(set(inner))
    assert set(targets) <= names
    assert all(len(n) <= 40 and re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", n) for n in names)
