"""factlint: lint Chinese yearbook and statistical prose for damaged figures and wrong arithmetic."""

__version__ = "0.1.0"
