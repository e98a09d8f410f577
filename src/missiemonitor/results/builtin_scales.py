"""Rating scales that ship with the product. A data migration installs them; datasets refer to
them by key."""

BUILTIN_SCALES = [
    {
        "key": "mm-five-level",
        "name": "Missiemonitor vijf niveaus",
        "name_en": "Missiemonitor five levels",
        "description": "Standaardschaal voor voorwaarden van lange-termijndoelstellingen.",
        "met_threshold": 4,
        "levels": [
            (1, "not-started", "Niet begonnen", "Not started"),
            (2, "initiated", "In gang gezet", "Initiated"),
            (3, "partially-met", "Gedeeltelijk voldaan", "Partially met"),
            (4, "met", "Voldaan", "Met"),
            (5, "sustained", "Duurzaam voldaan", "Met and sustained"),
        ],
    },
    {
        "key": "resolute-support-five-stage",
        "name": "Resolute Support vijf fasen",
        "name_en": "Resolute Support five stages",
        "description": "De vijf fasen waarmee NAVO-adviesmissies de voortgang van mijlpalen beoordelen.",
        "met_threshold": 4,
        "levels": [
            (1, "not-scoped", "Niet afgebakend", "Not scoped"),
            (2, "scoped", "Afgebakend en in gang gezet", "Scoped and initiated"),
            (3, "partially-capable", "Gedeeltelijk capabel", "Partially capable"),
            (4, "fully-capable", "Volledig capabel", "Fully capable"),
            (5, "sustaining", "Zelfstandig duurzaam", "Sustaining capability"),
        ],
    },
    {
        "key": "met-not-met",
        "name": "Voldaan / niet voldaan",
        "name_en": "Met / not met",
        "description": "",
        "met_threshold": 1,
        "levels": [
            (0, "not-met", "Niet voldaan", "Not met"),
            (1, "met", "Voldaan", "Met"),
        ],
    },
]
