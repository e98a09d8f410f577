"""Activity logs (flights, movements, events) read from CSV or JSON Lines: every row is checked
first, errors are named by line and column, and a batch is written in one transaction or not at
all. The entry point is :func:`log_import_csv`; :func:`log_batch_delete` takes a batch out again.
"""

from missiemonitor.interchange.logs.importer import (
    LogImportError,
    LogImportResult,
    log_batch_delete,
    log_import_csv,
)

__all__ = ["LogImportError", "LogImportResult", "log_batch_delete", "log_import_csv"]
