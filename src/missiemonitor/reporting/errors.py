"""Errors of the reporting app."""


class ReportError(ValueError):
    """A report that cannot be built or written as asked; the message says why and where."""
