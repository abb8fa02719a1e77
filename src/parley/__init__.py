"""parley: events of international relations from news text, each traced to its sentence."""

__version__ = "0.1.0"
