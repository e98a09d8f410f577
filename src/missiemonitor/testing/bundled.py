"""The bundled demonstration dataset, for tests: where it is, how to load it, and the keys of
the records that tests refer to.

Only keys live here. Names, figures and sentences belong to the dataset file; tests read them
from the loaded records instead of repeating them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from missiemonitor.datasets import dataset_path
from missiemonitor.interchange.dataset.write import LoadStats

BUNDLED_DATASET: Path = dataset_path()

# The period the bundled progress report covers.
REPORT_START = dt.date(2024, 5, 1)
REPORT_END = dt.date(2025, 4, 30)

# Missions
NMI = "nmi"
OIR = "oir"
MOPA = "mopa"
EUAM = "euam"
MISSIONS = (NMI, OIR, MOPA, EUAM)

# Mandates (artikel 100-brieven) and sources
MANDATE_BROAD = "kst-27925-943"
MANDATE_COMMAND_HELICOPTERS = "kst-27925-946"
MANDATE_FP_EXTENSION = "kst-27925-980"
MANDATES = (MANDATE_BROAD, MANDATE_COMMAND_HELICOPTERS, MANDATE_FP_EXTENSION)
PLANNED_FORCE_COMMANDER = "kst-27925-946-force-commander"
PLANNED_STAFF = "kst-27925-946-staff"
PLANNED_HELICOPTERS = "kst-27925-946-helicopters"
PLANNED_FP_EXTENSION = "kst-27925-980-force-protection"
SOURCE_REPORT = "progress-report-2024-2025"
SOURCE_KAMERSTUK_BROAD = "kamerstuk-27925-943"
SOURCE_SSR_PARTNERS = "euam-ssr-partners"

# Contributions, with their roles and assets
NMI_COMMAND = "nmi-command"
NMI_ADVISERS = "nmi-advisers"
NMI_FP = "nmi-fp"
NMI_HELI = "nmi-heli"
OIR_SOF = "oir-sof"
OIR_JOCAT_N = "oir-jocat-n"
OIR_STAFF = "oir-staff"
MOPA_MILAD = "mopa-milad"
EUAM_POLICE = "euam-police"
EUAM_CIVIL_EXPERTS = "euam-civil-experts"
CONTRIBUTIONS = (
    NMI_COMMAND,
    NMI_ADVISERS,
    NMI_FP,
    NMI_HELI,
    OIR_SOF,
    OIR_JOCAT_N,
    OIR_STAFF,
    MOPA_MILAD,
    EUAM_POLICE,
    EUAM_CIVIL_EXPERTS,
)
HELI_ASSET = "nmi-heli-ch47"
ROLE_FORCE_COMMANDER = "nmi-force-commander"
ROLE_MILITARY_ADVISER = "nmi-military-adviser"
ROLE_CIVIL_ADVISER = "nmi-civil-adviser"
ROLE_JOCAT_N_TEAM_LEADER = "oir-jocat-n-team-leader"
ROLE_JOCAT_N_SUSTAINMENT = "oir-jocat-n-sustainment-advisor"
ROLE_STAFF_CJTF = "oir-staff-cjtf"
ROLE_STAFF_CAOC = "oir-staff-caoc"
ROLE_STAFF_LIAISON = "oir-staff-centcom-liaison"
ROLE_STAFF_CJ9 = "oir-staff-cj9-advisers"
MILESTONE_COMMAND_TRANSFER = "nmi-command-transfer"
MILESTONE_FP_HANDOVER = "nmi-fp-handover"
MILESTONE_HELI_LAST_MISSION = "nmi-heli-last-mission"
MILESTONE_HELI_REDEPLOYMENT = "nmi-heli-redeployment"

# Results framework
LTO_FRAMEWORK = "nmi-lto"
LTO_VERSION = "nmi-lto-conditions"
LTO_6 = "nmi-lto-6"
NMI_OBJECTIVE = "nmi-objective"

# Indicators and observations
TASKING = "tasking"  # the dimension, with values nmi / oir / national
IND_MOVEMENTS = "nmi-fp-movements"
IND_FLIGHT_HOURS = "nmi-heli-flight-hours"
IND_TASKING_SHARE = "nmi-heli-tasking-share"
IND_TOUR_MILITARY = "nmi-tour-military-advisers"
IND_TOUR_CIVIL = "nmi-tour-civil-advisers"
IND_OPERATIONS_SYRIA = "oir-operations-syria"
IND_REPATRIATIONS = "oir-repatriations"
IND_IDPS = "idps"
IND_ISIS_FIGHTERS = "isis-fighters"
IND_IOM_HOUSEHOLDS = "iom-returned-households"
IND_IOM_PERSONS = "iom-returned-persons"
IND_NPA_WOMEN = "npa-women-supported"
OBS_MOVEMENTS = "nmi-fp-movements-2024-2025"
OBS_FLIGHT_HOURS = "nmi-heli-flight-hours-2024-2025"
OBS_SHARE = {
    "nmi": "nmi-heli-share-nmi",
    "oir": "nmi-heli-share-oir",
    "national": "nmi-heli-share-national",
}
OBS_OPERATIONS_2024 = "oir-operations-syria-2024"
OBS_OPERATIONS_2025 = "oir-operations-syria-2025"

# Programmes
PROGRAMME_PROSPECTS = "prospects"
PROGRAMME_IOM = "iom-return"
PROGRAMME_NPA = "npa-support"

# Monitoring and context
VISIT = "monitoring-visit-2024-08"
ELECTION_SUBJECT = "parliamentary-elections-2025"
ELECTION_EVENTS = (
    "elections-october",
    "elections-november-kdp-puk",
    "elections-november-transition",
)
THREAT_LOWERED = "militia-idf-drones-2024-12"
INCIDENT_FP_INJURY = "nmi-fp-injury-2024-12"

# Finance
SPENDING_NMI_2024 = "nmi-2024-biv"
SPENDING_OIR_2024 = "oir-2024-biv"
FUNDING_EUAM_EU = "euam-eu-budget"
FUNDING_CIVIL_EXPERTS = "euam-civil-experts-bz"
FUNDING_POLICE = "euam-police-hgis"

# Digits that the narrative text may contain outside placeholders: they are parts of names
# (the constitutional article, a branch and two Peshmerga units), not figures.
NAMES_WITH_DIGITS = (
    "artikel 100",
    "artikel-100",
    "Article 100",
    "article 100",
    "CJ9",
    "80s",
    "70s",
)


def load_bundled_dataset() -> LoadStats:
    """Load the bundled dataset into the test database (upsert: a second load changes nothing)."""
    from missiemonitor.interchange.dataset import dataset_load

    stats = dataset_load(path=BUNDLED_DATASET)
    assert stats is not None
    return stats
