"""The one error of backups and restores: what went wrong, in a sentence that says what to do."""


class BackupError(Exception):
    """A backup could not be written, or a restore was refused or failed. Nothing was left
    half-written: a backup file appears complete or not at all, and a refused restore changed
    nothing."""
