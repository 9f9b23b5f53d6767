"""The audit trail's downloads (issue 18, item 7): the rows the page shows, as CSV and Excel by
the exports' writer, with text a spreadsheet would run as a formula neutralised (CSV) or stored
as text (Excel)."""

from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl import load_workbook

from scan.leesmodellen import Gebeurtenis
from scan.services import logboek
from scan.ui.panelen import logboek as paneel

FORMULE = '=HYPERLINK("http://x.example","klik")'


def _regels() -> list[Gebeurtenis]:
    moment = dt.datetime(2026, 11, 22, 13, 3, tzinfo=dt.UTC)
    return [
        Gebeurtenis(
            id=2,
            moment=moment,
            gm_code="GM0344",
            ronde_id=1,
            wie=FORMULE,
            handeling="doel.geaccepteerd",
            onderwerp="eigen_1",
            voor=None,
            na={"besluit": "geaccepteerd", "titel": "+SUM(A1)", "streefwaarde": 7.5},
        ),
        Gebeurtenis(
            id=1,
            moment=moment,
            gm_code="GM0344",
            ronde_id=1,
            wie="@jan",
            handeling="rol.ingetrokken",
            onderwerp="-oud@utrecht.nl",
            voor={"email": "-oud@utrecht.nl", "rol": "adviseur", "toegekend_door": None},
            na=None,
        ),
    ]


def test_csv__the_pages_rows_with_formulas_neutralised() -> None:
    rijen = paneel.rijen(None, _regels(), met_ronde=True)
    data = logboek.als_csv(paneel.koppen(met_ronde=True), rijen)
    assert data.startswith("\ufeff".encode())
    gelezen = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert gelezen[0] == ["Wanneer", "Wie", "Wat", "Scanronde", "Waarover", "Was", "Werd"]
    eerste, tweede = gelezen[1:]
    assert eerste[0] == "22-11-2026 14:03"  # Dutch local time (CET in November)
    assert eerste[1] == "'" + FORMULE
    assert eerste[2] == "Doel geaccepteerd"
    assert eerste[4] == "'+SUM(A1)"
    assert eerste[6] == "besluit: geaccepteerd; titel: +SUM(A1); streefwaarde: 7,5"
    assert (tweede[1], tweede[4]) == ("'@jan", "'-oud@utrecht.nl")
    # The address stands as what the line is about already; the values do not repeat it.
    assert tweede[5] == "rol: adviseur; toegekend door: –"
    for rij in gelezen[1:]:
        assert not any(cel.startswith(("=", "+", "-", "@")) for cel in rij)


def test_excel__every_cell_text__a_formula_stays_text() -> None:
    rijen = paneel.rijen(None, _regels(), met_ronde=False)
    data = logboek.als_excel("Logboek", paneel.koppen(met_ronde=False), rijen)
    ws = load_workbook(io.BytesIO(data)).active
    assert ws is not None and ws.title == "Logboek"
    assert [c.value for c in ws[1]] == ["Wanneer", "Wie", "Wat", "Waarover", "Was", "Werd"]
    cel = ws.cell(row=2, column=2)
    assert (cel.value, cel.data_type) == (FORMULE, "s")
    assert ws.cell(row=2, column=4).data_type == "s"
