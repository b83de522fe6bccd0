"""``plan.yaml`` and ``roms.yaml``: the plan's own metadata and the ROM registry."""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import AfterValidator, Field, Strict, WithJsonSchema

from ntsplan.schema.activity import Period
from ntsplan.schema.base import Date, Id, Model, Source, Text, Url
from ntsplan.schema.localized import LocalLine, LocalMarkdown


class Status(enum.StrEnum):
    """How far a text is: a concept, under review, or final."""

    CONCEPT = "concept"
    REVIEW = "review"
    FINAL = "final"


class Language(enum.StrEnum):
    """The languages the plan document is written in."""

    NL = "nl"
    EN = "en"


class Expectations(Model):
    """How many technologies and value chains the finished plan should hold."""

    technologies: int = Field(ge=1, le=100, description="Number of NTS technologies (10).")
    valuechains: int = Field(ge=1, le=10_000, description="Number of value chains (15).")


class Asks(Model):
    """What the plan asks of others, in the chapter 'Conclusies en vervolg'."""

    ministry: LocalMarkdown | None = Field(
        default=None, description="What is asked of the Ministry of Economic Affairs (EZ)."
    )
    provinces: LocalMarkdown | None = Field(
        default=None, description="What is asked of the provinces."
    )


class WordLists(Model):
    """Words or terms by language."""

    nl: list[Text] = Field(default=[], description="Dutch words or terms.")
    en: list[Text] = Field(default=[], description="English words or terms.")

    def by_language(self) -> dict[str, list[str]]:
        """The non-empty lists, by language code."""
        return {lang: words for lang, words in (("nl", self.nl), ("en", self.en)) if words}


class Typesetting(Model):
    """Additions to ntsplan's own word lists for the printed plan (templates/typesetting.yaml)."""

    hyphenation: WordLists = Field(
        default=WordLists(),
        description="Words with a hyphen at every place they may break at the end of a line, "
        "and nowhere else, by the language of the text they occur in: nl: [maak-indus-trie]. "
        "For compounds that the hyphenation patterns split wrongly ('maakin-dustrie').",
    )
    foreign: WordLists = Field(
        default=WordLists(),
        description="Names and terms in another language than the text around them, by their "
        "own language: en: [Smart manufacturing]. They are marked with that language, so "
        "they are hyphenated and read aloud in it.",
    )


ROUNDING_UNITS = (1, 10, 100, 1000)
"""The units ``budgets.round_years_to`` may choose, in euros."""


def _rounding_unit(value: int) -> int:
    if value not in ROUNDING_UNITS:
        largest = f"; {ROUNDING_UNITS[-1]} is the largest" if value > ROUNDING_UNITS[-1] else ""
        raise ValueError(
            f"{value} is not a unit the per-year figures can be rounded to; write 1 (whole "
            f"euros), 10, 100 or 1000{largest}"
        )
    return value


RoundingUnit = Annotated[
    int,
    AfterValidator(_rounding_unit),
    WithJsonSchema({"type": "integer", "enum": list(ROUNDING_UNITS)}),
]


class BudgetSettings(Model):
    """How the document and the workbook print the plan's money."""

    round_years_to: RoundingUnit = Field(
        default=1,
        description="What the per-year figures are rounded to, in euros: 1 (whole euros, the "
        "default), 10, 100 or 1000. An activity's amount is spread evenly over the quarters of "
        "its period; each year's share is rounded down to this unit and the units left over go "
        "to the years with the largest remainders, so that the years add up to the amount "
        "(the part of an amount below the unit falls in one year). The amounts themselves "
        "are printed as written.",
    )


class PlanContact(Model):
    """Who to contact about the plan, printed in the colophon."""

    name: Text | None = Field(default=None, description="Name of the person or the desk.")
    organisation: Text | None = Field(default=None, description="Where they work.")
    email: Text | None = Field(
        default=None,
        pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$",
        description="E-mail address, e.g. 'versterkingsplan@example.nl'.",
    )


class PlanAbbreviation(Model):
    """An abbreviation the plan's texts use, and what it stands for."""

    term: Text = Field(description="The abbreviation as the texts write it, e.g. 'ICT'.")
    meaning: LocalLine = Field(
        description="What it stands for, e.g. 'informatie- en communicatietechnologie'."
    )


class EditionNote(Model):
    """One earlier or current edition of the plan, for the edition history in the colophon."""

    edition: Text = Field(description="The edition, as in 'edition', e.g. '0.1 (concept)'.")
    date: Date = Field(description="Date of that edition, as YYYY-MM-DD.")
    changes: LocalMarkdown = Field(
        description="What changed in that edition, in a sentence or two."
    )


class PlanInfo(Model):
    """The plan as a whole: ``plan.yaml`` at the top of the data folder."""

    title: LocalLine = Field(
        description="Title on the cover, e.g. 'Regionaal Versterkingsplan NTS'."
    )
    subtitle: LocalLine | None = Field(
        default=None, description="Line under the title on the cover."
    )
    edition: Text = Field(description="Edition or version of this plan, e.g. '0.3' or 'juli 2025'.")
    language: Annotated[Language, Strict(False)] = Field(
        default=Language.NL, description="Language of the document: nl (default) or en."
    )
    date: Date = Field(description="Date of this edition, as YYYY-MM-DD. Printed on the cover.")
    deadline: Date = Field(description="When the deliverable is due, as YYYY-MM-DD (July).")
    horizon: Period | None = Field(
        default=None,
        description="The years the plan speaks about, e.g. {start: 2025, end: 2035}: every "
        "activity's period lies within them.",
    )
    publishers: list[Id] = Field(
        min_length=1, description="Ids of the ROM's that publish the plan (see roms.yaml)."
    )
    expects: Expectations = Field(
        description="How many technologies and value chains the plan should hold when complete."
    )
    status: Annotated[Status, Strict(False)] = Field(
        description="Status of the plan as a whole: concept, review or final."
    )
    translations: list[Annotated[Language, Strict(False)]] = Field(
        default=[],
        description="Languages besides 'language' that the plan is also published in, e.g. "
        "[en] for an English edition; ntsplan status then counts the texts not yet translated.",
    )
    summary: LocalMarkdown | None = Field(
        default=None,
        description="Management summary (samenvatting): the plan on one page, for the "
        "ministry and the provinces. Printed before the key figures.",
    )
    introduction: LocalMarkdown | None = Field(
        default=None,
        description="Introduction (inleiding): why the plan exists, who asked for it and how it "
        "was made. A reading guide is added after it from the document's own structure.",
    )
    conclusions: LocalMarkdown | None = Field(
        default=None,
        description="Conclusions and next steps (conclusies en vervolg): what the plan comes "
        "to and what happens next.",
    )
    asks: Asks = Field(
        default=Asks(), description="What the plan asks of the ministry and of the provinces."
    )
    commissioned_by: LocalLine | None = Field(
        default=None, description="Who commissioned the plan (opdrachtgever), for the colophon."
    )
    reference: Text | None = Field(
        default=None, description="The plan's reference (kenmerk), for the colophon."
    )
    contact: PlanContact | None = Field(
        default=None, description="Who to contact about the plan, for the colophon."
    )
    licence: Text | None = Field(
        default=None,
        description="Under which licence the plan may be reused, e.g. 'CC BY 4.0'.",
    )
    history: list[EditionNote] = Field(
        default=[], description="The edition history: earlier editions and what changed."
    )
    abbreviations: list[PlanAbbreviation] = Field(
        default=[],
        description="Abbreviations the plan's texts use beyond ntsplan's own list (AI, EZ, KPI, "
        "NTS, ROM, ...), each with what it stands for. The annex of abbreviations lists "
        "those that occur in the edition.",
    )
    colophon: LocalMarkdown | None = Field(
        default=None, description="How the plan was made, by whom; printed in the colophon."
    )
    sources: list[Source] = Field(default=[], description="Sources for facts in this file.")
    budgets: BudgetSettings = Field(
        default=BudgetSettings(),
        description="How budgets are printed: round_years_to, the unit of the per-year figures.",
    )
    typesetting: Typesetting = Field(
        default=Typesetting(),
        description="Word lists for the printed plan: hyphenation exceptions and foreign terms.",
    )
    ignore: list[Text] = Field(
        default=[],
        description="Files in the data folder that ntsplan neither reads nor warns about, as "
        "patterns: '*.docx', 'drafts/', 'valuechains/old-*.yaml'. Dotfiles, README files and "
        "editors' back-ups (*~, *.bak, *.swp) are always left alone.",
    )


class Rom(Model):
    """A regional development agency (Regionale Ontwikkelingsmaatschappij)."""

    id: Id = Field(description="Short id used everywhere else, e.g. 'bom' or 'oost-nl'.")
    name: Text = Field(description="Official name, e.g. 'Brabantse Ontwikkelings Maatschappij'.")
    short: Text = Field(description="Name as usually written, e.g. 'BOM'.")
    provinces: list[Text] = Field(min_length=1, description="Provinces the ROM works in.")
    region: Text | None = Field(
        default=None, description="The region in words where provinces do not say it all."
    )
    founded: int | None = Field(
        default=None, ge=1900, le=2100, description="Year founded, only where a source says so."
    )
    url: Url | None = Field(default=None, description="The ROM's website.")
    sources: list[Source] = Field(default=[], description="Sources for the facts about this ROM.")


class RomRegistry(Model):
    """``roms.yaml``: the ROM's that can take part in value chains."""

    roms: list[Rom] = Field(min_length=1, description="The ROM's, one entry each.")
    sources: list[Source] = Field(default=[], description="Sources for the registry as a whole.")
