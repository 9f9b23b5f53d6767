"""The presenter view's agenda: how much is left, and the point to discuss now with its anonymous
distribution and what comes after it.

Layer: ``scan/ui`` (Streamlit). The order, the parked points and where the budget runs out are
``scoring.agenda``'s (``Agenda.te_doen``, ``Agenda.venster``).
"""

from __future__ import annotations

from collections.abc import Sequence

from scan.ui.panelen.scherm_stijl import markdown
from scan.ui.panelen.workshop_gemeen import kort_getal
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring.agenda import Agenda
from scoring.models import Stelling, Vragenlijst
from scoring.resultaat import ScanResultaat

MAX_DAARNA = 4


def toon_stand(a: Agenda, aantal_punten: int) -> None:
    """How much is left and how long it takes, for the right column."""
    if not aantal_punten:
        return
    markdown("scherm_stand", t("scherm.agenda.stand", resterend=a.resterend, minuten=kort_getal(a.minuten)))
    markdown(
        "scherm_stand_klein",
        t(
            "scherm.agenda.budget",
            budget=kort_getal(a.budget_minuten),
            past=a.past,
            besproken=len(a.besproken),
            geparkeerd=a.geparkeerd,
        ),
    )


def toon_verdeling(
    vl: Vragenlijst, stelling: Stelling, verdeling: Sequence[int], eerste: Sequence[int] | None = None
) -> None:
    """Anonymous: how many chose each level, with what that level means for this stelling; only
    the levels chosen. With ``eerste`` (a re-vote) the first vote's count stands beside it."""
    niveau_naam = {n.niveau: n.naam.nl for n in vl.schaal.niveaus}
    if eerste is None:
        kop = f"| {t('scherm.kol.aantal')} | {t('scherm.kol.niveau')} | {t('scherm.kol.betekenis')} |\n|:-:|:--|:--|"
        rijen = [
            f"| {aantal} | {n} · {letterlijk(niveau_naam[n])} | {letterlijk(stelling.niveaus.bij(n).nl)} |"
            for n, aantal in enumerate(verdeling, start=1)
            if aantal
        ]
        markdown("scherm_verdeling", "\n".join([kop, *rijen]))
        return
    kop = (
        f"| {t('scherm.kol.eerst')} | {t('scherm.kol.nu')} | {t('scherm.kol.niveau')} | {t('scherm.kol.betekenis')} |"
        "\n|:-:|:-:|:--|:--|"
    )
    rijen = [
        f"| {voor} | {na} | {n} · {letterlijk(niveau_naam[n])} | {letterlijk(stelling.niveaus.bij(n).nl)} |"
        for n, (voor, na) in enumerate(zip(eerste, verdeling, strict=True), start=1)
        if voor or na
    ]
    markdown("scherm_verdeling_twee", "\n".join([kop, *rijen]))


def toon_nu(vl: Vragenlijst, resultaat: ScanResultaat, a: Agenda, aantal_punten: int) -> None:
    """The point to discuss now with its anonymous distribution, and what comes after it."""
    if not aantal_punten:
        markdown("scherm_leeg", t("scherm.geen_bespreekpunten"))
        return
    te_doen = a.te_doen
    if not te_doen:
        markdown("scherm_leeg", t("scherm.alles_besproken"))
        return
    bouwsteen_van = {s.id: (b, i, s) for b in vl.bouwstenen for i, s in enumerate(b.stellingen, start=1)}
    eerste = te_doen[0]
    b, nummer, stelling = bouwsteen_van[eerste.stelling]
    markdown("scherm_nu", t("scherm.nu", nummer=f"{b.nummer}.{nummer}", bouwsteen=letterlijk(b.naam.nl)))
    markdown("scherm_titel", letterlijk(stelling.tekst.nl))
    r = resultaat.stelling(eerste.stelling)
    toon_verdeling(vl, stelling, r.verdeling)
    # The room agrees on one level with the same rule everyone filled in with.
    markdown(
        "scherm_rest",
        f"{t('scherm.verdeling.rest', weet_niet=r.weet_niet, nvt=r.nvt, open=r.open)}  \n{t('niveau.regel')}",
    )
    daarna = a.venster(1, MAX_DAARNA)
    if daarna:
        lijnen = [f"{t('scherm.daarna')}:", ""]
        for p, budget_op in daarna:
            if budget_op:
                lijnen += ["", t("scherm.buiten_budget", budget=kort_getal(a.budget_minuten)), ""]
            pb, pn, ps = bouwsteen_van[p.stelling]
            later = f" {t('scherm.later')}" if p.markering == "later" else ""
            lijnen.append(f"- **{pb.nummer}.{pn}** {letterlijk(ps.tekst.nl)}{later}")
        if len(te_doen) > 1 + MAX_DAARNA:
            lijnen += ["", t("scherm.meer", aantal=len(te_doen) - 1 - MAX_DAARNA)]
        markdown("scherm_daarna", "\n".join(lijnen))
