"""``plan.yaml`` and ``roms.yaml``: the plan's own metadata and the ROM registry."""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import Field, Strict

from ntsplan.schema.base import Date, Id, Markdown, Model, Source, Text, Url


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


class PlanInfo(Model):
    """The plan as a whole: ``plan.yaml`` at the top of the data folder."""

    title: Text = Field(description="Title on the cover, e.g. 'Regionaal Versterkingsplan NTS'.")
    subtitle: Text | None = Field(default=None, description="Line under the title on the cover.")
    edition: Text = Field(description="Edition or version of this plan, e.g. '0.3' or 'juli 2025'.")
    language: Annotated[Language, Strict(False)] = Field(
        default=Language.NL, description="Language of the document: nl (default) or en."
    )
    date: Date = Field(description="Date of this edition, as YYYY-MM-DD. Printed on the cover.")
    deadline: Date = Field(description="When the deliverable is due, as YYYY-MM-DD (July).")
    publishers: list[Id] = Field(
        min_length=1, description="Ids of the ROM's that publish the plan (see roms.yaml)."
    )
    expects: Expectations = Field(
        description="How many technologies and value chains the plan should hold when complete."
    )
    status: Annotated[Status, Strict(False)] = Field(
        description="Status of the plan as a whole: concept, review or final."
    )
    colophon: Markdown | None = Field(
        default=None, description="How the plan was made, by whom; printed in the colophon."
    )
    sources: list[Source] = Field(default=[], description="Sources for facts in this file.")
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
