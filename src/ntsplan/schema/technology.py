"""``technologies/<id>.yaml``: one of the NTS key technologies."""

from __future__ import annotations

from pydantic import Field

from ntsplan.schema.base import Markdown, Model, Source, Text, Url


class Names(Model):
    """A name in Dutch and in English."""

    nl: Text = Field(description="Dutch name, as in the NTS report.")
    en: Text = Field(description="English name.")


class Ambition(Model):
    """The technology's ambition for 2035, as a source words it."""

    text: Markdown = Field(description="The ambition, paraphrased from the source.")
    source: Source = Field(description="Where the ambition was read.")


class ActionAgenda(Model):
    """The KIA Sleuteltechnologieën action agenda (actieagenda) for the technology."""

    title: Text | None = Field(default=None, description="Title of the action agenda.")
    lead: Text | None = Field(
        default=None, description="Who coordinates the agenda, only where a source says so."
    )
    url: Url | None = Field(default=None, description="Where the agenda can be read.")
    note: Markdown | None = Field(default=None, description="What else is known about it.")


class Technology(Model):
    """One of the ten priority technologies of the Nationale Technologiestrategie."""

    number: int = Field(ge=1, le=99, description="Position in the NTS list (1 to 10).")
    name: Names = Field(description="Name in Dutch and English.")
    aliases: list[Text] = Field(
        default=[], description="Other names in use, e.g. short names from the press release."
    )
    ambition: Ambition | None = Field(
        default=None, description="The 2035 ambition, only where a source states it."
    )
    agenda: ActionAgenda | None = Field(
        default=None, description="The KIA ST action agenda, as far as known."
    )
    sources: list[Source] = Field(default=[], description="Sources for the facts in this file.")
