"""Language codes as word processors want them: a language and a country (``nl-NL``)."""

from __future__ import annotations

COUNTRIES = {"nl": "NL", "en": "GB", "de": "DE", "fr": "FR"}
"""The country a text in this language is spelled for (British English, as the EU does)."""


def language_country(lang: str) -> tuple[str, str | None]:
    """``('nl', 'NL')`` for 'nl', ``('en', 'US')`` for 'en-US'; no country when unknown."""
    language, _, country = lang.partition("-")
    return language.lower(), (country.upper() or COUNTRIES.get(language.lower()))


def language_tag(lang: str) -> str:
    """The BCP 47 tag with its country: 'nl-NL', 'en-GB'."""
    language, country = language_country(lang)
    return f"{language}-{country}" if country else language
