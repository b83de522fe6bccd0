"""``valuechains/<id>.yaml``: one value chain (waardeketen) and its working group's plan."""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import Field, Strict, ValidationInfo, field_validator

from ntsplan.schema.activity import Activity
from ntsplan.schema.base import Id, Model, Source, Text, Url
from ntsplan.schema.localized import LocalLine, LocalMarkdown
from ntsplan.schema.plan import Status


class Contact(Model):
    """Who to contact about the value chain."""

    name: Text | None = Field(default=None, description="Name of the contact person.")
    email: Text | None = Field(
        default=None,
        pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$",
        description="E-mail address of the contact.",
    )
    rom: Id | None = Field(default=None, description="The ROM the contact works for.")


class WorkingGroup(Model):
    """The working group (werkgroep) that works out the value chain."""

    lead: Id = Field(description="Id of the ROM that leads the working group.")
    roms: list[Id] = Field(
        min_length=2, description="Ids of the ROM's taking part, the lead included (at least 2)."
    )
    contact: Contact | None = Field(default=None, description="Contact for the working group.")


class TechnologyRole(Model):
    """An NTS technology involved in the value chain, and the role it plays there."""

    id: Id = Field(description="Id of the technology (file name in technologies/).")
    role: LocalMarkdown = Field(description="What the technology does in this value chain.")


class SegmentEntry(Model):
    """A group of companies in one segment of the chain."""

    name: LocalLine = Field(description="Who they are, e.g. 'glastuinbouwbedrijven'.")
    description: LocalMarkdown | None = Field(default=None, description="More about this group.")


class Segments(Model):
    """The three segments of a value chain."""

    end_customers: list[SegmentEntry] = Field(
        default=[], description="End customers (eindklanten) who buy the products or services."
    )
    end_suppliers: list[SegmentEntry] = Field(
        default=[], description="End suppliers (eindleveranciers) who deliver them."
    )
    innovative_suppliers: list[SegmentEntry] = Field(
        default=[],
        description="Innovative suppliers (innovatieve toeleveranciers), often SMEs.",
    )


class Market(Model):
    """The market the value chain serves and its expected international growth."""

    growth: LocalMarkdown = Field(description="Expected international market growth, in words.")
    source: Source | None = Field(
        default=None, description="Where the growth figure comes from; leave out if unknown."
    )


class StakeholderKind(enum.StrEnum):
    """What kind of organisation a stakeholder is."""

    COMPANY = "company"
    PROVINCE = "province"
    UNIVERSITY = "university"
    INSTITUTE = "institute"
    OTHER = "other"


class Stakeholder(Model):
    """An organisation other than a ROM that takes part in the value chain."""

    id: Id = Field(description="Id used in owner, partners and consortia of this chain.")
    name: LocalLine = Field(
        description="Name of the organisation; per language only for a description such as "
        "'Ziekenhuizen in de regio (nog te benoemen)', never for an organisation's own name."
    )
    kind: Annotated[StakeholderKind, Strict(False)] = Field(
        description="company, province, university, institute (knowledge institute) or other."
    )
    sme: bool | None = Field(
        default=None, description="For companies: true for an SME (mkb), false otherwise."
    )
    url: Url | None = Field(default=None, description="The organisation's website.")

    @field_validator("sme")
    @classmethod
    def _sme_only_for_companies(cls, sme: bool | None, info: ValidationInfo) -> bool | None:
        kind = info.data.get("kind")
        if sme is not None and kind is not None and kind is not StakeholderKind.COMPANY:
            raise ValueError(f"only a company can be an SME; remove 'sme' from this {kind}")
        return sme


class Consortium(Model):
    """A consortium formed in the value chain."""

    name: LocalLine = Field(description="Name of the consortium.")
    members: list[Id] = Field(
        min_length=1, description="Ids of the members: ROM's and stakeholders of this chain."
    )
    aim: LocalMarkdown | None = Field(
        default=None, description="What the consortium sets out to do."
    )


class Alignment(Model):
    """How the value chain aligns with a KIA ST action agenda."""

    technology: Id = Field(description="Id of the technology whose action agenda is meant.")
    note: LocalMarkdown = Field(description="What is aligned, and how.")


class ValueChain(Model):
    """A value chain (waardeketen): a segment of end customers, end suppliers and innovative
    suppliers that together bring products to market, worked out by a working group."""

    title: LocalLine = Field(description="Name of the value chain, e.g. 'Eiwittransitie'.")
    status: Annotated[Status, Strict(False)] = Field(
        description="concept (a draft, nothing sourced yet), review or final."
    )
    summary: LocalMarkdown | None = Field(default=None, description="The chain in a few sentences.")
    workgroup: WorkingGroup = Field(description="The working group and the ROM's in it.")
    technologies: list[TechnologyRole] = Field(
        min_length=1, description="The NTS technologies involved (at least one), with their role."
    )
    segments: Segments = Field(
        default=Segments(), description="End customers, end suppliers, innovative suppliers."
    )
    market: Market | None = Field(default=None, description="Market and expected growth.")
    ambition: LocalMarkdown | None = Field(
        default=None, description="What the chain aims for in the coming years."
    )
    activities: list[Activity] = Field(default=[], description="What will be done, and by whom.")
    stakeholders: list[Stakeholder] = Field(
        default=[], description="Companies, provinces, universities, institutes and others."
    )
    consortia: list[Consortium] = Field(default=[], description="Consortia formed in the chain.")
    alignment: list[Alignment] = Field(
        default=[], description="Alignment with the KIA ST action agendas."
    )
    sources: list[Source] = Field(default=[], description="Sources for facts in this file.")
