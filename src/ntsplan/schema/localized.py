"""Text that may be given per language: a plain string, or a mapping ``{nl: ..., en: ...}``.

    title: Groene waterstof                 # a plain string, in the plan's language
    title:                                  # or per language
      nl: Groene waterstof
      en: Green hydrogen

The value is a ``LocalText``: a ``str`` (so everything that reads a title as text keeps
working) that also knows its translations. As text it is the Dutch version when one is
given, otherwise the only version there is. The document picks the version for its own
language with ``LocalText.pick``; a plain string counts as written in the plan's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from ntsplan.schema.base import PROSE

LANGUAGE_CODES = ("nl", "en")


class LocalText(str):
    """A text with its translations; as a ``str`` it is the Dutch (or only) version."""

    __translations: dict[str, str]

    def __new__(cls, text: str, translations: Mapping[str, str] | None = None) -> LocalText:
        """``text`` as a plain string, or the versions in ``translations`` by language."""
        by_language = dict(translations or {})
        primary = by_language.get("nl") or next(iter(by_language.values()), text)
        value = super().__new__(cls, primary)
        value.__translations = by_language
        return value

    @property
    def translations(self) -> dict[str, str]:
        """The versions by language code; empty for a plain string."""
        return dict(self.__translations)

    @property
    def is_plain(self) -> bool:
        """Whether the text was written as a plain string (in the plan's language)."""
        return not self.__translations

    def has(self, language: str, plan_language: str) -> bool:
        """Whether a version in ``language`` exists."""
        if self.is_plain:
            return language == plan_language
        return language in self.__translations

    def pick(self, language: str, plan_language: str) -> tuple[str, str]:
        """The version to show in a document in ``language``, and the language it is in.

        The version in ``language`` when given; otherwise the plan's language, otherwise
        whatever version there is.
        """
        if self.is_plain:
            return str(self), plan_language
        for wanted in (language, plan_language, *LANGUAGE_CODES):
            if wanted in self.__translations:
                return self.__translations[wanted], wanted
        return str(self), plan_language  # pragma: no cover - a mapping is never empty

    def dump(self) -> str | dict[str, str]:
        """The value as written: a string, or the mapping by language."""
        return str(self) if self.is_plain else dict(self.__translations)


def _dump(value: str) -> str | dict[str, str]:
    # A plain str gets here too when a model is copied with an update (not validated).
    return value.dump() if isinstance(value, LocalText) else str(value)


def _text(value: Any) -> str:
    # The same error kinds as a plain text field, so the messages are the same too.
    if not isinstance(value, str):
        raise PydanticCustomError("string_type", "Input should be a valid string")
    if not value:
        raise PydanticCustomError("string_too_short", "String should have at least 1 character")
    return value


def _parse(value: Any) -> LocalText:
    if isinstance(value, LocalText):
        return value
    if isinstance(value, Mapping):
        unknown = [str(key) for key in value if key not in LANGUAGE_CODES]
        if unknown:
            raise ValueError(
                f"unknown language '{unknown[0]}'; give the text per language as nl: and en:"
            )
        if not value:
            raise ValueError("give the text as nl: and/or en:, or as plain text")
        versions = {str(key): _text(text) for key, text in value.items()}
        return LocalText(next(iter(versions.values())), versions)
    return LocalText(_text(value))


def _schema(description: str) -> dict[str, Any]:
    version = {"type": "string", "minLength": 1}
    return {
        "anyOf": [
            {"type": "string", "minLength": 1},
            {
                "type": "object",
                "properties": {"nl": version, "en": version},
                "additionalProperties": False,
                "minProperties": 1,
            },
        ],
        "description": description,
    }


LOCAL_HELP = " Plain text in the plan's language, or per language: 'nl: ...' and 'en: ...'."

LocalLine = Annotated[
    LocalText,
    PlainValidator(_parse),
    PlainSerializer(_dump),
    WithJsonSchema(_schema("Plain text on one or a few lines." + LOCAL_HELP)),
]
"""A title or a short line, plain or per language."""

LocalMarkdown = Annotated[
    LocalText,
    PlainValidator(_parse),
    PlainSerializer(_dump),
    WithJsonSchema(
        _schema(
            "Prose in Markdown: paragraphs, lists, emphasis and links (http, https, mailto)."
            + LOCAL_HELP
        )
    ),
    PROSE,
]
"""Prose in Markdown, plain or per language."""
