"""Sentences of the synthetic data, in Dutch and English: objectives, conditions, findings
with their follow-up actions, context events, threats and incidents. All invented."""

from __future__ import annotations

OBJECTIVE_BY_KIND = {
    "force-protection": (
        "Veilige uitvoering van de adviestaken",
        "Safe conduct of the advisory tasks",
    ),
    "helicopter-detachment": (
        "Luchtmobiliteit voor de missie en haar partners",
        "Air mobility for the mission and its partners",
    ),
    "command": ("Effectieve leiding van de missie", "Effective command of the mission"),
    "staff-officers": (
        "Betere planning en coördinatie in de staf",
        "Better planning and coordination in the staff",
    ),
    "military-advisers": (
        "Beter bestuurde defensie-instellingen",
        "Better-run defence institutions",
    ),
    "special-forces": (
        "Zelfstandig opererende speciale eenheden",
        "Special units operating on their own",
    ),
    "civil-advisers": (
        "Hervormde civiele veiligheidsinstellingen",
        "Reformed civilian security institutions",
    ),
    "police": ("Een professionele en betrouwbare politie", "A professional and trustworthy police"),
    "civil-experts": (
        "Een sterkere rechtsstaat en beter bestuur",
        "A stronger rule of law and better governance",
    ),
}

LTO_TITLES = (
    (
        "Professionele en zelfstandige opleiding van de strijdkrachten",
        "Professional and self-reliant training of the armed forces",
    ),
    (
        "Transparant en verantwoord beheer van de veiligheidssector",
        "Transparent and accountable management of the security sector",
    ),
    (
        "Effectieve civiele controle op de krijgsmacht",
        "Effective civilian control of the armed forces",
    ),
    ("Duurzame logistieke ondersteuning", "Sustainable logistic support"),
    (
        "Rechtsstatelijk optreden van politie en justitie",
        "Police and justice acting under the rule of law",
    ),
    ("Geïntegreerde grensbewaking", "Integrated border security"),
)

CONDITIONS = (
    (
        "Er is een goedgekeurd nationaal opleidingsplan.",
        "An approved national training plan is in place.",
    ),
    (
        "De begroting voor onderhoud is voor drie jaar vastgesteld.",
        "The maintenance budget is set for three years.",
    ),
    (
        "Een eigen instructeurskorps geeft de basisopleiding zelfstandig.",
        "An own instructor corps gives basic training on its own.",
    ),
    ("Personeelsdossiers worden digitaal bijgehouden.", "Personnel records are kept digitally."),
    ("Er is een functionerende inspectiedienst.", "A functioning inspectorate is in place."),
    (
        "Aanbestedingen verlopen volgens gepubliceerde regels.",
        "Procurement follows published rules.",
    ),
    (
        "Een wet op het toezicht op de veiligheidssector is aangenomen.",
        "A law on oversight of the security sector has been adopted.",
    ),
    (
        "Klachten van burgers worden geregistreerd en afgehandeld.",
        "Complaints from citizens are recorded and handled.",
    ),
    (
        "Het ministerie stelt jaarlijks een voortgangsverslag op.",
        "The ministry produces an annual progress report.",
    ),
    (
        "Vrouwen zijn vertegenwoordigd in de officiersopleiding.",
        "Women are represented in officer training.",
    ),
    ("Logistieke voorraden worden centraal beheerd.", "Logistic stocks are managed centrally."),
    (
        "Regionale commando's rapporteren maandelijks aan het hoofdkwartier.",
        "Regional commands report monthly to headquarters.",
    ),
    (
        "Het politieregister is landelijk toegankelijk.",
        "The police register is accessible nationwide.",
    ),
    (
        "Een grensbewakingsplan is met de buurlanden afgestemd.",
        "A border security plan has been agreed with neighbouring countries.",
    ),
    (
        "Er is een strategie voor cyberveiligheid vastgesteld.",
        "A cyber security strategy has been adopted.",
    ),
)
REWORDED = ("In alle regio's geldt: ", "In all regions: ")  # prefixed to a reworded condition

# Findings of monitoring visits: (nl, en, kinds of contribution it concerns or None for the
# mission objective, the follow-up action: nl, en, adjustment nl, adjustment en, what it adjusts).
ADVISER_KINDS = ("military-advisers", "civil-advisers", "police", "civil-experts")
FINDINGS = (
    (
        "De samenwerking met de partner verloopt goed, maar de overdracht van taken gaat langzamer dan gepland.",
        "Cooperation with the partner is good, but the handover of tasks is slower than planned.",
        None,
        (
            "Overdrachtsplan met de partner opstellen.",
            "Draw up a handover plan with the partner.",
            "De verwachte datum van de doelstelling is bijgesteld.",
            "The expected date of the objective was adjusted.",
            "objective",
        ),
    ),
    (
        "De korte rotaties van adviseurs leiden tot verlies van kennis bij de partner.",
        "Short adviser rotations cause a loss of knowledge at the partner.",
        ADVISER_KINDS,
        (
            "Overdrachtsprocedure tussen rotaties vastleggen.",
            "Set down a handover procedure between rotations.",
            "Een overlap van twee weken is verplicht gesteld.",
            "A two-week overlap was made mandatory.",
            "contribution",
        ),
    ),
    (
        "De partner vraagt om langere plaatsingen van civiele adviseurs.",
        "The partner asks for longer postings of civil advisers.",
        ("civil-advisers", "civil-experts"),
        (
            "Plaatsingsduur van civiele adviseurs verlengen.",
            "Extend the posting length of civil advisers.",
            "De plaatsingsduur is verlengd tot 24 maanden.",
            "The posting length was extended to 24 months.",
            "contribution",
        ),
    ),
    (
        "De helikopters worden grotendeels buiten de eigen missie ingezet.",
        "The helicopters are largely used outside their own mission.",
        ("helicopter-detachment",),
        (
            "Inzet van de helikopters voor de eigen missie herzien.",
            "Review the helicopter tasking for the own mission.",
            "De verdeling van vlieguren is bijgesteld.",
            "The allocation of flight hours was adjusted.",
            "contribution",
        ),
    ),
    (
        "Beveiligingsmaatregelen beperken het aantal bezoeken aan de partner.",
        "Security measures limit the number of visits to the partner.",
        ("force-protection",),
        (
            "Bezoekschema met de force protection afstemmen.",
            "Coordinate the visit schedule with force protection.",
            "Het aantal bewegingen is verhoogd.",
            "The number of movements was increased.",
            "contribution",
        ),
    ),
    (
        "De indicatoren voor de opleidingen zijn niet eenduidig gedefinieerd.",
        "The indicators for training are not clearly defined.",
        None,
        (
            "Indicatoren voor opleidingen herdefiniëren.",
            "Redefine the training indicators.",
            "De indicatoren zijn herzien en in het kader opgenomen.",
            "The indicators were revised and added to the framework.",
            "objective",
        ),
    ),
    (
        "Veldrapportages komen niet altijd op tijd binnen.",
        "Field reports do not always arrive on time.",
        (),
        (
            "Herinnering sturen over de termijn van veldrapportages.",
            "Send a reminder about the field report deadline.",
            "De rapportagetermijn is verduidelijkt.",
            "The reporting deadline was clarified.",
            "contribution",
        ),
    ),
    (
        "De mandaatperiode is te kort voor duurzame resultaten.",
        "The mandate period is too short for lasting results.",
        None,
        (
            "Een verlenging van de inzet voorstellen.",
            "Propose an extension of the deployment.",
            "De inzet is in een aanvullende brief met een jaar verlengd.",
            "The deployment was extended by a year in a supplementary letter.",
            "mandate",
        ),
    ),
)
OWNERS = (
    "Directie Oefenmonitoring",
    "Missiestaf",
    "Bureau Oefenevaluatie",
    "Contingentscommandant",
)

EVENTS = {
    "political": (
        ("Nieuwe regering in {country} beëdigd", "New government sworn in in {country}"),
        ("Begroting van {country} aangenomen", "Budget of {country} adopted"),
    ),
    "security": (
        ("Aanvallen op konvooien bij {city}", "Attacks on convoys near {city}"),
        ("Beschietingen rond {city}", "Shelling around {city}"),
    ),
    "terrorism": (
        (
            "Aanslag in {city} opgeëist door de {actor}",
            "Attack in {city} claimed by the {actor_en}",
        ),
    ),
    "militias": (
        (
            "Spanningen tussen milities in de {region}",
            "Tensions between militias in the {region_en}",
        ),
    ),
    "regional": (
        (
            "Grensincident tussen {country} en {neighbour}",
            "Border incident between {country} and {neighbour}",
        ),
    ),
    "human-rights": (
        (
            "Rapport over mensenrechten in {country} verschenen",
            "Report on human rights in {country} published",
        ),
    ),
    "diplomatic": (("Overleg over de toekomst van {acronym}", "Talks on the future of {acronym}"),),
    "humanitarian": (("Overstromingen in de {region}", "Floods in the {region_en}"),),
    "other": (
        (
            "Uitbraak van een besmettelijke ziekte in {city}",
            "Outbreak of an infectious disease in {city}",
        ),
    ),
}
EVENT_FIGURES = {
    "security": ("aanvallen", "attacks"),
    "terrorism": ("doden", "killed"),
    "humanitarian": ("ontheemden", "displaced people"),
    "militias": ("betrokken groepen", "groups involved"),
}

THREATS = (
    ("Indirect vuur en bewapende drones", "Indirect fire and armed drones"),
    ("Bermbommen langs de hoofdroutes", "Roadside bombs along the main routes"),
    ("Aanslagen op internationale doelen", "Attacks on international targets"),
)

INCIDENTS = {
    "injury": (
        "Een militair raakte gewond tijdens een oefening.",
        "A service member was injured during an exercise.",
    ),
    "attack": (
        "Het kamp werd beschoten; er vielen geen slachtoffers.",
        "The camp came under fire; no one was hurt.",
    ),
    "accident": (
        "Een voertuig raakte van de weg tijdens een patrouille.",
        "A vehicle left the road during a patrol.",
    ),
    "security": (
        "Een onbekende drone werd boven het kamp waargenomen.",
        "An unknown drone was seen above the camp.",
    ),
    "other": (
        "Een adviseur werd ziek gerepatrieerd.",
        "An adviser was repatriated after falling ill.",
    ),
}
