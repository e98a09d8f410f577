"""The bundled demonstration dataset for tests, under the name the team brief uses.

Import from ``missiemonitor.testing.bundled`` in code under ``src``: the house check refuses
mission-specific words in source files, and an import of this module's name would be one.
"""

from missiemonitor.testing.bundled import *  # noqa: F403
from missiemonitor.testing.bundled import BUNDLED_DATASET, load_bundled_dataset  # noqa: F401
