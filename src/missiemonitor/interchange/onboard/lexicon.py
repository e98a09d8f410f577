"""The words the onboarding rules read, in Dutch and English: months, number words, vague
qualifiers, and the domain vocabulary of artikel 100-brieven and progress reports (kinds of
contribution, personnel and equipment, context categories, budget sources).

Only general vocabulary of the domain belongs here, never the name of a particular mission,
country or event: those are data, read from the document itself.
"""

from __future__ import annotations

import re

MONTHS = {
    # Dutch
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "dec": 12,
    # English
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10, "mar": 3, "oct": 10,
}
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))

# Number words. Dutch compounds ("honderdvijfenveertig") are parsed from these parts.
NL_UNITS = {
    "nul": 0, "één": 1, "eén": 1, "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "zeven": 7, "acht": 8, "negen": 9,
}
NL_TEENS = {
    "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
}
NL_TENS = {
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
    "tachtig": 80, "negentig": 90,
}
EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {
    "duizend": 1_000, "thousand": 1_000, "miljoen": 1_000_000, "million": 1_000_000,
    "mln": 1_000_000, "mln.": 1_000_000, "miljard": 1_000_000_000, "billion": 1_000_000_000,
    "mld": 1_000_000_000, "mld.": 1_000_000_000, "mrd": 1_000_000_000, "mrd.": 1_000_000_000,
}

# Vague qualifiers before a number, longest first: (words, approximately, bound).
QUALIFIERS: list[tuple[str, bool, str]] = [
    ("een kleine", False, "just-under"), ("just under", False, "just-under"),
    ("ten minste", False, "at-least"), ("tenminste", False, "at-least"), ("minstens", False, "at-least"),
    ("minimaal", False, "at-least"), ("at least", False, "at-least"),
    ("meer dan", False, "more-than"), ("more than", False, "more-than"),
    ("ruim", False, "more-than"), ("well over", False, "more-than"), ("over", False, "more-than"),
    ("maximaal", False, "at-most"), ("hooguit", False, "at-most"), ("ten hoogste", False, "at-most"),
    ("up to", False, "at-most"), ("at most", False, "at-most"), ("tot wel", False, "at-most"),
    ("tot", False, "at-most"), ("minder dan", False, "at-most"), ("less than", False, "at-most"),
    ("fewer than", False, "at-most"),
    ("bijna", False, "just-under"), ("nearly", False, "just-under"), ("almost", False, "just-under"),
    ("circa", True, ""), ("ca.", True, ""), ("ongeveer", True, ""), ("zo'n", True, ""),
    ("zo’n", True, ""), ("rond de", True, ""), ("rondom", True, ""), ("ruwweg", True, ""),
    ("naar schatting", True, ""), ("about", True, ""), ("approximately", True, ""),
    ("around", True, ""), ("roughly", True, ""), ("some", True, ""), ("an estimated", True, ""),
    ("approx.", True, ""),
]

# Kinds of contribution (missions.ContributionKind), found in headings and noun phrases.
# Checked in order: the first pattern that matches names the kind.
CONTRIBUTION_KINDS: list[tuple[str, str]] = [
    (r"force[- ]?protection|beveiligingseenheid|bewakingseenheid", "force-protection"),
    (r"helikopter|helicopter", "helicopter-detachment"),
    (r"force[- ]?commander|commandant|commando over|command(?:er)? of", "command"),
    (r"special (?:operation(?:s)?|operations) forces|special forces|\bsof\b|commando'?s\b", "special-forces"),
    (r"staf-?officier|staff officer|\bstaf\b|\bstaff\b|liaison|verbindingsofficier", "staff-officers"),
    (r"(?:militaire?|military) advi[sz]|\bmilad\b", "military-advisers"),
    (r"(?:civiele?|civilian|civil) (?:\w+ )?advi[sz]", "civil-advisers"),
    (r"politie|police|marechaussee|gendarmerie", "police"),
    (r"(?:civiele?|civilian|civil) experts?|\bexperts?\b|deskundigen", "civil-experts"),
    (r"\badvi[sz]eurs?\b|\badvi[sz]ers?\b|\badvi[sz]ors?\b", "advisers"),  # resolved per section
    (r"detachement|detachment|eenheid|\bunit\b|compagnie|company|peloton|platoon|fregat|frigate", "unit"),
]

# Nouns that count people. A count before one of these is a size (a headcount), not a figure.
PERSONNEL = re.compile(
    r"^(?:militair(?:en)?|militaire|service ?members?|soldaten|soldiers?|troops?|militairen|personeel"
    r"|personnel|staf-?officier(?:en|s)?|staff|officers?|officieren|adviseurs?|advi[sz]ers?|advisors?"
    r"|politiefunctionaris(?:sen)?|politieagenten|agenten|police|marechaussees?|experts?|deskundigen"
    r"|sof-?operators?|operators?|commando'?s|mariniers|marines|vliegers|pilots?|instructeurs|instructors?"
    r"|liaisons?|verbindingsofficieren|medewerkers|functionarissen|diplomaten|diplomats|milads?)$",
    re.I,
)
# Nouns of equipment: a count before one of these is an asset count.
EQUIPMENT = re.compile(
    r"(?:helikopters?|helicopters?|vliegtuigen|vliegtuig|aircraft|jachtvliegtuigen|drones?|fregatten"
    r"|fregat|frigates?|schepen|ships?|voertuigen|vehicles?|pantservoertuigen|chinooks?)$",
    re.I,
)

# Words of a heading that make it a context section, with the event category they give.
CONTEXT_CATEGORIES: list[tuple[str, str]] = [
    (r"milit?ie|militia", "militias"),
    (r"terroris|terrorism", "terrorism"),
    (r"mensenrecht|human rights", "human-rights"),
    (r"humanitai?r", "humanitarian"),
    (r"diplomat", "diplomatic"),
    (r"regio\b|regionale?|regional|\bregion\b", "regional"),
    (r"politie?k(?!e ?functionar)|political|politics", "political"),
    (r"veiligheid(?!ssector)|security situation|\bsecurity\b|dreiging|threat", "security"),
]
FINANCE_HEADING = re.compile(r"financi|financ|begroting|budget|kosten|costs", re.I)

# Budget sources (finance.BudgetSource) as the text names them.
BUDGET_SOURCES: list[tuple[str, str]] = [
    (r"budget internationale veiligheid|\bbiv\b|budget for international security", "biv"),
    (r"\bhgis\b|homogene groep internationale samenwerking", "hgis"),
    (r"eu-begroting|eu-budget|eu budget|begroting van de eu|europese begroting", "eu"),
    (r"apparaatsbudget|begroting van (?:het ministerie van )?\w+|departementale begroting", "ministry"),
]

# Words of a sentence that mark it as a plan rather than a fact.
PLANNED = re.compile(
    r"\b(?:gepland|voorzien|beoogd|naar verwachting|zal|zullen|planned|expected|intended|will)\b", re.I
)
# Verbs and nouns of harm to people, for incidents and event figures.
HARM = re.compile(
    r"\b(?:gewond|verwond|raakte gewond|omgekomen|omkwamen|kwamen om|gedood|sneuvelde|gesneuveld"
    r"|injured|wounded|killed|died)\b", re.I,
)
FATAL = re.compile(r"\b(?:omgekomen|omkwamen|kwamen om|gedood|sneuvelde|gesneuveld|killed|died)\b", re.I)
SERIOUS = re.compile(r"\b(?:zwaar ?gewond|ernstig gewond|seriously|severely)\b", re.I)
ATTACK = re.compile(r"\b(?:aanval\w*|aanslag\w*|beschiet\w*|attack\w*|strike\w*)\b", re.I)

# "Dutch" as the subject of a contribution sentence.
DUTCH = re.compile(r"\b(?:Nederland|Nederlandse|[Tt]he Netherlands|Dutch)\b")
# Verbs of contributing.
CONTRIBUTES = re.compile(
    r"\b(?:levert|leverde|leveren|geleverd|draagt|droeg|dragen|bij(?:gedragen)?|stuurt|stuurde"
    r"|zendt|zond|ingezet|inzet|contribut\w*|provid\w*|deploy\w*|sen[dt]s?)\b", re.I,
)

# Heading words that mean "the Dutch contribution" without naming a kind: they keep the
# mission of the section.
GENERIC_CONTRIBUTION_HEADING = re.compile(r"bijdrage|contribution|terugblik|inzet", re.I)

# Words after "Kamerstuk"-like citations of the letters that decide a deployment.
ARTICLE_100 = re.compile(r"artikel[- ]?100|article[- ]?100", re.I)
SUPPLEMENT = re.compile(r"aanvullende|supplementary|additional|verlenging|extension", re.I)

# Nouns of objectives and conditions.
OBJECTIVE_COUNT = re.compile(r"doelstellingen|objectives|LTO", re.I)
CONDITIONS = re.compile(r"\bvoorwaarden\b|\bconditions\b", re.I)

# Leading words of a mission's kind in "Militaire en civiele bijdrage aan …".
MISSION_KIND = [
    (r"militaire en civiele|civiele en militaire|military and civil(?:ian)?|civil(?:ian)? and military", "mixed"),
    (r"civiele|civil(?:ian)?", "civil"),
    (r"militaire|military", "military"),
]
MISSION_LEAD = [
    (r"\bNAVO\b|\bNATO\b", "nato"),
    (r"\bEU\b|Europese Unie|European Union|\bEU[A-Z]{2,}", "eu"),
    (r"\bVN\b|\bUN\b|Verenigde Naties|United Nations", "un"),
    (r"coalitie|coalition", "coalition"),
    (r"bilateral|bilaterale", "bilateral"),
]
MISSION_WORDS = re.compile(r"missie|mission|operatie|operation", re.I)

# Words that end a unit phrase after a number.
STOPWORDS = frozenset(["van", "voor", "in", "op", "aan", "uit", "naar", "met", "bij", "door", "tot", "om", "over", "per", "en", "of", "maar", "dat", "die", "dit", "deze", "het", "de", "een", "is", "zijn", "was", "waren", "werd", "werden", "wordt", "worden", "heeft", "hebben", "had", "hadden", "zal", "zullen", "kan", "kunnen", "ook", "al", "nog", "wel", "niet", "als", "dan", "waarvan", "waarbij", "waarvoor", "uitgevoerd", "gemaakt", "ingezet", "gevlogen", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "and", "or", "but", "that", "this", "these", "those", "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "also", "still", "been", "be", "which", "who", "per"])
# Nouns that name a time span: a count before them is a duration, not a dated figure.
DURATION = re.compile(r"^(?:jaar|jaren|maand(?:en)?|weken|week|dagen|dag|uur|years?|months?|weeks?|days?|hours?)$", re.I)
# Words before a number that make it an identifier, not a figure.
IDENTIFIER_BEFORE = re.compile(
    r"(?:(?i:artikel|article|art\.|nr\.|nummer|no\.|lid|paragraaf|hoofdstuk|chapter|section|resolutie"
    r"|resolution|LTO|fase|phase|kamerstuk|bijlage|annex|pagina|page|p\.|blz\.|versie|version|rotatie"
    r"|level|niveau|categorie|category))\s*$"
)


def kind_of(text: str) -> str:
    """The contribution kind a heading or noun phrase names, or ''."""
    return first_match(CONTRIBUTION_KINDS, text.lower())


def category_of(text: str) -> str:
    return first_match(CONTEXT_CATEGORIES, text.lower())


def budget_source_of(text: str) -> str:
    return first_match(BUDGET_SOURCES, text.lower())


def first_match(rules: list[tuple[str, str]], text: str, flags: int = 0) -> str:
    for pattern, value in rules:
        if re.search(pattern, text, flags):
            return value
    return ""


def ministry_of(kind: str) -> str:
    """The ministry that usually sends a kind of contribution (police: Justice and Security;
    civilian experts and advisers: Foreign Affairs; the rest: Defence)."""
    if kind == "police":
        return "jenv"
    if kind in {"civil-experts", "civil-advisers"}:
        return "bz"
    return "def"
