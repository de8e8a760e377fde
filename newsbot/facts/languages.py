"""Facts in several languages: one FactExtractor per language the fact rules files describe
(NEWSBOT_FACT_RULES_FILES: facts_ko.toml with measures_ko.toml for Korean, facts_en.toml for
English); each article is read by its language's, and one in a language no file describes has
no facts. The fact keys are shared (trip.duration is one key in every language), so claims in
two languages about one story reconcile into one fact."""

from __future__ import annotations

from newsbot.facts.extract import FactExtractor
from newsbot.facts.rules import KeyRule, fact_rules_files, language_groups, load_fact_rules


class FactReaders:
    """The extractors of each language, as one: ``extract`` reads an article by its language's."""

    @classmethod
    def from_settings(cls, settings) -> "FactReaders":
        return cls.of_files(fact_rules_files(settings), settings.get("NEWSBOT_FACT_OFFSET", "+09:00"))

    @classmethod
    def of_files(cls, paths: tuple[str, ...], offset: str = "+09:00") -> "FactReaders":
        return cls([FactExtractor(load_fact_rules(files), offset) for files in language_groups(paths)])

    def __init__(self, extractors: list[FactExtractor]):
        self.extractors = extractors

    def for_language(self, language: str | None) -> FactExtractor | None:
        """The extractor of `language`; for a page whose language is not known, the first listed."""
        if not language or language.lower().startswith("un"):
            return self.extractors[0]
        return next((x for x in self.extractors if x.rules.describes(language)), None)

    def extract(self, title: str, text: str, published: str | None = None, anchor=None,
                language: str | None = None) -> list[dict]:
        extractor = self.for_language(language)
        return extractor.extract(title, text, published, anchor, language) if extractor else []

    def key_rule(self, name: str) -> KeyRule | None:
        """The key's rule in the first language's rules that have it (its label in that language)."""
        return next((k for x in self.extractors if (k := x.key_rule(name))), None)
