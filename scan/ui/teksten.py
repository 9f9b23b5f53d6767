"""The UI text catalogue: every string the app shows, in Dutch, in one place.

Layer: application (``scan/``). Pages call ``t("sleutel", naam=...)``; a missing key is a
bug that the catalogue test catches, so the fallback shows the key rather than crashing a
workshop. Questionnaire texts are not here: they live in the YAML as language maps.
"""

from __future__ import annotations

from reports.duiding import (
    CONSENSUS_BLIJFT,
    DISCIPLINE_UITLEG,
    GEEN_DISCIPLINEVERSCHIL,
    KERN_NAAM,
    NIET_VERGELIJKBAAR,
    SCHIL_NAAM,
)

NL: dict[str, str] = {
    "app.titel": "Omnichannel zelfscan",
    "algemeen.kies": "Kies of typ om te zoeken",
    "app.ondertitel": "Hoe volwassen is de kanaalaanpak van uw gemeente?",
    "nav.start": "Start",
    "nav.invullen": "Invullen",
    "nav.workshop": "Workshop",
    "nav.resultaten": "Resultaten",
    "nav.over": "Over de scan",
    "nav.doelen": "Doelen",
    "nav.vergelijken": "Vergelijken",
    "nav.beheer": "Beheer",
    "nav.toegankelijkheid": "Toegankelijkheid",
    "nav.privacy": "Privacy",
    "toegankelijkheid.contact": "**Contact voor deze installatie:** {contact}",
    "rol.adviseur": "adviseur",
    "rol.beheerder": "beheerder",
    "toegang.modus.enkel": (
        "**Één-computermodus.** Er is geen inloggen ingesteld. Deze browser heeft de beheerlink geopend en ziet en "
        "beheert alle scanrondes hier; deelnemers op hun eigen apparaat zien alleen hun eigen scanronde. Voor gebruik "
        "door meerdere gemeenten of adviseurs: stel inloggen in (zie de README)."
    ),
    "toegang.ingelogd": "Ingelogd als **{naam}**",
    "toegang.geen_rollen": "U heeft nog geen rol bij een gemeente. Vraag een beheerder van uw gemeente om een rol.",
    "toegang.inloggen": "Inloggen",
    "toegang.overal_beheerder": "Beheerder van deze installatie: alle gemeenten.",
    "toegang.uitloggen": "Uitloggen",
    "toegang.inloggen.uitleg": "Facilitators, adviseurs en beheerders loggen in; deelnemers doen mee met een code.",
    "toegang.inloggen_nodig": (
        "Deze pagina is voor facilitators, adviseurs en beheerders met een account. Log in; deelnemers aan een "
        "workshop hebben geen account nodig en doen mee met de deelnamecode op Start."
    ),
    "toegang.alleen_op_deze_computer": (
        "Deze pagina is alleen te openen in de browser die de beheerlink heeft geopend (één-computermodus, geen "
        "inloggen ingesteld). De beheerlink staat in het venster waarin de app is gestart; op de computer van de "
        "app toont `python -m scan beheerlink` hem opnieuw. Deelnemers doen mee met de deelnamecode op Start."
    ),
    "toegang.starten.inloggen": "Log in om een scanronde te starten of te importeren; deelnemers hebben geen account nodig.",
    "toegang.starten.deze_computer": (
        "Een nieuwe scanronde start u in de browser die de beheerlink heeft geopend (één-computermodus). "
        "Op dit apparaat kunt u meedoen met een deelnamecode."
    ),
    "toegang.starten.geen_gemeente": (
        "U heeft bij geen enkele gemeente de rol facilitator of beheerder, dus u kunt geen scanronde starten. "
        "Vraag een beheerder van de gemeente om die rol."
    ),
    "toegang.modus.enkel.gast": (
        "**Één-computermodus** (geen inloggen ingesteld). Deelnemers doen mee met de deelnamecode. Scanrondes "
        "starten, vergelijken en beheren kan alleen in de browser die de **beheerlink** opent. Die link staat in "
        "het venster waarin de app is gestart; op de computer van de app toont `python -m scan beheerlink` hem "
        "opnieuw."
    ),
    "toegang.beheerlink.onbekend": (
        "Deze beheerlink klopt niet of is vervangen door een nieuwe, dus deze browser krijgt er geen beheerrechten "
        "mee. Gebruik de nieuwste link: op de computer van de app toont `python -m scan beheerlink` hem. "
        "Meedoen met een deelnamecode kan gewoon."
    ),
    "toegang.beheerlink.vervangen": (
        "De beheerlink van deze browser is vervangen door een nieuwe en geeft geen beheerrechten meer. Open de "
        "nieuwe link; op de computer van de app toont `python -m scan beheerlink` hem."
    ),
    "toegang.beheer.stoppen": "Beheer in deze browser stoppen",
    "toegang.cookie_secret_zwak": (
        "Inloggen staat uit: de geheime sleutel voor de inlogcookie (`cookie_secret` in `.streamlit/secrets.toml`) "
        "is de voorbeeldwaarde of korter dan 32 tekens. Daarmee kan iedereen zich als een ander voordoen. De "
        "beheerder van deze installatie zet er een lange willekeurige waarde in en start de app opnieuw (zie "
        "docs/beheer.md, Inloggen)."
    ),
    "toegang.ingelogd_zonder_toegang": (
        "U bent ingelogd, maar dit account geeft geen toegang tot deze pagina. Bovenaan staat waarom."
    ),
    "toegang.geweigerd.zijbalk": "Ingelogd, maar zonder rollen in deze app (zie de melding op de pagina).",
    "toegang.geweigerd.issuer": (
        "U bent ingelogd bij een organisatie (identiteitsprovider) die deze installatie niet toelaat, dus u krijgt "
        "geen rollen, ook niet die van {adres}. Log uit en log in met het account van uw gemeente. Hoort uw "
        "organisatie erbij, vraag dan de beheerder van deze installatie om haar toe te laten."
    ),
    "toegang.geweigerd.geen_subject": (
        "Uw identiteitsprovider gaf geen vaste account-id mee, dus u krijgt geen rollen. Vraag de beheerder van "
        "deze installatie om de instellingen van het inloggen na te kijken."
    ),
    "toegang.geweigerd.onbevestigd": (
        "Uw identiteitsprovider bevestigt niet dat het e-mailadres {adres} van u is, dus u krijgt geen rollen. "
        "Log in met het account van uw gemeente, of vraag de beheerder van deze installatie om hulp."
    ),
    "toegang.geweigerd.gebonden": (
        "Het e-mailadres {adres} hoort in deze app bij een ander account dan waarmee u nu bent ingelogd, dus u "
        "krijgt de rollen van dat adres niet. Log uit en log in met het account waarmee u hier eerder inlogde. "
        "Is uw account vervangen, vraag dan een beheerder om de koppeling van dit adres los te maken (pagina "
        "Beheer). Deze poging staat in het logboek."
    ),
    "workshop.adres.geen_netwerk": (
        "**Telefoons kunnen deze link en QR-code niet openen:** ze wijzen naar deze computer zelf ({adres}), want "
        "deze computer heeft geen netwerkadres. Verbind hem met het wifi of netwerk van de zaal en laad deze pagina "
        "opnieuw (binnen een minuut wijzen link en QR-code dan naar `http://<netwerkadres>:{poort}`), of stel "
        "`{variabele}` in op het adres dat telefoons bereiken en start de app opnieuw."
    ),
    "vergelijken.titel": "Vergelijken",
    "vergelijken.intro": (
        "Zet scanrondes naast elkaar: gemeenten onderling, dezelfde gemeente door de tijd, en (voor gemeenten die "
        "meedoen) de anonieme benchmark met vergelijkbare gemeenten. U ziet alleen scanrondes van gemeenten "
        "waarvoor u een rol heeft. Open rondes tellen mee zoals ze nu zijn ingevuld."
    ),
    "vergelijken.geen_rondes": (
        "Er zijn nog geen scanrondes van gemeenten waarvoor u een rol heeft. Een beheerder van een gemeente kan u "
        "de rol adviseur geven."
    ),
    "vergelijken.kies": "Scanrondes om te vergelijken",
    "vergelijken.kies.zoek": "Typ een gemeente of datum",
    "vergelijken.kies.uitleg": "{aantal} scanrondes beschikbaar; kies er tot 20. De keuze staat in de adresbalk, zodat u de link kunt delen met wie dezelfde rechten heeft.",
    "vergelijken.niets_gekozen": "Kies hierboven één of meer scanrondes.",
    "vergelijken.tab.radar": "Radar",
    "vergelijken.tab.heatmap": "Heatmap",
    "vergelijken.tab.ontwikkeling": "Ontwikkeling",
    "vergelijken.tab.benchmark": "Benchmark",
    "vergelijken.radar.groep": "Welke radar",
    "vergelijken.radar.kern": "Kernbouwstenen",
    "vergelijken.radar.aanvullend": "Aanvullende bouwstenen",
    "vergelijken.radar.dimensies": "Dimensies",
    "vergelijken.radar.alt": "Radar met de scores (0-100) van de gekozen scanrondes over elkaar; de tabel ernaast geeft dezelfde cijfers.",
    "vergelijken.kol.onderdeel": "Onderdeel",
    "vergelijken.kol.verschil": "Verschil",
    "vergelijken.kol.eigen": "Eigen score",
    "vergelijken.kol.mediaan": "Mediaan",
    "vergelijken.kol.plaats": "Plaats",
    "vergelijken.heatmap.titel": "Score per bouwsteen en scanronde",
    "vergelijken.heatmap.alt": "Heatmap: per bouwsteen (rij) en scanronde (kolom) de score 0-100, het getal staat in elk vak.",
    "vergelijken.tabel": "Alle cijfers als tabel",
    "vergelijken.ontwikkeling.geen": (
        "Kies twee of meer scanrondes van dezelfde gemeente om te zien wat er tussen de rondes veranderde."
    ),
    "vergelijken.ontwikkeling.gemeente": "Gemeente",
    "vergelijken.ontwikkeling.titel": "{gemeente}: van de vorige naar de laatste scanronde",
    "vergelijken.ontwikkeling.alt": "Per bouwsteen de score in de vorige en de laatste scanronde, verbonden door een lijn, met het verschil.",
    "vergelijken.benchmark.uitleg": (
        "De benchmark zet een scanronde naast de spreiding van andere gemeenten die meedoen: per onderdeel de "
        "middelste helft (van het eerste tot het derde kwartiel) en de mediaan. Elke gemeente telt één keer, met "
        "haar laatste afgeronde scanronde. Welke gemeenten erin zitten, blijft geheim, en een groep met minder dan "
        "{minimum} gemeenten toont geen cijfers."
    ),
    "vergelijken.benchmark.ronde": "Scanronde",
    "vergelijken.benchmark.groep": "Vergelijk met",
    "vergelijken.benchmark.grootteklasse": "even grote gemeenten",
    "vergelijken.benchmark.provincie": "gemeenten in de provincie",
    "vergelijken.benchmark.titel": "Ten opzichte van {groep}",
    "vergelijken.benchmark.alt": "Per onderdeel de middelste helft van de groep als balk, de mediaan als streep en de eigen score als punt.",
    "vergelijken.te_weinig": "te weinig gegevens",
    "vergelijken.excel": "Vergelijking downloaden (Excel)",
    "vergelijken.excel.uitleg": "Wat op deze pagina staat: de scores per ronde, de ontwikkeling en de benchmark.",
    "beheer.titel": "Beheer",
    "beheer.intro": (
        "Per gemeente: wie toegang heeft tot haar scanrondes (en met welke rol), of de gemeente meedoet aan de "
        "anonieme benchmark, de bewaartermijn van persoonsgegevens en het verwijderen van een scanronde. U ziet "
        "hier alleen gemeenten waarvan u beheerder bent."
    ),
    "beheer.enkel": (
        "Één-computermodus: er is geen inloggen ingesteld, dus rollen hebben nu nog geen effect. U kunt ze alvast "
        "vastleggen; ze gelden zodra inloggen is ingesteld."
    ),
    "beheer.geen": "U bent van geen enkele gemeente beheerder.",
    "beheer.gemeente": "Gemeente",
    "beheer.benchmark.kop": "Anonieme benchmark",
    "beheer.benchmark.uitleg": (
        "Doet de gemeente mee, dan tellen de scores van haar laatste afgeronde scanronde anoniem mee in de "
        "spreiding van even grote gemeenten en van de provincie, en ziet zij zelf hoe zij daar tegenover staat "
        "(ook in de managementsamenvatting). Andere gemeenten zien nooit de scores van één gemeente, alleen "
        "kwartielen van groepen met minstens {minimum} gemeenten, en niet welke gemeenten meedoen."
    ),
    "beheer.benchmark.toggle": "{gemeente} doet mee aan de anonieme benchmark",
    "beheer.benchmark.opgeslagen": "Benchmarkdeelname opgeslagen",
    "beheer.benchmark.sinds": "Doet mee sinds {datum} (aangezet door {door}).",
    "beheer.rollen.kop": "Rollen bij {gemeente}",
    "beheer.rollen.uitleg": (
        "Rollen horen bij het e-mailadres waarmee iemand inlogt. Deelnemers aan een workshop hebben geen rol "
        "nodig: zij doen mee met de deelnamecode."
    ),
    "beheer.rollen.geen": "Nog niemand heeft een rol bij deze gemeente.",
    "beheer.rollen.door": "toegekend door {door} op {datum}",
    "beheer.rollen.intrekken": "Intrekken",
    "beheer.rollen.ingetrokken": "Rol ingetrokken",
    "beheer.rollen.email": "E-mailadres",
    "beheer.rollen.rol": "Rol",
    "beheer.rollen.betekenis": (
        "Facilitator: start en leidt scanrondes. Adviseur: bekijkt en vergelijkt de scanrondes. "
        "Beheerder: ook rollen en benchmarkdeelname."
    ),
    "beheer.rollen.toekennen": "Rol toekennen",
    "beheer.rollen.toegekend": "Rol toegekend",
    "beheer.identiteiten.kop": "Inlogaccounts",
    "beheer.identiteiten.uitleg": (
        "Een rol hoort bij een e-mailadres. De eerste keer dat iemand met dat adres inlogt, koppelt de app het "
        "adres aan dat account (bij Microsoft Entra ID: de organisatie en het object-id). Wie daarna met hetzelfde "
        "adres maar een ander account inlogt, krijgt geen rollen. Is iemands account vervangen, maak de koppeling "
        "dan los: de volgende inlog met dat adres koppelt het opnieuw. Hieronder de adressen met een rol bij "
        "{gemeente}."
    ),
    "beheer.identiteiten.geen": "Nog geen adres met een rol bij deze gemeente heeft ingelogd.",
    "beheer.identiteiten.regel": "{email}  \n:gray[account bij {issuer}, gekoppeld op {sinds}, laatst gezien {gezien}]",
    "beheer.identiteiten.losmaken": "Koppeling losmaken",
    "beheer.identiteiten.losgemaakt": "Koppeling losgemaakt",
    "beheer.identiteiten.niet_los": "Alleen een beheerder van alle gemeenten van dit adres kan dit losmaken.",
    "rol.facilitator": "facilitator",
    "rol.deelnemer": "deelnemer",
    "fout.schema": (
        "De app kan de database nu niet gebruiken, dus er wordt niets opgeslagen. Er is niets verloren "
        "gegaan. Waarschuw de facilitator of de beheerder, en laad de pagina opnieuw zodra die het "
        "heeft opgelost.\n\n"
        "Voor de beheerder: deze versie van de app ({versie}) kan de database niet gebruiken: {regel}. "
        "Werk de app bij naar de versie die de database heeft bijgewerkt (of voer `python -m scan migrate` "
        "uit als het schema achterloopt); zie docs/beheer.md, 'Bijwerken en terugdraaien'."
    ),
    "fout.database": (
        "De database is niet bereikbaar, dus de scan kan nu niet worden opgeslagen. Er is niets verloren gegaan. "
        "Vraag de beheerder om DATABASE_URL en de databaseserver te controleren, en laad de pagina daarna opnieuw."
    ),
    "fout.doelen": (
        "De doelenbibliotheek kan niet geladen worden. Vraag de beheerder om `python -m scan validate` uit te "
        "voeren. Gevonden problemen:"
    ),
    "fout.onverwacht": (
        "Er ging iets mis bij het tonen van deze pagina. Uw opgeslagen antwoorden zijn veilig. Laad de pagina "
        "opnieuw of ga verder waar u was; lukt het dan nog niet, meld het aan de facilitator."
    ),
    "fout.opnieuw_laden": "Opnieuw laden",
    "fout.naar_invullen": "Terug naar de stellingen",
    "fout.naar_start": "Naar Start",
    "fout.geen_sessie": (
        "U doet nog niet mee aan een scanronde in deze browser. Ga naar Start en vul de deelnamecode in, "
        "of open uw persoonlijke link."
    ),
    "start.over": "Bekijk eerst de zestien bouwstenen, de vijf niveaus en de stellingen",
    "start.welkom": "Welkom terug, {naam}",
    "start.welkom.ronde": "U doet als **{rol}** mee aan scanronde **{code}** van **{gemeente}** ({datum}).",
    "start.verder": "Verder met invullen",
    "start.fout.toast": "Niet gelukt: de reden staat bij het formulier.",
    "start.afmelden": "Afmelden in deze browser",
    "start.persoonlijke_link": (
        "Uw persoonlijke link. Bewaar hem: ermee gaat u later of op een ander apparaat verder waar u was. "
        "Deel hem niet, want wie hem heeft, kan uw antwoorden wijzigen."
    ),
    "start.tab.meedoen": "Meedoen met een code",
    "start.tab.nieuw": "Nieuwe scanronde starten",
    "start.tab.terug": "Verder met uw persoonlijke link",
    "start.meedoen.uitleg": (
        "De facilitator laat een deelnamecode van acht tekens zien (of een QR-code die deze pagina opent). "
        "Vul de code en uw naam in."
    ),
    "start.code": "Deelnamecode",
    "start.naam": "Uw naam",
    "start.naam.voorbeeld": "bijvoorbeeld Anna de Vries of Anna (KCC)",
    "start.functie": "Uw functie of afdeling (optioneel)",
    "start.functie.voorbeeld": "bijvoorbeeld teamleider KCC",
    "start.meedoen.knop": "Meedoen",
    "start.nieuw.uitleg": (
        "Als facilitator start u een scanronde voor één gemeente. U krijgt een deelnamecode, een link en een "
        "QR-code voor de werkgroep, en een workshopscherm om te projecteren."
    ),
    "start.gemeente": "Gemeente",
    "start.gemeente.zoek": "Typ om te zoeken, bijvoorbeeld Utrecht",
    "start.gemeente.kies": "Kies eerst de gemeente uit de lijst (typ een deel van de naam om te zoeken).",
    "start.datum": "Datum van de workshop",
    "start.omschrijving": "Omschrijving (optioneel)",
    "start.omschrijving.voorbeeld": "bijvoorbeeld nulmeting werkgroep dienstverlening",
    "start.nieuw.knop": "Scanronde starten",
    "start.bron": "Gemeentelijke indeling op 1 januari 2025. Bron: Centraal Bureau voor de Statistiek (CBS).",
    "start.terug.uitleg": (
        "Plak hier uw persoonlijke link (of alleen het deel na d=). De facilitator kan uw link opnieuw tonen "
        "als u hem kwijt bent."
    ),
    "start.terug.link": "Persoonlijke link",
    "start.terug.knop": "Verder gaan",
    "start.terug.leeg": "Plak eerst uw persoonlijke link in het vak (of alleen het deel na d=).",
    "start.link.onbekend": (
        "Deze persoonlijke link is onbekend of niet meer geldig: misschien is hij niet helemaal gekopieerd, heeft "
        "de facilitator u uit de scanronde gehaald, of is de scanronde verwijderd. Vraag de facilitator om uw link, "
        "of doe opnieuw mee met de deelnamecode."
    ),
    "start.terug.onbekend": (
        "Deze link hoort bij geen enkele deelnemer. Controleer of u de hele link hebt geplakt, "
        "of vraag de facilitator om uw link."
    ),
    "workshop.alleen_facilitator": "Het workshopscherm is er voor de facilitator van deze scanronde.",
    "workshop.titel": "Workshop {gemeente}",
    "workshop.groot": "Grote letters voor de beamer",
    "workshop.verversen": "Automatisch verversen",
    "workshop.verversen.uitleg": (
        "Aan: de voortgang en de bespreekpunten werken zich elke paar seconden bij. Uit: alles blijft staan tot u "
        "het weer aanzet (handig om rustig te lezen of met een schermlezer)."
    ),
    "workshop.qr.alt": "QR-code met de deelnamelink {link} (deelnamecode {code})",
    "workshop.meedoen": "## Doe mee: scan de QR-code, of ga naar de link en vul deze code in",
    "workshop.link": "Link voor deelnemers:",
    "workshop.qr": "Scan met de camera van uw telefoon",
    "workshop.voortgang.kop": "Wie vult wat in ({aantal} deelnemers)",
    "workshop.voortgang.samenvatting": "{klaar} van {aantal} klaar met alle stellingen · bijgewerkt om {nu}",
    "workshop.kol.naam": "Naam",
    "workshop.kol.functie": "Functie of rol",
    "workshop.kol.beantwoord": "Beantwoord",
    "workshop.kol.beantwoord.waarde": "{aantal} van {totaal}",
    "workshop.kol.ambities": "Ambities",
    "workshop.kol.actief": "Laatst opgeslagen",
    "workshop.tab.bouwsteen": "Per bouwsteen",
    "workshop.tab.links": "Persoonlijke links",
    "workshop.tab.afronden": "Afronden",
    "invullen.afgerond": (
        "Deze scanronde is afgerond: u kunt uw antwoorden nog bekijken, maar niet meer wijzigen. "
        "De uitkomst staat onder Resultaten."
    ),
    "workshop.afronden.uitleg": (
        "Rond de scanronde af als de werkgroep klaar is: de antwoorden en afspraken liggen dan vast, niemand kan "
        "nog meedoen, en de scores tellen mee in vergelijkingen en (als uw gemeente meedoet) in de anonieme "
        "benchmark. Doelen kunt u daarna gewoon blijven bijwerken. Heropenen kan altijd."
    ),
    "workshop.afronden.zeker": "De werkgroep is klaar; de antwoorden mogen vastliggen.",
    "workshop.afronden.knop": "Scanronde afronden",
    "workshop.afgerond": (
        "Deze scanronde is afgerond: de antwoorden liggen vast en de scores tellen mee in vergelijkingen. "
        "Heropen de ronde als er toch nog iets moet veranderen."
    ),
    "workshop.heropenen": "Scanronde heropenen",
    "werkgroep.tab.deelnemers": "Deelnemers",
    "werkgroep.tab.ambities": "Ambities",
    "werkgroep.deelnemers.uitleg": (
        "Heeft iemand zich per ongeluk aangemeld, staat een naam verkeerd, of vraagt iemand zijn of haar "
        "gegevens te wissen? Kies de deelnemer en pas de naam aan, of wis de persoonsgegevens. Wie gewist wordt, "
        "verdwijnt met alle antwoorden, toelichtingen en ambities uit de resultaten, de PDF's en de exports."
    ),
    "werkgroep.kol.naam": "Naam",
    "werkgroep.kol.rol": "Rol",
    "werkgroep.kol.functie": "Functie",
    "werkgroep.kol.beantwoord": "Beantwoord",
    "werkgroep.kol.ambities": "Ambities",
    "werkgroep.kies": "Deelnemer",
    "werkgroep.kies.leeg": "Kies een deelnemer",
    "werkgroep.hernoem.kop": "**Naam wijzigen**",
    "werkgroep.hernoem.label": "Nieuwe naam",
    "werkgroep.hernoem.knop": "Naam opslaan",
    "werkgroep.hernoemd": "De naam is nu **{naam}**.",
    "werkgroep.verwijder.kop": "**Persoonsgegevens wissen**",
    "werkgroep.verwijder.zelf": (
        "Uw eigen gegevens kunt u hier niet wissen: de scanronde heeft een facilitator nodig. Een andere "
        "facilitator of een beheerder van de gemeente kan dat."
    ),
    "werkgroep.verwijder.uitleg": (
        "Dit wist de naam, de functie, alle antwoorden en toelichtingen, de ambities en de persoonlijke link van "
        "deze deelnemer. Staat de naam elders in de scanronde (bij een vastgesteld niveau, een ambitie, een doel, "
        "een notitie, een toelichting van een ander of in het logboek), dan komt daar 'een deelnemer' of 'de "
        "facilitator' te staan. Is de scanronde afgerond, dan worden de kerncijfers opnieuw berekend. Wissen kan "
        "niet ongedaan worden gemaakt."
    ),
    "werkgroep.verwijder.bevestig": "Ja, wis alle gegevens van {naam}",
    "werkgroep.verwijder.knop": "Gegevens wissen",
    "werkgroep.verwijderd": "De gegevens van {naam} zijn gewist, met alle antwoorden, toelichtingen en ambities.",
    "werkgroep.afgerond": (
        "De scanronde is afgerond: ambities vastleggen kan pas weer na heropenen (tab Afronden). Een naam "
        "wijzigen en de gegevens van een deelnemer wissen kan wel."
    ),
    "werkgroep.ambities.uitleg": (
        "Leg per bouwsteen de ambitie vast waarover de werkgroep het eens is. De resultaten, de PDF's en de "
        "exports gebruiken dan die ambitie; zonder vastgestelde ambitie tellen ze de mediaan van de persoonlijke "
        "ambities. De spreiding van de persoonlijke ambities helpt bij het gesprek."
    ),
    "werkgroep.kol.bouwsteen": "Bouwsteen",
    "werkgroep.kol.nu": "Nu (niveau)",
    "werkgroep.kol.persoonlijk": "Persoonlijke ambities",
    "werkgroep.kol.mediaan": "Mediaan",
    "werkgroep.kol.vastgesteld": "Vastgesteld",
    "werkgroep.kol.telt": "Telt in de resultaten",
    "werkgroep.persoonlijk": "{laagste}–{hoogste} ({aantal} pers.)",
    "werkgroep.telt.vastgesteld": "{niveau} (vastgesteld)",
    "werkgroep.telt.mediaan": "{niveau} (mediaan)",
    "werkgroep.ambitie.bouwsteen": "Bouwsteen",
    "werkgroep.ambitie.stand": ("Persoonlijke ambities: {verdeling}. Nu: {nu}. In de resultaten telt nu: **{telt}**."),
    "werkgroep.ambitie.stand.verdeling": "laagste {laagste}, hoogste {hoogste}, mediaan {mediaan} ({aantal} personen)",
    "werkgroep.ambitie.stand.geen": "nog niemand",
    "werkgroep.ambitie.stand.geen_score": "nog geen score",
    "werkgroep.ambitie.stand.niets": "geen ambitie",
    "werkgroep.ambitie.niveau": "Vastgestelde ambitie",
    "werkgroep.ambitie.waarom": "Waarom (kort, optioneel)",
    "werkgroep.ambitie.knop": "Ambitie vastleggen",
    "werkgroep.ambitie.wis": "Vastgestelde ambitie wissen",
    "werkgroep.ambitie.opgeslagen": "Ambitie vastgelegd voor {bouwsteen}: niveau {niveau}.",
    "werkgroep.ambitie.gewist": "Vastgestelde ambitie van {bouwsteen} gewist; de mediaan telt weer.",
    "werkgroep.ambitie.niets_gewist": "{bouwsteen} had geen vastgestelde ambitie.",
    "werkgroep.ambitie.kies_niveau": "Kies eerst een niveau.",
    "werkgroep.verwijderd.melding": (
        "U doet niet meer mee aan deze scanronde: de facilitator heeft u eruit gehaald, of uw persoonlijke link "
        "is niet meer geldig. Hoort u er wel bij? Vraag de facilitator om de deelnamecode en doe opnieuw mee via "
        "Start."
    ),
    "workshop.bespreekpunten.uitleg": (
        "Hier liggen de deelnemers twee of meer niveaus uit elkaar. Bovenaan staat wat het eerst besproken "
        "moet worden. Bespreek de stelling, kies samen een niveau en leg kort vast waarom."
    ),
    "workshop.bespreekpunten.geen": "Nog geen bespreekpunten: waar al geantwoord is, liggen de antwoorden dicht bij elkaar.",
    "workshop.bespreekpunten.meer": "Nog {aantal} open bespreekpunten; ze verschijnen hier zodra er een is besproken, en staan ook bij Per bouwsteen.",
    "workshop.status.consensus": "consensus: niveau {niveau}",
    "workshop.status.spreiding": "spreiding {spreiding}",
    "workshop.weet_niet": "weet niet",
    "workshop.nvt": "n.v.t.",
    "workshop.toelichtingen": "**Toelichtingen van deelnemers** (zonder namen):",
    "workshop.consensus.huidig": "Consensus: niveau {niveau} · {naam}. Vastgelegd door {door} om {tijd}. Waarom: {waarom}",
    "workshop.consensus.niveau": "Afgesproken niveau",
    "workshop.consensus.waarom": "Waarom (kort)",
    "workshop.consensus.knop": "Vastleggen",
    "workshop.consensus.opgeslagen": "Consensus vastgelegd bij stelling {stelling}: niveau {niveau}",
    "workshop.besproken.kop": "Besproken, met consensus ({aantal})",
    "workshop.consensus.gewist": "Consensus gewist",
    "workshop.zie_melding": "Niet gelukt: de reden staat bovenaan de pagina.",
    "workshop.zie_stelling": "Niet vastgelegd: de reden staat bij de stelling.",
    "workshop.verdeling.titel": "Antwoorden per stelling: {bouwsteen}",
    "workshop.verdeling.alt": (
        "Tabel als kleurvlakken: per stelling van {bouwsteen} het aantal deelnemers per niveau, weet niet en n.v.t."
    ),
    "workshop.links.uitleg": (
        "Is een deelnemer zijn persoonlijke link kwijt, of wil iemand op een ander apparaat verder? "
        "Geef hem dan zijn eigen link, bijvoorbeeld per chat."
    ),
    "workshop.links.toon": "Links tonen (niet doen terwijl het scherm geprojecteerd wordt)",
    "nav.scherm": "Presentatiescherm",
    "workshop.scherm.kop": "Presentatiescherm voor de beamer",
    "workshop.scherm.uitleg": (
        "Projecteer niet deze pagina: de adresbalk bevat uw persoonlijke link. Open het presentatiescherm "
        "in een nieuw venster of op de computer van de beamer; het toont alleen en kan niets veranderen."
    ),
    "workshop.scherm.openen": "Presentatiescherm openen",
    "workshop.scherm.vernieuwen": "Nieuwe presentatielink",
    "workshop.scherm.vernieuwen.uitleg": "Maakt een nieuwe link; de oude link van het presentatiescherm werkt dan niet meer.",
    "workshop.scherm.vernieuwd": "Nieuwe presentatielink gemaakt; de oude werkt niet meer.",
    "workshop.tab.bespreekpunten.vast": "Bespreekpunten",
    "workshop.agenda.minuten": "Minuten per bespreekpunt",
    "workshop.agenda.budget": "Tijd voor de bespreking (minuten)",
    "workshop.agenda.stand": (
        "**Nog te bespreken: {resterend}**, ca. {minuten} minuten. Binnen {budget} minuten passen er {past}. "
        "Besproken: {besproken} · geparkeerd: {geparkeerd}."
    ),
    "workshop.agenda.volgorde": (
        "Volgorde: kernbouwstenen eerst, dan de grootste spreiding, waar de werkgroep gokt, de grootste afstand "
        "tot de ambitie en de meeste deelnemers ver uit elkaar. Later en geparkeerd staan achteraan."
    ),
    "workshop.agenda.buiten_budget": "Past niet meer binnen {budget} minuten:",
    "workshop.agenda.geparkeerd.kop": "Geparkeerd ({aantal})",
    "workshop.agenda.parkeren": "Parkeren",
    "workshop.agenda.later": "Later",
    "workshop.agenda.terug": "Terug op de agenda",
    "workshop.agenda.gemarkeerd.later": "later",
    "workshop.agenda.gemarkeerd.geparkeerd": "geparkeerd",
    "workshop.agenda.opgeslagen": "Agenda bijgewerkt bij stelling {stelling}",
    "workshop.consensus.wissen": "Consensus wissen",
    "scherm.geen_link": (
        "Dit is het presentatiescherm van een workshop. Open het met de link die de facilitator op de "
        "Workshop-pagina ziet (Presentatiescherm openen)."
    ),
    "scherm.onbekend": (
        "Deze link van het presentatiescherm werkt niet (meer). Misschien heeft de facilitator een nieuwe "
        "gemaakt: open op de Workshop-pagina opnieuw Presentatiescherm openen."
    ),
    "scherm.kop": "Workshop {gemeente}",
    "scherm.afgerond": "De scanronde is afgerond: de antwoorden liggen vast.",
    "scherm.meedoen": "Doe mee: scan de QR-code, of ga naar de link en vul deze code in",
    "scherm.meedoen.klein": "Later binnen? Doe mee met code **{code}** via {link}",
    "scherm.voortgang.kop": "Ingevuld · {klaar} van {aantal} klaar",
    "scherm.voortgang.leeg": "Nog niemand binnen: scan de QR-code om mee te doen.",
    "scherm.kol.naam": "Naam",
    "scherm.kol.voortgang": "Stellingen",
    "scherm.kol.aantal_beantwoord": "Beantwoord",
    "scherm.voortgang.klaar": "✓ klaar",
    "scherm.voortgang.aantal": "{aantal} van {totaal}",
    "scherm.h1": "Presentatiescherm van de workshop {gemeente}",
    "scherm.agenda.stand": "Nog te bespreken: **{resterend}** · ca. **{minuten}** min",
    "scherm.agenda.budget": "Binnen {budget} min: de eerste {past} · besproken {besproken} · geparkeerd {geparkeerd}",
    "scherm.nu": "Nu bespreken: stelling {nummer} · {bouwsteen}",
    "scherm.kol.aantal": "Aantal",
    "scherm.kol.niveau": "Niveau",
    "scherm.kol.betekenis": "Wat dat niveau inhoudt",
    "scherm.verdeling.rest": "Weet niet: {weet_niet} · n.v.t.: {nvt} · nog niet beantwoord: {open}",
    "scherm.daarna": "Daarna",
    "scherm.buiten_budget": "Past niet meer in {budget} min:",
    "scherm.later": "(later)",
    "scherm.meer": "en nog {aantal}",
    "scherm.geen_bespreekpunten": "Nog geen bespreekpunten: waar al geantwoord is, liggen de antwoorden dicht bij elkaar.",
    "scherm.alles_besproken": "Alle bespreekpunten zijn besproken of geparkeerd.",
    "scherm.bijgewerkt": "Bijgewerkt om {nu}",
    # --- issue 16: regie (the facilitator's Samen control, the projector in a Samen session) ---
    "regie.werkwijze": "Werkwijze",
    "regie.modus.eigen_tempo": "Eigen tempo",
    "regie.modus.samen": "Samen",
    "regie.op_naam": "Namen bij antwoorden (alleen voor u)",
    "regie.uitleg.eigen_tempo": (
        "Eigen tempo: iedereen vult alle stellingen in zijn eigen tempo in. Kies Samen om de zaal per bouwsteen "
        "blind te laten stemmen en daarna te onthullen."
    ),
    "regie.uitleg.samen": (
        "Samen: u opent een bouwsteen of stelling, de telefoons volgen. Niemand ziet andermans antwoord tot u "
        "onthult, ook het presentatiescherm niet."
    ),
    "regie.naam.uit": "Anoniem: u ziet wie al geantwoord heeft, niet wie wat antwoordde.",
    "regie.naam.aan": "Op naam: u ziet namen bij de antwoorden; het presentatiescherm toont nooit namen.",
    "regie.sneltoetsen": "Sneltoetsen",
    "regie.sneltoetsen.uitleg": (
        "Aan: → volgende bouwsteen, O onthullen, H herstemming, T timer opnieuw. Zet uit als de toetsen u of uw "
        "schermlezer in de weg zitten."
    ),
    "regie.nog_niets": "Nog geen onderdeel geopend. Druk op Volgende bouwsteen om met de eerste te beginnen.",
    "regie.status.blind": "Blind: de antwoorden blijven verborgen tot u onthult.",
    "regie.status.onthuld": "Onthuld: de verdeling is zichtbaar, ook op het presentatiescherm.",
    "regie.geantwoord": "**{klaar} van {aantal}** hebben geantwoord",
    "regie.geantwoord.herstemming": "**{klaar} van {aantal}** hebben opnieuw gestemd",
    "regie.wacht_op": "nog bezig: {namen}",
    "regie.timer": "Timer: {tijd} van {minuten} min gepland",
    "regie.timer.los": "Timer: {tijd}",
    "regie.timer.over": "Dit onderdeel loopt {over} over de geplande tijd.",
    "regie.knop.volgende": "Volgende bouwsteen",
    "regie.knop.onthul": "Onthullen",
    "regie.knop.herstem": "Herstemming {nummer}",
    "regie.knop.herstem_geen": "Herstemming",
    "regie.knop.timer": "Timer opnieuw",
    "regie.knop.bouwsteen": "Bouwsteen openen",
    "regie.knop.stelling": "Stelling openen",
    "regie.knop.herstemming": "Herstemming openen",
    "regie.gedaan.volgende": "Volgende bouwsteen geopend",
    "regie.gedaan.onthul": "Onthuld",
    "regie.gedaan.herstem": "Herstemming geopend",
    "regie.gedaan.timer": "Timer opnieuw gestart",
    "regie.gedaan.bouwsteen": "Bouwsteen geopend",
    "regie.gedaan.stelling": "Stelling geopend",
    "regie.kies_stelling": "Kies eerst een stelling.",
    "regie.anders_openen": "Een andere bouwsteen, stelling of herstemming openen",
    "regie.kies_bouwsteen": "Bouwsteen",
    "regie.kies_stelling.label": "Eén stelling",
    "regie.kies_stelling.leeg": "Kies een stelling",
    "regie.kies_herstemming": "Herstemming over (al gestemd en zichtbaar)",
    "regie.kol.stelling": "Stelling",
    "regie.kol.eerste": "Eerste stem",
    "regie.kol.wie": "Wie (op naam)",
    "regie.uitkomst.geen": "Nog geen niveaus in de herstemming.",
    "regie.uitkomst.samengekomen": "Samengekomen: spreiding {voor} → {na}, alle niveaus binnen één niveau.",
    "regie.uitkomst.uiteen_gebleven": "Uiteen gebleven: spreiding {voor} → {na}.",
    "regie.uitkomst.verder_uiteen": "Verder uiteen: spreiding {voor} → {na}.",
    "regie.presenteren": "Presenteren met sneltoetsen",
    "regie.presenteren.uitleg": (
        "Toont in dit venster het presentatiescherm met de knoppen en sneltoetsen eronder, om op de beamer te "
        "zetten. De adresbalk toont dan alleen de presentatielink, niet uw persoonlijke link."
    ),
    "regie.plan.kop": "Sessieplan: {gepland} van {duur} minuten",
    "regie.plan.duur": "Duur van de sessie (minuten)",
    "regie.plan.standaard": "Nog niet ingesteld: het plan rekent met {duur} minuten.",
    "regie.plan.kol.onderdeel": "Onderdeel",
    "regie.plan.kol.minuten": "Minuten",
    "regie.plan.intro": "Opening en uitleg",
    "regie.plan.scoren": "Blind scoren en onthullen",
    "regie.plan.bespreken": "Bespreekpunten",
    "regie.plan.doelen": "Doelen",
    "regie.plan.punten": "Er passen {past} van de {van} bespreekpunten, {minuten} minuten per punt.",
    "regie.plan.over": (
        "Het plan loopt {over} minuten uit over de {duur} minuten van de sessie: maak de sessie langer of kies "
        "minder bouwstenen."
    ),
    "regie.disciplines.uitleg": (
        "Zien de disciplines een bouwsteen anders? Per groep het gemiddelde niveau. Een discipline met één persoon "
        "telt mee in een grotere groep, zodat niemand herkenbaar is. Alleen voor u, nooit op het "
        "presentatiescherm."
    ),
    "regie.disciplines.leeg": "Nog niet genoeg antwoorden van verschillende disciplines om te vergelijken.",
    "regie.kol.bouwsteen": "Bouwsteen",
    "regie.kol.groepen": "Groepen (personen): gemiddeld niveau",
    "regie.kol.verschil": "Verschil",
    "regie.kol.anders": "Ziet het anders?",
    "regie.ziet_anders": "ja, een niveau of meer",
    "regie.groep": "{namen} ({personen}): {gemiddelde}",
    "regie.discipline.kcc": "KCC",
    "regie.discipline.backoffice": "backoffice",
    "regie.discipline.ict": "ICT",
    "regie.discipline.beleid": "beleid",
    "regie.discipline.communicatie": "communicatie",
    "regie.discipline.management": "management",
    "regie.discipline.overig": "overig",
    "regie.tab.disciplines": "Disciplines",
    "regie.gokt": "de werkgroep gokt",
    "regie.gokken.kop": "Hier gokt de werkgroep",
    "regie.gokken.uitleg": (
        "Minstens de helft van wie zei hoe zeker hij was, gokte of koos weet niet. Bij een bespreekpunt staat het "
        "daarom eerder op de agenda; waar iedereen hetzelfde gokt, helpt uitzoeken meer dan bespreken."
    ),
    "regie.gokken.regel": "**{nummer}** {tekst} · gok {gok}, weet niet {weet_niet}, zeker of denk het {zeker}",
    "scherm.samen.nog_niets": "De facilitator opent zo het eerste onderdeel. Houd uw telefoon bij de hand.",
    "scherm.samen.bouwsteen": "Bouwsteen {nummer}",
    "scherm.samen.stelling": "Stelling {nummer} · {bouwsteen}",
    "scherm.samen.herstemming": "Opnieuw stemmen · stelling {nummer} · {bouwsteen}",
    "scherm.samen.blind": "Stem nu op uw telefoon. De antwoorden blijven verborgen tot de facilitator ze onthult.",
    "scherm.samen.blind.herstemming": (
        "Stem opnieuw op uw telefoon, na het gesprek. Uw eerste stem blijft bewaard; verborgen tot de onthulling."
    ),
    "scherm.samen.geantwoord": "**{klaar} van {aantal}** hebben geantwoord",
    "scherm.samen.geantwoord.herstemming": "**{klaar} van {aantal}** hebben opnieuw gestemd",
    "scherm.samen.verborgen": "Verborgen tot de onthulling",
    "scherm.samen.onthuld": "Onthuld",
    "scherm.samen.timer": "{tijd} van {minuten} min",
    "scherm.samen.timer.los": "{tijd}",
    "scherm.samen.timer.over": "Let op: {over} over de tijd",
    "scherm.samen.focus": "Eerst bespreken: stelling {nummer}",
    "scherm.samen.eens": "Hier ligt iedereen dicht bij elkaar: geen bespreekpunten in dit onderdeel.",
    "scherm.samen.rest": "Weet niet: {weet_niet} · n.v.t.: {nvt}",
    "scherm.samen.uitkomst.samengekomen": "Samengekomen: spreiding {voor} → {na}",
    "scherm.samen.uitkomst.uiteen_gebleven": "Uiteen gebleven: spreiding {voor} → {na}",
    "scherm.samen.uitkomst.verder_uiteen": "Verder uiteen: spreiding {voor} → {na}",
    "scherm.samen.overzicht.uitleg": "◆ bespreekpunt: twee of meer niveaus uit elkaar · ? weet niet of n.v.t.",
    "scherm.samen.pauze": "Automatisch bijwerken",
    "scherm.samen.stil": "Bijwerken staat stil. Zet het weer aan om de stand te volgen.",
    "scherm.kol.stelling": "Stelling",
    "scherm.kol.weet_niet": "?",
    "scherm.kol.eerst": "Eerst",
    "scherm.kol.nu": "Nu",
    "scherm.regie.stop": "Stoppen met presenteren",
    "resultaten.titel": "Resultaten {gemeente}",
    "resultaten.ronde": "Scanronde {code} · {datum} · scores van 0 tot 100, uit alle antwoorden die nu zijn opgeslagen",
    "resultaten.leeg": "Er zijn nog geen antwoorden met een niveau. Zodra iemand een stelling beantwoordt, verschijnen hier de scores.",
    "resultaten.deelnemers": "Deelnemers met antwoorden",
    "resultaten.dekking": "Beantwoord met een niveau",
    "resultaten.bespreekpunten": "Bespreekpunten",
    "resultaten.radar.alt": (
        "Radar {titel}: per onderdeel de huidige score (doorgetrokken lijn) en de ambitie (stippellijn), "
        "van 0 in het midden tot 100 aan de rand. De tabel ernaast geeft dezelfde cijfers."
    ),
    "resultaten.tab.kern": "Kernbouwstenen",
    "resultaten.tab.aanvullend": "Aanvullende bouwstenen",
    "resultaten.tab.dimensies": "Dimensies",
    "resultaten.tab.kenmerken": "Kenmerken",
    "resultaten.tab.eensgezind": "Eens en oneens",
    "resultaten.kenmerken.uitleg": ("Kenmerken hebben geen eigen ambitie: ambities worden per bouwsteen gevraagd."),
    "resultaten.eensgezind.uitleg": (
        "Spreiding is het verschil tussen het hoogste en het laagste niveau dat deelnemers gaven, gemiddeld "
        "over de stellingen van een bouwsteen. Bij een bespreekpunt liggen deelnemers twee of meer niveaus uit elkaar."
    ),
    "resultaten.kol.bouwsteen": "Bouwsteen",
    "resultaten.kol.score": "Score",
    "resultaten.kol.bespreekpunten": "Bespreekpunten",
    "resultaten.kol.spreiding": "Gem. spreiding",
    "resultaten.kol.dekking": "Beantwoord",
    "resultaten.oneens.kop": "Hier verschillen de meningen ({aantal})",
    "resultaten.eens.kop": "Hier is iedereen het eens ({aantal})",
    "resultaten.geen": "Geen.",
    "resultaten.naar_doelen": "Van deze uitslag naar SMART-verbeterdoelen",
    "resultaten.oneens.regel": "antwoorden van niveau {laag} tot {hoog}",
    "resultaten.oneens.consensus": "; consensus: niveau {niveau}",
    # --- issue 16: rapport (what a facilitated session leaves behind, on Resultaten) ---
    "resultaten.samen.kop": "Wat de bespreking veranderde",
    "resultaten.samen.uitleg": (
        "Over deze bespreekpunten is na de bespreking opnieuw gestemd, blind. Per stelling de niveaus van de eerste "
        "en de tweede stem: laagste–hoogste, met tussen haakjes de spreiding (hoogste min laagste). Samengekomen: "
        "na de bespreking liggen alle niveaus binnen één niveau. De score rekent met de tweede stem."
    ),
    "resultaten.samen.consensus": CONSENSUS_BLIJFT,
    "resultaten.samen.kol.nummer": "Nr.",
    "resultaten.samen.kol.stelling": "Stelling",
    "resultaten.samen.kol.voor": "Voor de bespreking",
    "resultaten.samen.kol.na": "Na de bespreking",
    "resultaten.samen.kol.uitkomst": "Uitkomst",
    "resultaten.samen.kol.bouwsteen": "Bouwsteen",
    "resultaten.samen.kol.herstemd": "Opnieuw gestemd",
    "resultaten.samen.kol.samengekomen": "Samengekomen",
    "resultaten.samen.kol.uiteen_gebleven": "Uiteen gebleven",
    "resultaten.samen.kol.verder_uiteen": "Verder uiteen",
    "resultaten.samen.per_bouwsteen": "Per bouwsteen",
    "resultaten.gokt.kop": "Waar de werkgroep gokt ({aantal})",
    "resultaten.gokt.uitleg": (
        "Stellingen waar minstens de helft van wie zei hoe zeker hij was, gokte of 'weet niet' antwoordde (minstens "
        "twee mensen): hier helpt informatie van buiten de werkgroep meer dan een bespreking."
    ),
    "resultaten.disciplines.kop": "Waar de disciplines het anders zien",
    "resultaten.disciplines.alleen_u": (
        "Alleen u als facilitator ziet dit (en het volledige rapport); deelnemers zien geen groepen. Een groep telt "
        "altijd minstens twee mensen."
    ),
    "resultaten.disciplines.uitleg": DISCIPLINE_UITLEG,
    "resultaten.disciplines.geen": GEEN_DISCIPLINEVERSCHIL,
    "resultaten.disciplines.kol.groepen": "Groepen (aantal): gemiddeld niveau",
    "resultaten.disciplines.kol.verschil": "Verschil",
    "downloads.titel": "Rapporten en bestanden",
    "downloads.uitleg": (
        "Elk bestand wordt gemaakt op het moment dat u klikt, met alles wat nu is opgeslagen. "
        "De PDF's zijn niet getagd voor schermlezers: de opensource-PDF-bibliotheek die de app gebruikt, kan dat "
        "niet. Het volledige rapport als HTML is de toegankelijke versie, met koppen, tabellen en tekst bij elke "
        "grafiek; de cijfers staan ook op deze pagina en in de CSV."
    ),
    "downloads.handout": "Managementsamenvatting (PDF)",
    "downloads.handout.uitleg": "2 tot 4 pagina's: uitslag in één zin, radars, sterk en zwak, doelen en de volgende stap.",
    "downloads.volledig": "Verbeterrapport (PDF)",
    "downloads.volledig.uitleg": (
        "Alles per bouwsteen: verdeling van de antwoorden, toelichtingen, consensus, doelen en een bijlage over de methode."
    ),
    "downloads.html": "Volledig rapport (HTML, toegankelijk)",
    "downloads.html.uitleg": (
        "Hetzelfde verbeterrapport als webpagina voor schermlezer, vergroting en telefoon; opent in elke browser."
    ),
    "downloads.xlsx": "Excel",
    "downloads.xlsx.uitleg": "Scores, stellingen, antwoorden per deelnemer, ambities, consensus en doelen; kan weer worden geïmporteerd.",
    "downloads.csv": "CSV (zip)",
    "downloads.csv.uitleg": "Vier tabellen met ; en decimale komma, voor Excel en andere analyseprogramma's.",
    "downloads.json": "Uitwisselbestand",
    "downloads.json.uitleg": "De hele scanronde in het JSON-uitwisselformaat, om te bewaren of in een andere installatie te importeren.",
    "downloads.alleen_facilitator": (
        "Excel, CSV en het uitwisselbestand bevatten de antwoorden per deelnemer met naam; de facilitator kan ze downloaden."
    ),
    "start.tab.import": "Scan importeren",
    "start.tab.rondes": "Scanrondes openen",
    "start.rondes.geen": "Er zijn nog geen scanrondes van gemeenten waarvoor u een rol heeft.",
    "start.rondes.uitleg": (
        "{aantal} van de gemeenten waarvoor u een rol heeft. Kies er een om hem als facilitator te "
        "openen (Workshop, Resultaten, Doelen en de rapporten)."
    ),
    "start.rondes.kies": "Scanronde",
    "start.rondes.een": "1 scanronde",
    "start.rondes.meer": "{aantal} scanrondes",
    "start.rondes.zoek": "Typ om te zoeken op gemeente of datum",
    "start.rondes.label": "{label}{fictief}",
    "start.rondes.stand": "{status} · {deelnemers} deelnemers",
    "start.rondes.openen": "Openen als facilitator",
    "start.rondes.alleen_zien": (
        "U bent adviseur van {gemeente}: u kunt deze ronde vergelijken, maar niet als facilitator openen."
    ),
    "start.rondes.vergelijken": "Scanrondes vergelijken",
    "status.open": "open",
    "status.afgerond": "afgerond",
    "start.import.uitleg": (
        "Zet een eerder geëxporteerde scanronde over naar deze installatie: het uitwisselbestand (JSON) of de "
        "Excel-export van de app. Het bestand wordt eerst helemaal gecontroleerd; bij een fout wordt niets opgeslagen. "
        "De ronde krijgt een nieuwe deelnamecode en u opent hem als facilitator."
    ),
    "start.import.bestand": "Uitwisselbestand (.json) of Excel-export (.xlsx)",
    "start.import.fout": "**{naam}** kan niet worden geïmporteerd; er is niets opgeslagen.",
    "start.import.samenvatting": (
        "**{gemeente}**{fictief}, scanronde van {datum}: {deelnemers} deelnemers, {antwoorden} antwoorden, "
        "{doelen} doelen. Het bestand is in orde."
    ),
    "start.import.fictief": " (fictieve gegevens)",
    "start.import.knop": "Importeren en openen",
    "doelen.titel": "Verbeterdoelen {gemeente}",
    "doelen.intro": (
        "De scan stelt doelen voor bij de bouwstenen met de grootste afstand tot de ambitie; kernbouwstenen "
        "en fundamenten gaan voor (welke bouwsteen op welke rust, is onze aanname, niet uit de handreiking). Een doel wordt pas vastgesteld als alle vijf SMART-letters **voldoen** "
        "(een vinkje in plaats van een kruisje): vul vooral uw eigen nulmeting, de streefwaarde en het draagvlak "
        "in. Is de indicator nog nooit gemeten, vink dan **Nog niet gemeten** aan en kies de datum waarop de "
        "nulmeting uiterlijk volgt."
    ),
    "doelen.tab.voorstellen": "Voorstellen",
    "doelen.tab.vastgesteld": "Vastgestelde doelen",
    "doelen.tab.eigen": "Eigen doel",
    "doelen.stap": "van niveau {van} naar {naar}",
    "doelen.waarom": "**Waarom dit doel?**",
    "doelen.bewerken": "Aanpassen en accepteren of afwijzen",
    "doelen.aanpassen": "Aanpassen",
    "doelen.veld.bouwsteen": "Bouwsteen",
    "doelen.veld.titel": "Titel",
    "doelen.veld.actie": "Actie: wie doet wat, met welk resultaat",
    "doelen.veld.indicator": "Indicator",
    "doelen.veld.eenheid": "Eenheid",
    "doelen.veld.richting": "Beter is",
    "doelen.richting.hoger": "hoger",
    "doelen.richting.lager": "lager",
    "doelen.veld.nulmeting": "Nulmeting (nu)",
    "doelen.nog_meten": "nog te meten",
    "doelen.veld.streefwaarde": "Streefwaarde",
    "doelen.veld.deadline": "Deadline",
    "doelen.veld.bron": "Bron van de cijfers en wie ze beheert",
    "doelen.veld.eigenaar": "Eigenaar (functie)",
    "doelen.veld.draagvlak": "Draagvlak: wie steunt dit doel?",
    "doelen.draagvlak.hint": "bijvoorbeeld het MT en de portefeuillehouder",
    "doelen.veld.notities": "Notities",
    "doelen.veld.status": "PDCA-fase",
    "doelen.knop.accepteren": "Accepteren",
    "doelen.knop.afwijzen": "Afwijzen",
    "doelen.knop.opslaan": "Opslaan",
    "doelen.knop.status": "Bijwerken",
    "doelen.niet_smart": "Nog niet SMART, dus nog niet geaccepteerd. Wat ontbreekt:",
    "doelen.opgeslagen": "Doel vastgesteld: {titel}",
    "doelen.afgewezen": "Voorstel afgewezen: {titel}",
    "doelen.ongeldig": "Niet opgeslagen: {fout}",
    "doelen.geen_voorstellen": (
        "Geen voorstellen: er zijn nog geen scores, of alle bouwstenen met afstand tot de ambitie hebben al "
        "een besluit. Voeg zo nodig een eigen doel toe."
    ),
    "doelen.nog_geen": "Nog geen vastgestelde doelen. Accepteer een voorstel of voeg een eigen doel toe.",
    "doelen.gewijzigd": "laatst gewijzigd door {door} om {tijd}",
    "doelen.meting": (
        "**Indicator:** {indicator} · **nulmeting** {nul} · **streefwaarde** {streef} {eenheid} · "
        "**deadline** {deadline} · **eigenaar** {eigenaar}"
    ),
    "doelen.eigen.uitleg": (
        "Schrijf een doel dat de scan niet voorstelde. Het krijgt dezelfde SMART-toets als een voorstel."
    ),
    "doelen.eigen.titel": "Eigen doel",
    "doelen.terugblik.kop": "Doelen uit eerdere scanrondes: niveau toen en nu",
    "doelen.kol.ronde": "Scanronde",
    "doelen.kol.doel": "Doel",
    "doelen.kol.bouwsteen": "Bouwsteen",
    "doelen.kol.toen": "Niveau toen",
    "doelen.kol.nu": "Niveau nu",
    "doelen.afgerond": "Deze scanronde is afgerond: de doelen staan vast. De facilitator kan de ronde heropenen.",
    "doelen.rol.deelnemer": (
        "U ziet alle doelen van deze scanronde. U kunt een voorstel van de scan of een eigen doel **voorstellen**; "
        "de facilitator beslist of het wordt vastgesteld."
    ),
    "doelen.letter.goed": "voldoet",
    "doelen.letter.mist": "voldoet nog niet",
    "doelen.meting_volgt": (
        "**Indicator:** {indicator} · **nulmeting volgt, uiterlijk {datum}** · **streefwaarde** {streef} {eenheid} · "
        "**deadline** {deadline} · **eigenaar** {eigenaar}"
    ),
    "doelen.veld.nog_niet_gemeten": "Nog niet gemeten",
    "doelen.nog_niet_gemeten.hulp": (
        "Is deze indicator nog nooit gemeten? Vink dit aan en kies de datum waarop de nulmeting uiterlijk volgt "
        "(vandaag of later, uiterlijk op de deadline). Een streefwaarde mag dan wachten tot na de nulmeting."
    ),
    "doelen.veld.nulmeting_uiterlijk": "Nulmeting volgt uiterlijk op",
    "doelen.streef_volgt": "volgt na de nulmeting",
    "doelen.knop.voorstellen": "Voorstellen aan de facilitator",
    "doelen.voorgesteld": "Voorgesteld: {titel}. De facilitator beslist.",
    "doelen.knop.verwijderen": "Verwijderen",
    "doelen.verwijderen.vraag": "Doel **{titel}** definitief verwijderen? Dit kan niet ongedaan worden gemaakt.",
    "doelen.knop.verwijderen_zeker": "Ja, verwijderen",
    "doelen.verwijderd": "Doel verwijderd: {titel}",
    "doelen.telling": (
        "{scan} voorstellen van de scan · {deelnemers} voorgesteld door deelnemers · {vast} vastgesteld · "
        "{af} afgewezen"
    ),
    "doelen.kop.voorgesteld": "Voorgesteld, wacht op besluit van de facilitator",
    "doelen.voorgesteld_door": "voorgesteld door {naam}",
    "doelen.kop.scan": "Voorstellen van de scan",
    "doelen.bewerken.deelnemer": "Aanpassen en voorstellen",
    "doelen.kop.afgewezen": "Afgewezen",
    "doelen.afgewezen_door": "afgewezen door {door} om {tijd}",
    "doelen.knop.herstellen": "Afwijzing ongedaan maken",
    "doelen.hersteld": "Weer voorgesteld: {titel}",
    "doelen.status_bijgewerkt": "Bijgewerkt: {titel}",
    "doelen.knop.intrekken": "Intrekken",
    "doelen.ingetrokken": "Ingetrokken, weer een voorstel: {titel}",
    "doelen.eigen.uitleg.deelnemer": (
        "Schrijf een doel dat de scan niet voorstelde en stel het voor; de facilitator beslist. Het krijgt dezelfde "
        "SMART-toets als een voorstel van de scan."
    ),
    "invullen.wie": "{naam} · {gemeente} · scanronde {code}",
    "invullen.voortgang": "{klaar} van {totaal} stellingen beantwoord",
    "invullen.vorige": "Vorige",
    "invullen.volgende": "Volgende",
    "invullen.bouwsteen": "Bouwsteen",
    "invullen.bouwsteen.stand": (
        "Deze bouwsteen: {klaar} van {aantal} stellingen beantwoord, {ambitie}. Nog {open} van {bouwstenen} bouwstenen niet af."
    ),
    "invullen.niet_opgeslagen": "Niet opgeslagen: de reden staat bij de stelling.",
    "invullen.bouwsteen.ambitie_ja": "ambitie gekozen",
    "invullen.bouwsteen.ambitie_nee": "ambitie nog niet gekozen",
    "invullen.uitleg": (
        "Lees bij elke stelling de vijf beschrijvingen, van niveau 1 naar 5, en denk aan hoe het nu gaat in uw "
        "gemeente. Klopt een deel van een niveau niet, kies dan het niveau eronder. Kunt u het niet beoordelen? "
        "Kies dan weet niet. Elke keuze wordt meteen opgeslagen."
    ),
    # The radio group's accessible name (its label is collapsed under the stelling's visible heading):
    # the stelling itself, so a screen reader that reaches the group by Tab hears what it answers.
    "invullen.keuze": "Stelling {nummer}: {stelling}",
    "invullen.toelichting": "Toelichting (optioneel)",
    "invullen.toelichting.hint": (
        "Waarom deze keuze? Een voorbeeld helpt de werkgroep. Wordt opgeslagen zodra u buiten het vak klikt."
    ),
    "invullen.opgeslagen": "Opgeslagen: stelling {nummer}, {keuze}",
    "invullen.toelichting.opgeslagen": "Opgeslagen: toelichting bij stelling {nummer}",
    "invullen.ambitie.opgeslagen": "Opgeslagen: ambitie {keuze}",
    "invullen.status.opgeslagen": "Opgeslagen om {tijd}",
    "invullen.status.open": "Nog niet beantwoord",
    "invullen.status.alleen_toelichting": "Nog niet beantwoord · toelichting opgeslagen om {tijd}",
    "invullen.fout.database": (
        "Niet opgeslagen: de database gaf geen antwoord. Uw keuze staat nog op het scherm; "
        "kies opnieuw of probeer het zo weer."
    ),
    "invullen.ambitie.kop": "Ambitie voor {bouwsteen}",
    "invullen.ambitie.vraag": "Welk niveau moet uw gemeente over twee à drie jaar op deze bouwsteen halen?",
    "invullen.ambitie.keuze": "Ambitie voor {bouwsteen}: welk niveau moet uw gemeente over twee à drie jaar halen?",
    "invullen.link.kop": "Later of op een ander apparaat verder?",
    "invullen.link.uitleg": (
        "Met deze persoonlijke link opent u de scan met al uw antwoorden, ook op een telefoon of na het "
        "sluiten van de browser. Deel hem niet."
    ),
    # --- issue 16: de telefoon in een sessie (Samen), zekerheid, anoniem of op naam, vakgebied ---
    "telefoon.naam.anoniem": (
        "**Anoniem.** De facilitator ziet geen namen bij de antwoorden; het presentatiescherm toont alleen aantallen."
    ),
    "telefoon.naam.op_naam": (
        "**Op naam.** De facilitator ziet uw naam bij uw antwoorden; het presentatiescherm nooit."
    ),
    "telefoon.wacht.kop": "Wacht op de facilitator",
    "telefoon.wacht.uitleg": (
        "De facilitator opent zo een bouwsteen of een stelling voor de hele groep. Uw scherm volgt vanzelf; "
        "u hoeft niets te doen."
    ),
    "telefoon.nu.bouwsteen": "De groep werkt nu aan bouwsteen {nummer}. {naam}",
    "telefoon.nu.stelling": "De groep werkt nu aan stelling {stelling} van bouwsteen {nummer}. {naam}",
    "telefoon.nu.herstemming": "De groep stemt opnieuw over stelling {stelling} van bouwsteen {nummer}. {naam}",
    "telefoon.blind": ("Niemand ziet uw antwoorden tot de facilitator ze onthult; tot dan kunt u ze nog wijzigen."),
    "telefoon.klaar": (
        "Klaar: wacht op de facilitator. Tot de facilitator onthult, kunt u uw antwoorden nog wijzigen."
    ),
    "telefoon.onthuld": (
        "Onthuld: kijk mee op het scherm. Hieronder staan uw eigen antwoorden; wijzigen kan niet meer "
        "(een toelichting wel)."
    ),
    "telefoon.voortgang": "{klaar} van {aantal} stellingen van dit onderdeel beantwoord",
    "telefoon.herstemming.kop": "Herstemming",
    "telefoon.herstemming.eerste": "Uw eerste keuze: **{keuze}** (blijft bewaard)",
    "telefoon.herstemming.eerste_geen": "Uw eerste keuze: geen (u had deze stelling nog niet beantwoord)",
    "telefoon.herstemming.uitleg": (
        "Kies opnieuw, na de bespreking. Uw nieuwe keuze telt; niemand ziet hem tot de facilitator onthult."
    ),
    "telefoon.herstemming.keuze": "Uw keuze na de bespreking, stelling {nummer}: {stelling}",
    "telefoon.herstemming.opgeslagen": "Opgeslagen: herstemming stelling {nummer}, {keuze}",
    "telefoon.herstemming.status": "Uw keuze na de bespreking: {keuze}",
    "telefoon.herstemming.onthuld": (
        "Onthuld: kijk mee op het scherm. Uw keuze na de bespreking staat hieronder; wijzigen kan niet meer."
    ),
    "telefoon.herstemming.klaar": (
        "Klaar: wacht op de facilitator. Tot de facilitator onthult, kunt u uw keuze nog wijzigen."
    ),
    "telefoon.herstemd": (
        "Na de bespreking is opnieuw gestemd: uw eerste keuze blijft zoals hij was. Uw keuze na de bespreking "
        "telt: {keuze}."
    ),
    "telefoon.herstemd.geen": "Na de bespreking is opnieuw gestemd: uw eerste keuze blijft zoals hij was.",
    "telefoon.zekerheid.vraag": "Hoe zeker bent u? (optioneel)",
    "telefoon.zekerheid.zeker": "Zeker",
    "telefoon.zekerheid.denk_het": "Denk het",
    "telefoon.zekerheid.gok": "Gok",
    "telefoon.zekerheid.opgeslagen": "Opgeslagen: zekerheid bij stelling {nummer}",
    "telefoon.zekerheid.weg": "Zekerheid weggehaald bij stelling {nummer}",
    "telefoon.vakgebied": "Uw vakgebied (optioneel)",
    "telefoon.vakgebied.uitleg": (
        "Waarom? Zo ziet de facilitator per bouwsteen of vakgebieden het anders zien: in een kanaalaanpak zitten "
        "de problemen vaak tussen afdelingen. Een groep van minder dan twee mensen wordt nooit getoond, en alleen "
        "de facilitator en het volledige rapport zien het. Leeg laten mag: dan leidt de scan het af uit uw functie."
    ),
    "telefoon.vakgebied.kcc": "KCC / klantcontact",
    "telefoon.vakgebied.backoffice": "Backoffice / vakafdeling",
    "telefoon.vakgebied.ict": "ICT / informatievoorziening",
    "telefoon.vakgebied.beleid": "Beleid",
    "telefoon.vakgebied.communicatie": "Communicatie",
    "telefoon.vakgebied.management": "Management",
    "telefoon.vakgebied.overig": "Anders",
    "start.intro": (
        "Met deze zelfscan bepaalt een werkgroep van uw gemeente, in een workshop van één tot drie uur, "
        "hoe ver de kanaalaanpak is op elk van de zestien bouwstenen van de VNG-handreiking "
        "*Omnichannel aanpak*. Iedere deelnemer beoordeelt stellingen op vijf niveaus; de scan maakt daar "
        "scores, radars en verbeterdoelen van."
    ),
    "start.versie": (
        "Vragenlijst versie {versie} · {bouwstenen} bouwstenen · {stellingen} stellingen · app versie {app}"
    ),
    "start.schaal.kop": "De vijf niveaus",
    "start.schaal.uitleg": (
        "Elke stelling heeft per niveau een concrete beschrijving. Kies het hoogste niveau waarvan alles klopt "
        "voor hoe het nu gaat. *{weet_niet}* en *{nvt}* tellen niet mee in de score."
    ),
    "start.schaal.kol.niveau": "Niveau",
    "start.schaal.kol.naam": "Naam",
    "start.schaal.kol.generatie": "Generatie kanaalstrategie",
    "start.schaal.kol.definitie": "Wat u dan ziet",
    "start.banden.kop": "Van score naar band",
    "start.banden.uitleg": (
        "Scores lopen van 0 tot 100: niveau 1 is 0, niveau 5 is 100. De grenzen van de banden komen van de "
        "VNG-omnichannelscan; de stellingen en de weging zijn van deze zelfscan. De scores zijn daarom niet te "
        "vergelijken met die scan. De score wordt voor de band op een heel getal afgerond; daarom begint een band "
        "bij een gemiddeld niveau als 1,82. De kopscore is die van de acht kernbouwstenen; de aanvullende "
        "bouwstenen (organisatie en overheid) staan er apart naast."
    ),
    "start.banden.kol.band": "Band",
    "start.banden.kol.score": "Score",
    "start.banden.kol.betekenis": "Betekenis",
    "start.bouwstenen.kop": "De zestien bouwstenen per dimensie",
    "start.bouwstenen.uitleg": (
        "Acht kernbouwstenen vormen de kern van een omnichannel aanpak; acht aanvullende bouwstenen gaan over "
        "de organisatie als geheel (1e schil) en de overheid in brede zin (2e schil)."
    ),
    "start.type.kern": "kernbouwsteen",
    "start.type.aanvullend.organisatie": "aanvullend · 1e schil: organisatie",
    "start.type.aanvullend.overheid": "aanvullend · 2e schil: overheid",
    "start.stellingen": "{aantal} stellingen van {bouwsteen} bekijken",
    "start.kenmerken": "Kenmerken: {kenmerken}",
    "start.kenmerken.kop": "De acht kenmerken van omnichannel",
    "start.kenmerken.uitleg": "Elke stelling draagt bij aan één of meer van deze kenmerken; zo ontstaat een tweede radar.",
    "start.kenmerken.kol.stellingen": "Aantal stellingen",
    "start.dimensie.aantal": "{aantal} bouwstenen",
    "fout.vragenlijst": (
        "De vragenlijst kan niet geladen worden. Vraag de beheerder om `python -m scan validate` uit te voeren. "
        "Gevonden problemen:"
    ),
    # --- conflicten: edits saved against the version seen (issue 13, case 6; area "conflicten") ---
    "conflict.kop.mijn": "Uw versie (niet opgeslagen)",
    "conflict.kop.opgeslagen": "Nu opgeslagen",
    "conflict.door": "gewijzigd door {door}, {datum} om {tijd}",
    "conflict.door.alleen": "gewijzigd door {door}",
    "conflict.door.onbekend": "gewijzigd door iemand anders",
    "conflict.weg": "niets: intussen verwijderd of gewist",
    "conflict.knop.mijn": "Mijn versie toch opslaan",
    "conflict.knop.opgeslagen": "Opgeslagen versie overnemen",
    "conflict.knop.sluiten": "Melding sluiten",
    "conflict.zie_boven": "Niet opgeslagen: iemand anders was u voor. Beide versies staan bovenaan de pagina.",
    "conflict.zie_stelling": "Niet vastgelegd: iemand anders was u voor. Beide versies staan bij de stelling.",
    "conflict.zie_paneel": "Niet opgeslagen: iemand anders was u voor. Beide versies staan bij het formulier.",
    "conflict.doel": (
        "Niet opgeslagen: iemand anders heeft dit doel gewijzigd nadat u het opende. Er is niets overschreven. "
        "Uw invoer staat nog in het formulier. Kies: uw versie toch opslaan (over de nieuwe heen), of de opgeslagen "
        "versie overnemen."
    ),
    "conflict.doel.weg": (
        "Niet opgeslagen: iemand anders heeft dit doel verwijderd nadat u het opende. Er is niets veranderd."
    ),
    "conflict.doel.voorstel": (
        "Niet voorgesteld: iemand anders heeft dit doel intussen al voorgesteld of er een besluit over genomen. Er "
        "is niets overschreven; uw invoer staat nog in het formulier. Hieronder ziet u beide versies."
    ),
    "conflict.doel.weg.opnieuw": (
        "Niet opgeslagen: iemand anders heeft dit doel verwijderd nadat u het opende. Er is niets veranderd. Uw "
        "invoer staat nog in het formulier; u kunt uw versie opnieuw opslaan."
    ),
    "conflict.doel.gewijzigd": (
        "Dit doel is intussen gewijzigd door iemand anders. Het formulier toont nog de versie die u opende; opslaan "
        "laat u beide versies zien."
    ),
    "conflict.doel.laden": "Nieuwe versie in het formulier laden",
    "conflict.veld.besluit": "Besluit",
    "conflict.nulmeting_volgt": "volgt, uiterlijk {datum}",
    "conflict.besluit.voorgesteld": "voorgesteld",
    "conflict.besluit.geaccepteerd": "vastgesteld",
    "conflict.besluit.afgewezen": "afgewezen",
    "conflict.besluit.verwijderd": "verwijderd",
    "conflict.consensus": (
        "Niet vastgelegd: een andere facilitator heeft de consensus van deze stelling gewijzigd nadat u die zag. Er is "
        "niets overschreven; uw keuze staat nog in het formulier."
    ),
    "conflict.veld.niveau": "Niveau",
    "conflict.veld.waarom": "Waarom",
    "conflict.veld.naam": "Naam",
    "conflict.ambitie": (
        "Niet opgeslagen: een andere facilitator heeft de vastgestelde ambitie van deze bouwsteen gewijzigd nadat u "
        "die zag. Er is niets overschreven; uw keuze staat nog in het formulier."
    ),
    "conflict.ambitie.wis": "Niet gewist: de ambitie is intussen gewijzigd. Er is niets gewist; bekijk de nieuwe eerst.",
    "conflict.deelnemer": (
        "Niet opgeslagen: een andere facilitator heeft deze deelnemer intussen hernoemd. Er is niets veranderd; "
        "uw nieuwe naam staat nog in het veld."
    ),
    "conflict.deelnemer.verwijder": (
        "Niet verwijderd: deze deelnemer is intussen hernoemd door een andere facilitator. Er is niets veranderd; "
        "kijk of het de juiste persoon is en bevestig opnieuw."
    ),
    # --- afscherming (issue 13, cases 3, 4, 9, 10): floods, hosts, a vanished database ---
    "afremmen.te_veel": "Te veel pogingen; probeer het over {wachttijd} opnieuw.",
    "toegang.host.onbekend": (
        "Deze app is niet bereikbaar onder deze naam. Open hem via het adres dat de facilitator laat zien "
        "(of via het IP-adres). Beheerder: zet de naam in {variabele} als hij klopt."
    ),
    "workshop.vol": (
        "De scanronde is vol ({maximum} deelnemers); {geweigerd} aanmelding(en) geweigerd. "
        "Start een tweede scanronde voor een grotere groep."
    ),
    "workshop.bijna_vol": "Nog {over} plaatsen in deze scanronde (maximaal {maximum} deelnemers).",
    "start.import.grens": (
        "Hoogstens {mb} MB: genoeg voor een volle scanronde. Een groter uitwisselbestand importeert de beheerder "
        "met `python -m scan import`."
    ),
    # --- issue 15: versions (lead) ---
    "vergelijken.ontwikkeling.versies": (
        "Deze twee scanrondes zijn ingevuld met verschillende versies van de vragenlijst ({oud} en {nieuw}). "
        "Een verschil staat er alleen bij bouwstenen die in beide versies hetzelfde meten; bij de andere "
        "staat in de kolom Opmerking wat er veranderde. Een groep (kern, dimensie) telt alleen als al haar "
        "bouwstenen vergelijkbaar zijn."
    ),
    "vergelijken.kol.opmerking": "Opmerking",
    "vergelijken.versies.gemengd": (
        "De gekozen scanrondes gebruiken verschillende versies van de vragenlijst ({versies}). Elke score hoort "
        "bij de stellingen van haar eigen versie; zie het tabblad Ontwikkeling voor wat vergelijkbaar is."
    ),
    # --- issue 15: nalevingscheck ---
    "workshop.tab.naleving": "Wettelijke verplichtingen",
    "naleving.titel": "Wettelijke verplichtingen (nalevingscheck)",
    "naleving.uitleg": (
        "Dit zijn **wettelijke plichten, geen niveaus**. Een gemeente die een plicht niet nakomt, is niet "
        "'startend' maar voldoet niet aan de wet. Stel met de werkgroep samen vast of de gemeente voldoet: "
        "één antwoord per plicht voor deze scanronde. De antwoorden tellen in geen enkele score mee."
    ),
    "naleving.uitleg.resultaten": (
        "Wettelijke plichten, geen niveaus: de werkgroep heeft samen vastgesteld of de gemeente eraan voldoet. "
        "Ze tellen in geen enkele score mee."
    ),
    "naleving.geen": "Deze vragenlijstversie heeft geen nalevingscheck.",
    "naleving.status.voldoet": "Voldoet",
    "naleving.status.deels": "Voldoet deels",
    "naleving.status.niet": "Voldoet niet",
    "naleving.status.weet_niet": "Weet niet",
    "naleving.status.nvt": "N.v.t.",
    "naleving.status.leeg": "Niet ingevuld",
    "naleving.grondslag": "Grondslag: {grondslag}",
    "naleving.controleer": "Wat controleren, en de grondslag",
    "naleving.notitie": "Korte notitie (niet verplicht)",
    "naleving.knop": "Nalevingscheck opslaan",
    "naleving.opgeslagen": "Opgeslagen: {aantal} wettelijke plicht(en) bijgewerkt.",
    "naleving.niets": "Niets gewijzigd; er is niets opgeslagen.",
    "naleving.conflict": (
        "Niet opgeslagen: een andere facilitator heeft '{item}' intussen vastgelegd als '{status}'. Het "
        "formulier toont nu wat is opgeslagen; kijk het na en sla opnieuw op."
    ),
    "naleving.afgerond": "Deze scanronde is afgerond; de nalevingscheck kan niet meer veranderen.",
    "naleving.kol.plicht": "Wettelijke plicht",
    "naleving.kol.status": "Status",
    "naleving.kol.grondslag": "Grondslag",
    "naleving.kol.notitie": "Notitie",
    "naleving.samenvatting": "Voldoet: {voldoet} van de {totaal} plichten. Niet ingevuld: {open}.",
    # --- issue 15: presentatie van scores en niveaus ---
    "niveau.regel": "Kies het hoogste niveau waarvan alles klopt.",
    "resultaten.kop.kern": KERN_NAAM,
    "resultaten.kop.schil": SCHIL_NAAM,
    "resultaten.niet_vergelijkbaar": NIET_VERGELIJKBAAR,
    "resultaten.kol.samenstelling": "Bouwstenen",
    "start.banden.kol.niveau": "Gemiddeld niveau",
    "resultaten.dimensies.uitleg": (
        "Een dimensie is het gemiddelde van haar bouwstenen, kern en aanvullend even zwaar. Vier van de vijf "
        "dimensies bestaan voor twee derde uit aanvullende bouwstenen: lees ze niet als de score van het KCC alleen."
    ),
    "resultaten.kenmerken.aantal": (
        "Tussen haakjes: op hoeveel stellingen een kenmerk rust. Hoe minder stellingen, hoe onzekerder de score."
    ),
    # --- issue 18: privacy (melding bij meedoen, privacypagina, inzage, bestanden met namen) ---
    "privacy.melding": (
        "**Wat we van u bewaren:** uw naam (een roepnaam of initialen mag ook), functie, antwoorden en "
        "toelichtingen, voor de zelfscan van uw gemeente. De facilitator ziet ze met uw naam, de werkgroep op "
        "het scherm zonder naam. Uw naam bewaren we tot {maanden} maanden nadat de scanronde is afgerond."
    ),
    "privacy.meer": "Meer over uw gegevens",
    "privacy.details": (
        "- **Wat:** uw naam (een roepnaam of initialen mag), uw functie of afdeling en vakgebied als u die "
        "invult, wanneer u meedeed, uw antwoorden met hoe zeker u bent, uw toelichtingen, ambities en een "
        "eventuele tweede stem, en uw persoonlijke link.\n"
        "- **Waarom:** de werkgroep meet samen hoe ver uw gemeente is met haar kanaalaanpak en spreekt af "
        "wat beter kan. Met uw naam gaat u later verder, en ziet de facilitator wie nog bezig is.\n"
        "- **Wie ziet het:** de facilitator (met uw naam, ook in de bestanden Excel, CSV en "
        "uitwisselbestand); de werkgroep op het scherm (zonder namen); beheerders en adviseurs van uw "
        "gemeente met een rol in deze app. Het verbeterrapport noemt de werkgroep met naam en functie. Doet "
        "uw gemeente mee aan de vergelijking met andere gemeenten, dan gaan alleen anonieme scores mee.\n"
        "- **Hoe lang:** tot {maanden} maanden nadat de scanronde is afgerond. Daarna wordt uw naam een "
        'nummer ("Deelnemer 3") en verdwijnen uw functie, toelichtingen en persoonlijke link; uw antwoorden '
        "blijven zonder naam over voor de scores.\n"
        "- **Uw rechten:** op de pagina Invullen downloadt u met *Mijn gegevens downloaden* alles wat over u "
        "is opgeslagen. Wilt u dat uw gegevens worden gewist, vraag het de facilitator.\n"
        "- Schrijf in toelichtingen geen namen of gegevens van collega's of inwoners."
    ),
    "privacy.contact": "**Vragen over uw gegevens:** {contact}",
    "privacy.link": "Privacyverklaring",
    "privacy.installatie": (
        "**Op deze installatie** is de bewaartermijn **{maanden} maanden** nadat een scanronde is afgerond."
    ),
    "privacy.geen_contact": (
        "Deze installatie noemt geen eigen privacycontactpersoon. Vraag de facilitator van uw scanronde, "
        "of de functionaris gegevensbescherming van uw gemeente."
    ),
    "privacy.workshop": (
        "Deelnemers zien bij het meedoen wat de app van hen bewaart, waarom, hoe lang en wie het ziet, en dat "
        "een roepnaam of initialen ook mag (pagina Privacy)."
    ),
    "downloads.namen": (
        "**Bevat namen van deelnemers:** bewaar en deel dit bestand zoals uw gemeente dat met persoonsgegevens doet."
    ),
    "downloads.zonder_namen": "Zonder namen van deelnemers; wel de functies van de werkgroep.",
    "inzage.kop": "Mijn gegevens downloaden",
    "inzage.uitleg": (
        "Alles wat in deze scanronde over u is opgeslagen: uw naam, functie en vakgebied, wanneer u meedeed, "
        "uw antwoorden met zekerheid, toelichting en tijdstip, uw ambities en een eventuele tweede stem. "
        "Wilt u dat uw gegevens worden gewist, vraag het de facilitator."
    ),
    "inzage.json": "Mijn gegevens (JSON)",
    "inzage.json.uitleg": "Voor computers: alle gegevens met de tekst van elke stelling erbij.",
    "inzage.csv": "Mijn gegevens (CSV)",
    "inzage.csv.uitleg": "Eén tabel om te openen in Excel: één regel per gegeven.",
    # --- issue 18: het logboek ---
    "logboek.kop": "Logboek",
    "workshop.tab.logboek": "Logboek",
    "logboek.uitleg.ronde": (
        "Wat er in deze scanronde is besloten, door wie en wanneer, het nieuwste bovenaan. Het logboek wordt "
        "alleen aangevuld: niemand kan een regel wijzigen of verwijderen. Namen van deelnemers en de tekst van "
        "onderbouwingen staan er niet in; wel of er een onderbouwing was."
    ),
    "logboek.uitleg.gemeente": (
        "Alle besluiten van deze gemeente: in haar scanrondes, over rollen, de benchmark en imports. Het nieuwste "
        "staat bovenaan. Het logboek wordt alleen aangevuld: niemand kan een regel wijzigen of verwijderen."
    ),
    "logboek.leeg": "Er is nog niets vastgelegd.",
    "logboek.meer": "U ziet de nieuwste {aantal} regels. De download bevat alle regels.",
    "logboek.download.csv": "Logboek downloaden (CSV)",
    "logboek.download.xlsx": "Logboek downloaden (Excel)",
    "logboek.blad": "Logboek",
    "logboek.kol.moment": "Wanneer",
    "logboek.kol.wie": "Wie",
    "logboek.kol.wat": "Wat",
    "logboek.kol.ronde": "Scanronde",
    "logboek.kol.onderwerp": "Waarover",
    "logboek.kol.voor": "Was",
    "logboek.kol.na": "Werd",
    "logboek.ja": "ja",
    "logboek.nee": "nee",
    "logboek.onderwerp.stelling": "Stelling {nummer}: {tekst}",
    "logboek.onderwerp.bouwsteen": "Bouwsteen {nummer}: {naam}",
    "logboek.werkwijze.eigen_tempo": "eigen tempo",
    "logboek.werkwijze.samen": "samen",
    "logboek.handeling.ronde.gestart": "Scanronde gestart",
    "logboek.handeling.ronde.afgerond": "Scanronde afgerond",
    "logboek.handeling.ronde.heropend": "Scanronde heropend",
    "logboek.handeling.consensus.vastgesteld": "Consensus vastgesteld",
    "logboek.handeling.consensus.gewist": "Consensus weggehaald",
    "logboek.handeling.ambitie.vastgesteld": "Ambitie vastgesteld",
    "logboek.handeling.ambitie.gewist": "Ambitie weggehaald",
    "logboek.handeling.doel.geaccepteerd": "Doel geaccepteerd",
    "logboek.handeling.doel.afgewezen": "Doel afgewezen",
    "logboek.handeling.doel.gewijzigd": "Doel gewijzigd",
    "logboek.handeling.doel.ingetrokken": "Doel ingetrokken",
    "logboek.handeling.doel.hersteld": "Afwijzing van doel teruggedraaid",
    "logboek.handeling.doel.verwijderd": "Doel verwijderd",
    "logboek.handeling.naleving.vastgelegd": "Nalevingscheck vastgelegd",
    "logboek.handeling.deelnemer.hernoemd": "Naam van een deelnemer gewijzigd",
    "logboek.handeling.samen.werkwijze": "Werkwijze gewijzigd",
    "logboek.handeling.samen.op_naam": "Namen bij antwoorden aan- of uitgezet",
    "logboek.handeling.rol.toegekend": "Rol toegekend",
    "logboek.handeling.rol.ingetrokken": "Rol ingetrokken",
    "logboek.handeling.benchmark.aan": "Benchmarkdeelname aangezet",
    "logboek.handeling.benchmark.uit": "Benchmarkdeelname uitgezet",
    "logboek.handeling.identiteit.gebonden": "Inlogaccount gekoppeld aan het adres",
    "logboek.handeling.identiteit.geweigerd": "Aanmelding met een ander account geweigerd",
    "logboek.handeling.identiteit.losgemaakt": "Koppeling van een inlogaccount losgemaakt",
    "logboek.handeling.import": "Scanronde geïmporteerd",
    "logboek.handeling.deelnemer.gewist": "Persoonsgegevens van een deelnemer gewist",
    "logboek.handeling.ronde.verwijderd": "Scanronde verwijderd",
    "logboek.handeling.bewaartermijn.toegepast": "Bewaartermijn verstreken: persoonsgegevens verwijderd",
    "logboek.veld.niveau": "niveau",
    "logboek.veld.toelichting": "onderbouwing",
    "logboek.veld.notitie": "notitie",
    "logboek.veld.status": "status",
    "logboek.veld.besluit": "besluit",
    "logboek.veld.fase": "PDCA-fase",
    "logboek.veld.titel": "titel",
    "logboek.veld.bouwsteen": "bouwsteen",
    "logboek.veld.actie": "actie",
    "logboek.veld.indicator": "indicator",
    "logboek.veld.eenheid": "eenheid",
    "logboek.veld.nulmeting": "nulmeting",
    "logboek.veld.nulmeting_uiterlijk": "nulmeting uiterlijk",
    "logboek.veld.streefwaarde": "streefwaarde",
    "logboek.veld.deadline": "deadline",
    "logboek.veld.bron": "bron",
    "logboek.veld.eigenaar": "eigenaar",
    "logboek.veld.draagvlak": "draagvlak",
    "logboek.veld.notities": "notities",
    "logboek.veld.richting": "richting",
    "logboek.veld.gewijzigd": "gewijzigd",
    "logboek.veld.email": "e-mailadres",
    "logboek.veld.rol": "rol",
    "logboek.veld.toegekend_door": "toegekend door",
    "logboek.veld.toegekend_op": "toegekend op",
    "logboek.veld.deelname": "doet mee",
    "logboek.veld.werkwijze": "werkwijze",
    "logboek.veld.op_naam": "namen zichtbaar",
    "logboek.veld.datum": "datum",
    "logboek.veld.vragenlijst": "vragenlijst",
    "logboek.veld.deelnemers": "aantal deelnemers",
    "logboek.veld.deelnemer": "deelnemer nr.",
    "logboek.eerdere_rollen": "Eerdere rollen",
    "logboek.rollen.kol.email": "E-mailadres",
    "logboek.rollen.kol.rol": "Rol",
    "logboek.rollen.kol.toegekend_door": "Toegekend door",
    "logboek.rollen.kol.ingetrokken_op": "Ingetrokken op",
    "logboek.rollen.kol.ingetrokken_door": "Ingetrokken door",
    # --- issue 18: retention and deleting a round (scan/ui/panelen/bewaartermijn.py) ---
    "bewaar.kop": "Bewaartermijn van persoonsgegevens",
    "bewaar.uitleg": (
        "Deze installatie bewaart de persoonsgegevens van een scanronde **{maanden} maanden** na het afronden "
        "(instelling SCAN_BEWAARTERMIJN_MAANDEN). Daarna worden ze verwijderd: namen worden 'Deelnemer 1', "
        "'Deelnemer 2' enzovoort; functies, e-mailadressen, toelichtingen, notities en persoonlijke links "
        "verdwijnen. De antwoorden en kerncijfers blijven, dus vergelijkingen en de benchmark blijven werken."
    ),
    "bewaar.open": "Open scanrondes worden nooit aangeraakt: de termijn begint pas bij het afronden.",
    "bewaar.nu.kop": "**Nu aan de beurt** ({aantal})",
    "bewaar.nu.geen": "Geen scanronde van {gemeente} is over de bewaartermijn.",
    "bewaar.binnenkort.kop": "**Binnenkort, binnen {dagen} dagen** ({aantal})",
    "bewaar.binnenkort.geen": "Geen scanronde komt binnen {dagen} dagen aan de beurt.",
    "bewaar.kol.ronde": "Scanronde",
    "bewaar.kol.datum": "Datum",
    "bewaar.kol.omschrijving": "Omschrijving",
    "bewaar.kol.afgerond": "Afgerond op",
    "bewaar.kol.tot": "Bewaren tot",
    "bewaar.kol.deelnemers": "Deelnemers",
    "bewaar.bevestig": "Ja, verwijder nu de persoonsgegevens van deze {aantal} scanronde(s)",
    "bewaar.knop": "Bewaartermijn toepassen",
    "bewaar.gedaan": "Persoonsgegevens verwijderd uit {aantal} scanronde(s).",
    "bewaar.dagelijks": (
        "Automatisch, bijvoorbeeld elke nacht: `python -m scan bewaartermijn --uitvoeren` (zie docs/beheer.md)."
    ),
    "ronde_weg.kop": "Scanronde verwijderen",
    "ronde_weg.uitleg": (
        "Verwijdert een scanronde van {gemeente} met alles erin: deelnemers, antwoorden, toelichtingen, "
        "ambities, doelen, notities en kerncijfers. In het logboek blijft alleen staan dat de scanronde is "
        "verwijderd, door wie en wanneer. Dit kan niet ongedaan worden gemaakt; exporteer de scanronde eerst als "
        "u haar wilt bewaren."
    ),
    "ronde_weg.geen": "{gemeente} heeft geen scanrondes.",
    "ronde_weg.kies": "Scanronde",
    "ronde_weg.kies.leeg": "Kies een scanronde",
    "ronde_weg.label": "Scanronde {id} van {datum} ({status}, {deelnemers} deelnemers{fictief})",
    "ronde_weg.fictief": ", fictief",
    "ronde_weg.bevestig": "Ja, verwijder scanronde {id} van {gemeente} van {datum} met alle gegevens",
    "ronde_weg.knop": "Scanronde verwijderen",
    "ronde_weg.gedaan": "Scanronde {id} van {datum} is verwijderd.",
    # --- issue 19, item 7: "Voorbeeld bekijken" (scan/ui/panelen/start_voorbeeld.py, resultaten_voorbeeld.py) ---
    "voorbeeld.kop": "Eerst rondkijken? Bekijk een voorbeeld",
    "voorbeeld.kop.hier": "U bekijkt het voorbeeld",
    "voorbeeld.uitleg": (
        "Zie hoe een ingevulde scan eruitziet voordat u zelf begint: een **verzonnen** workshop van de "
        "**Voorbeeldgemeente**, met acht deelnemers, hun antwoorden en notities, ambities, besluiten van de groep "
        "en verbeterdoelen. U opent het als facilitator en kunt alles bekijken en uitproberen, ook de PDF's. "
        "Het is overal gemarkeerd als voorbeeld, telt niet mee in de benchmark van echte gemeenten en is met "
        "één klik weer weg."
    ),
    "voorbeeld.uitleg.beheerder": (
        "Een verzonnen, ingevulde scanronde van de **Voorbeeldgemeente**, om de app te laten zien, bijvoorbeeld "
        "aan een nieuwe facilitator. Omdat er al echte scanrondes zijn, zien alleen beheerders van de installatie "
        "deze knop. Het voorbeeld telt niet mee in de benchmark van echte gemeenten."
    ),
    "voorbeeld.hier": (
        "Deze scanronde van de Voorbeeldgemeente is **verzonnen** (VOORBEELD): geen echte gemeente, geen echte "
        "mensen. U kijkt mee als {naam}, de verzonnen facilitator. Kijk gerust rond via **Resultaten**, **Doelen** "
        "en **Workshop**. Klaar? Verwijder het voorbeeld hieronder."
    ),
    "voorbeeld.bekijken": "Voorbeeld bekijken",
    "voorbeeld.bezig": "Het voorbeeld wordt klaargezet ...",
    "voorbeeld.bestaat": "Het voorbeeld staat al klaar; de knop opent het.",
    "voorbeeld.verwijderen.bevestig": "Ja, verwijder het voorbeeld met alles erin",
    "voorbeeld.verwijderen": "Voorbeeld verwijderen",
    "voorbeeld.verwijderd": "Het voorbeeld is verwijderd.",
    "voorbeeld.beheer.kop": "Voorbeeld verwijderen",
    "voorbeeld.beheer.uitleg": (
        "Op deze installatie staat het voorbeeld: een verzonnen scanronde van de Voorbeeldgemeente, gemaakt met "
        "**Voorbeeld bekijken** op Start. Het telt niet mee in de benchmark van echte gemeenten; verwijder het als "
        "niemand het meer nodig heeft."
    ),
    "voorbeeld.resultaten.kop": (
        "**VOORBEELD – verzonnen gegevens.** Geen echte gemeente, geen echte workshop: acht verzonnen deelnemers "
        "vulden de scan in en bespraken hem; u kijkt mee als hun facilitator."
    ),
    "voorbeeld.resultaten.uitleg": (
        "- **Resultaten** (hier): de uitkomst in één zin, de radars van huidig niveau tegen ambitie (met de tabel "
        "erbij) en op het tabblad *Eens en oneens* waar de groep verschilde.\n"
        "- **Doelen**: vier SMART-verbeterdoelen (tabblad *Vastgestelde doelen*) en de voorstellen van de scan.\n"
        "- **Workshop**: wat de facilitator tijdens de workshop ziet: de voortgang, de bespreekpunten met de "
        "besluiten van de groep, de ambities.\n"
        "- **De PDF's**: onderaan deze pagina en op Doelen, de managementsamenvatting en het verbeterrapport.\n\n"
        "De scanronde staat nog open: stel gerust een niveau vast of neem een doel aan. Het voorbeeld telt nergens mee."
    ),
    "voorbeeld.naar.doelen": "Doelen bekijken",
    "voorbeeld.naar.workshop": "Workshop bekijken",
    "voorbeeld.naar.start": "Start (voorbeeld verwijderen)",
}


def t(sleutel: str, **waarden: object) -> str:
    """The Dutch text for ``sleutel`` with ``{placeholders}`` filled in."""
    tekst = NL.get(sleutel)
    if tekst is None:
        return sleutel
    return tekst.format(**waarden) if waarden else tekst
