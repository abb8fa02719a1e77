"""The spaCy pipeline, behind one loader so the rest of parley never names the model package."""

from .pipeline import PIPELINE_NAME, load_pipeline, pipeline_info

__all__ = ["PIPELINE_NAME", "load_pipeline", "pipeline_info"]
