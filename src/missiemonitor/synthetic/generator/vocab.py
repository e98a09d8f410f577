"""Words and phrases of the synthetic data, in Dutch and English.

Everything here is invented: the countries, places, armed groups, organisations and people do
not exist. Country codes are ISO 3166-1 user-assigned codes (XA to XZ), which no real country has.
"""

from __future__ import annotations

PHONETIC = (
    "Alfa",
    "Bravo",
    "Charlie",
    "Delta",
    "Echo",
    "Foxtrot",
    "Golf",
    "Hotel",
    "India",
    "Juliett",
    "Kilo",
    "Lima",
    "Mike",
    "November",
    "Oscar",
    "Papa",
    "Quebec",
    "Romeo",
    "Sierra",
    "Tango",
    "Uniform",
    "Victor",
    "Whiskey",
    "Xray",
    "Yankee",
    "Zulu",
)

COUNTRIES = (
    "Noordland",
    "Zuiderveld",
    "Oostmark",
    "Westerdal",
    "Hoogvlakte",
    "Kustland",
    "Bergrijk",
    "Merenland",
    "Duinmark",
    "Steppenland",
    "Rivierland",
    "Woudrijk",
    "Zandvlakte",
    "Eilandenrijk",
    "Dalmark",
    "Heuvelland",
    "Veenland",
    "Rotsmark",
    "Kreekland",
    "Moerasrijk",
    "Valleirijk",
    "Kaapland",
    "Golfland",
    "Graanrijk",
    "Zoutmark",
    "Mistland",
)
COUNTRY_CODES = tuple(f"X{chr(ord('A') + i)}" for i in range(26))

PLACE_HEADS = (
    "Veld",
    "Koren",
    "Steen",
    "Water",
    "Wind",
    "Zand",
    "Berg",
    "Lin",
    "Eik",
    "Roos",
    "Zilver",
    "Vlas",
    "Hazel",
    "Mol",
    "Riet",
    "Beuk",
)
PLACE_TAILS = ("haven", "burg", "dam", "dorp", "stad", "veen", "hoven", "oord", "kerk", "wijk")
REGION_NAMES = (
    ("Noordelijke provincie", "Northern province"),
    ("Kustprovincie", "Coastal province"),
    ("Grensregio", "Border region"),
    ("Binnenland", "Interior"),
    ("Bergprovincie", "Mountain province"),
)

PARTNER_NATIONS = ("BE", "DE", "DK", "ES", "FI", "FR", "IT", "LT", "NO", "PL", "PT", "SE")

# Fictional armed groups: (nl, en).
ACTORS = (
    ("Beweging van de Rode Duinen", "Red Dunes Movement"),
    ("Front voor de Vrije Vallei", "Free Valley Front"),
    ("Broederschap van het Zwarte Meer", "Black Lake Brotherhood"),
    ("Grijze Brigades", "Grey Brigades"),
    ("Milities van het Oosterplateau", "Eastern Plateau militias"),
)

LEADS = {
    "nato": ("NAVO-adviesmissie", "NATO advisory mission"),
    "eu": ("EU-capaciteitsopbouwmissie", "EU capacity-building mission"),
    "un": ("VN-vredesmissie", "UN peacekeeping mission"),
    "coalition": ("coalitieoperatie", "coalition operation"),
    "bilateral": ("bilaterale hervormingssteun", "bilateral reform support"),
}
KINDS_BY_LEAD = {
    "nato": ("military", "mixed"),
    "eu": ("civil", "military", "mixed"),
    "un": ("mixed", "military", "civil"),
    "coalition": ("military",),
    "bilateral": ("military", "civil"),
}

# Contribution kinds: short key, names, ministry, post kind, headcount range, tour (months).
CONTRIBUTION_KINDS = {
    "force-protection": (
        "fp",
        "Force protection-eenheid",
        "Force protection unit",
        "def",
        "unit",
        (70, 150),
        (4, 6),
    ),
    "helicopter-detachment": (
        "heli",
        "Helikopterdetachement",
        "Helicopter detachment",
        "def",
        "unit",
        (45, 90),
        (4, 4),
    ),
    "command": (
        "cmd",
        "Commandant en staf",
        "Commander and staff",
        "def",
        "commander",
        (3, 9),
        (6, 12),
    ),
    "staff-officers": (
        "staf",
        "Stafofficieren",
        "Staff officers",
        "def",
        "staff-officer",
        (4, 12),
        (6, 6),
    ),
    "military-advisers": (
        "madv",
        "Militaire adviseurs",
        "Military advisers",
        "def",
        "military-adviser",
        (2, 10),
        (6, 6),
    ),
    "special-forces": (
        "sof",
        "Special forces-mentoren",
        "Special forces mentors",
        "def",
        "special-forces",
        (8, 20),
        (4, 4),
    ),
    "civil-advisers": (
        "cadv",
        "Civiele adviseurs",
        "Civil advisers",
        "bz",
        "civil-adviser",
        (1, 5),
        (12, 30),
    ),
    "police": (
        "pol",
        "Politiefunctionarissen",
        "Police officers",
        "jenv",
        "police-officer",
        (2, 8),
        (12, 12),
    ),
    "civil-experts": (
        "cexp",
        "Civiele experts",
        "Civil experts",
        "bz",
        "civil-expert",
        (1, 4),
        (12, 24),
    ),
}
MILITARY_EXTRA = (
    "force-protection",
    "helicopter-detachment",
    "command",
    "staff-officers",
    "special-forces",
)
CIVIL_EXTRA = ("police", "civil-experts")

ROLE_NAMES = {
    "unit": (("Eenheid", "Unit"),),
    "commander": (("Commandant", "Commander"), ("Plaatsvervangend commandant", "Deputy commander")),
    "staff-officer": (
        ("Stafofficier planning", "Planning staff officer"),
        ("Stafofficier inlichtingen", "Intelligence staff officer"),
    ),
    "military-adviser": (
        ("Adviseur opleidingen", "Training adviser"),
        ("Adviseur logistiek", "Logistics adviser"),
        ("Adviseur personeelszaken", "Personnel adviser"),
        ("Adviseur strategie", "Strategy adviser"),
    ),
    "special-forces": (("Mentorteam", "Mentoring team"),),
    "civil-adviser": (
        ("Adviseur bestuur", "Governance adviser"),
        ("Adviseur rechtsstaat", "Rule of law adviser"),
        ("Adviseur financieel beheer", "Financial management adviser"),
    ),
    "police-officer": (
        ("Politieadviseur", "Police adviser"),
        ("Adviseur recherche", "Criminal investigation adviser"),
    ),
    "civil-expert": (
        ("Expert grensbeheer", "Border management expert"),
        ("Expert openbaar bestuur", "Public administration expert"),
    ),
}

ASSETS = {
    "helicopter-detachment": (("transporthelikopter", "transport helicopter"), (3, 4)),
    "force-protection": (("pantserwielvoertuig", "armoured wheeled vehicle"), (6, 14)),
    "special-forces": (("terreinvoertuig", "all-terrain vehicle"), (4, 8)),
}

PERSON_NAMES = (
    "A. Voorbeeld",
    "B. de Proef",
    "C. Oefenaar",
    "D. Fictief",
    "E. van Testen",
    "F. Modelman",
    "G. Steekproef",
    "H. Denkbeeld",
)
SIGNATORY_FUNCTIONS = (
    ("De minister van Defensie", "The Minister of Defence"),
    ("De minister van Buitenlandse Zaken", "The Minister of Foreign Affairs"),
    ("De minister van Justitie en Veiligheid", "The Minister of Justice and Security"),
)

MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
