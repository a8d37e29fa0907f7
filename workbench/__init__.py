"""workbench: verify a news article claim by claim."""

__version__ = "0.1.0"
