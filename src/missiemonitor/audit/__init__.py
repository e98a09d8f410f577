"""The audit trail: one append-only, hash-chained entry per write of a domain record (who,
when, which record, which fields from what to what, through which channel).

Capture is django-auditlog's (signals on the registered models, :mod:`.capture`); bulk paths
(the dataset loader, activity-log imports) write their entries through :mod:`.services`.
:mod:`.chain` links the entries; ``missiemonitor audit verify`` walks the chain
(:mod:`.verify`); :mod:`.selectors` reads history under the visibility rule.
"""
