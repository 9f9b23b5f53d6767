"""Identities that cannot be spoofed (issue 18, item 6): the issuer and verification rules and the
binding of an address to the first verified account, against the in-memory unit of work."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scan.fouten import GeenToegang, InvoerFout
from scan.services import identiteiten as ids
from scan.services.identiteiten import Aanmelding, Weigering
from scan.services.toegang import Gebruiker
from tests.nep import NepDatabase, NepStand
from tests.nep import NepRollen as _NepRollen

ROOT = Path(__file__).resolve().parents[2]
TENANT = "8f2c6a3e-1111-4222-8333-944455556666"
ENTRA = f"https://login.microsoftonline.com/{TENANT}/v2.0"
ANDER_TENANT = "0badc0de-1111-4222-8333-944455556666"
GOOGLE = "https://accounts.google.com"


def entra(**claims: object) -> dict[str, object]:
    """Claims of an Entra ID v2 ID token of a member of the tenant, without optional claims."""
    basis: dict[str, object] = {
        "iss": ENTRA,
        "tid": TENANT,
        "sub": "pairwise-sub-1",
        "oid": "00000000-aaaa-bbbb-cccc-000000000001",
        "preferred_username": "j.jansen@utrecht.nl",
        "name": "Jan Jansen",
    }
    return basis | claims


# --- which issuers count ---


def test_issuer_from_metadata_address() -> None:
    assert ids.issuer_uit_metadata(f"{ENTRA}/.well-known/openid-configuration") == ENTRA
    assert ids.issuer_uit_metadata("https://accounts.google.com/.well-known/openid-configuration") == GOOGLE
    assert ids.issuer_uit_metadata("http://127.0.0.1:8731/.well-known/openid-configuration") == "http://127.0.0.1:8731"
    assert ids.issuer_uit_metadata("https://idp.example.nl/metadata") is None
    assert ids.issuer_uit_metadata(None) is None


def test_named_issuers_replace_the_derived_one() -> None:
    metadata = [f"{ENTRA}/.well-known/openid-configuration"]
    assert ids.toegestane_issuers(omgeving=None, uit_secrets=[], metadata_urls=metadata) == {ENTRA}
    genoemd = ids.toegestane_issuers(
        omgeving=f" {GOOGLE}/ , ", uit_secrets=["https://b.example/"], metadata_urls=metadata
    )
    assert genoemd == {GOOGLE, "https://b.example"}
    # Entra's multi-tenant discovery address gives an issuer no token has: nobody, until named.
    common = ["https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration"]
    assert ids.toegestane_issuers(omgeving="", uit_secrets=[], metadata_urls=common) == {
        "https://login.microsoftonline.com/common/v2.0"
    }
    assert ids.toegestane_issuers(omgeving="", uit_secrets=[], metadata_urls=[None]) == frozenset()


def test_a_foreign_issuer_gets_nothing_even_with_a_verified_address() -> None:
    claims = {"iss": "https://evil.example", "sub": "1", "email": "j.jansen@utrecht.nl", "email_verified": True}
    a = ids.lees_claims(claims, frozenset({ENTRA}))
    assert a.weigering == "issuer" and a.email is None and a.geclaimd == "j.jansen@utrecht.nl"
    # Another Entra tenant is another issuer.
    a = ids.lees_claims(entra(iss=f"https://login.microsoftonline.com/{ANDER_TENANT}/v2.0"), frozenset({ENTRA}))
    assert a.weigering == "issuer"
    assert ids.lees_claims(entra(iss=None), frozenset({ENTRA})).weigering == "issuer"


# --- which address is verified ---


def test_email_verified_true_is_needed_outside_entra() -> None:
    toegestaan = frozenset({GOOGLE})
    goed = {"iss": GOOGLE, "sub": "1", "email": "A.B@Utrecht.nl", "email_verified": True}
    assert ids.lees_claims(goed, toegestaan).email == "a.b@utrecht.nl"
    assert ids.lees_claims(goed | {"email_verified": "true"}, toegestaan).email == "a.b@utrecht.nl"
    for waarde in (False, "false", None, 1, "yes"):
        a = ids.lees_claims(goed | {"email_verified": waarde}, toegestaan)
        assert a.email is None and a.weigering == "onbevestigd", waarde
    zonder = {k: v for k, v in goed.items() if k != "email_verified"}
    assert ids.lees_claims(zonder, toegestaan).weigering == "onbevestigd"
    # A UPN-like claim means nothing outside Entra.
    assert ids.lees_claims(zonder | {"preferred_username": "a.b@utrecht.nl"}, toegestaan).email is None


def test_entra_takes_the_upn_not_the_email_attribute() -> None:
    toegestaan = frozenset({ENTRA})
    # The email attribute is whatever an administrator typed: without xms_edov it is not used.
    a = ids.lees_claims(entra(email="wethouder@amsterdam.nl"), toegestaan)
    assert a.email == "j.jansen@utrecht.nl"
    # With xms_edov (the domain owner verified it) the email claim is used.
    assert ids.lees_claims(entra(email="Jan@Utrecht.nl", xms_edov=True), toegestaan).email == "jan@utrecht.nl"
    # The upn optional claim wins over preferred_username.
    assert ids.lees_claims(entra(upn="jj@utrecht.nl"), toegestaan).email == "jj@utrecht.nl"
    # No usable claim at all.
    zonder = {k: v for k, v in entra().items() if k != "preferred_username"}
    assert ids.lees_claims(zonder, toegestaan).weigering == "onbevestigd"


def test_an_entra_guest_brings_no_address() -> None:
    gast = entra(idp="https://sts.windows.net/" + ANDER_TENANT + "/", preferred_username="baas@amsterdam.nl")
    assert ids.lees_claims(gast, frozenset({ENTRA})).weigering == "onbevestigd"
    assert ids.lees_claims(entra(idp="live.com"), frozenset({ENTRA})).weigering == "onbevestigd"
    gast_upn = entra(upn="baas_amsterdam.nl#EXT#@utrecht.onmicrosoft.com")
    assert ids.lees_claims(gast_upn, frozenset({ENTRA})).weigering == "onbevestigd"
    # A member whose idp names the own tenant (v1 form) is no guest.
    lid = entra(idp=f"https://sts.windows.net/{TENANT}/")
    assert ids.lees_claims(lid, frozenset({ENTRA})).email == "j.jansen@utrecht.nl"
    # A guest whose home tenant verified the domain of the email claim still gets it (xms_edov).
    assert ids.lees_claims(gast | {"email": "b@amsterdam.nl", "xms_edov": True}, frozenset({ENTRA})).email == (
        "b@amsterdam.nl"
    )


def test_entra_subject_is_the_object_id() -> None:
    a = ids.lees_claims(entra(), frozenset({ENTRA}))
    assert (a.issuer, a.subject) == (ENTRA, "00000000-aaaa-bbbb-cccc-000000000001")
    # Without tid it is not recognised as Entra: sub, and the Entra address rules do not apply.
    zonder_tid = {k: v for k, v in entra().items() if k != "tid"}
    b = ids.lees_claims(zonder_tid, frozenset({ENTRA}))
    assert b.subject == "pairwise-sub-1" and b.weigering == "onbevestigd"
    assert ids.lees_claims(
        {"iss": GOOGLE, "email": "a@b.nl", "email_verified": True}, frozenset({GOOGLE})
    ).weigering == ("geen_subject")


@given(
    claims=st.dictionaries(
        st.sampled_from(
            ["iss", "sub", "oid", "tid", "idp", "email", "email_verified", "xms_edov", "upn", "preferred_username"]
        ),
        st.one_of(
            st.none(),
            st.booleans(),
            st.sampled_from([ENTRA, GOOGLE, TENANT, "true", "a@utrecht.nl", "b@amsterdam.nl", "live.com", "1"]),
        ),
    )
)
def test_rule_no_roles_without_allowed_issuer_subject_and_verification(claims: dict[str, object]) -> None:
    """Whatever the claims: an address comes out only from an allowed issuer, with a subject,
    and either email_verified true or an Entra issuer with a tenant id."""
    toegestaan = frozenset({ENTRA})
    a = ids.lees_claims(claims, toegestaan)
    if a.email is not None:
        assert a.weigering is None
        assert claims.get("iss") in toegestaan
        assert a.subject
        assert ids._waar(claims.get("email_verified")) or (isinstance(claims.get("tid"), str))
        if not ids._waar(claims.get("email_verified")) and not ids._waar(claims.get("xms_edov")):
            assert a.email in {claims.get("upn"), claims.get("preferred_username")}
    else:
        assert a.weigering is not None


# --- the cookie secret ---


def test_the_example_cookie_secret_is_refused() -> None:
    voorbeeld = tomllib.loads((ROOT / ".streamlit" / "secrets.toml.example").read_text(encoding="utf-8"))
    assert ids.cookie_secret_zwak(voorbeeld["auth"]["cookie_secret"])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for waarde in re.findall(r'cookie_secret\s*=\s*"([^"]*)"', readme):
        assert ids.cookie_secret_zwak(waarde), waarde
    assert ids.cookie_secret_zwak("kort")
    assert ids.cookie_secret_zwak("x" * 31)
    assert ids.cookie_secret_zwak(None)
    assert not ids.cookie_secret_zwak("3f9a" * 16)


# --- binding an address to the first verified account ---


def aanmelding(email: str = "j.jansen@utrecht.nl", subject: str = "oid-1", issuer: str = ENTRA) -> Aanmelding:
    return Aanmelding(issuer=issuer, subject=subject, email=email, naam="Jan", geclaimd=email)


@pytest.fixture
def db() -> NepDatabase:
    db = NepDatabase()
    _NepRollen(db.stand).ken_toe("j.jansen@utrecht.nl", "GM0344", "facilitator", "test")
    _NepRollen(db.stand).ken_toe("a.de.vries@amsterdam.nl", "GM0363", "beheerder", "test")
    return db


def test_first_verified_sign_in_binds_and_gets_the_roles(db: NepDatabase) -> None:
    gebruiker = ids.gebruiker_na_aanmelding(db, aanmelding())
    assert isinstance(gebruiker, Gebruiker)
    assert gebruiker.rollen == {"GM0344": frozenset({"facilitator"})}
    binding = db.stand.identiteiten["j.jansen@utrecht.nl"]
    assert (binding.issuer, binding.subject) == (ENTRA, "oid-1")
    regels = [r for r, _ in db.stand.logboek]
    assert [(r.handeling, r.gm_code, r.onderwerp) for r in regels] == [
        ("identiteit.gebonden", "GM0344", "j.jansen@utrecht.nl")
    ]
    # The same account again: the roles, no new line.
    assert isinstance(ids.gebruiker_na_aanmelding(db, aanmelding()), Gebruiker)
    assert len(db.stand.logboek) == 1


def test_another_account_with_the_same_address_gets_nothing(db: NepDatabase) -> None:
    ids.gebruiker_na_aanmelding(db, aanmelding())
    for ander in (aanmelding(subject="oid-2"), aanmelding(issuer="https://login.microsoftonline.com/x/v2.0")):
        uit = ids.gebruiker_na_aanmelding(db, ander)
        assert uit == Weigering("gebonden", "j.jansen@utrecht.nl")
    geweigerd = [r for r, _ in db.stand.logboek if r.handeling == "identiteit.geweigerd"]
    assert len(geweigerd) == 2
    assert geweigerd[0].gm_code == "GM0344"
    assert geweigerd[0].voor == {"issuer": ENTRA, "subject": "oid-1"}
    assert geweigerd[0].na == {"issuer": ENTRA, "subject": "oid-2", "reden": "gebonden"}
    # The binding did not move.
    assert db.stand.identiteiten["j.jansen@utrecht.nl"].subject == "oid-1"
    # Not written again when the page asks not to (once per browser session).
    ids.gebruiker_na_aanmelding(db, aanmelding(subject="oid-2"), meld_weigering=False)
    assert len([r for r, _ in db.stand.logboek if r.handeling == "identiteit.geweigerd"]) == 2


def test_claims_refusals_are_logged_where_the_claimed_address_has_roles(db: NepDatabase) -> None:
    vreemd = Aanmelding(
        issuer="https://evil.example",
        subject="x",
        email=None,
        naam=None,
        weigering="issuer",
        geclaimd="A.de.Vries@amsterdam.nl",
    )
    assert ids.gebruiker_na_aanmelding(db, vreemd) == Weigering("issuer", "A.de.Vries@amsterdam.nl")
    (regel,) = [r for r, _ in db.stand.logboek]
    assert (regel.handeling, regel.gm_code, regel.onderwerp) == (
        "identiteit.geweigerd",
        "GM0363",
        "a.de.vries@amsterdam.nl",
    )
    assert regel.na == {"issuer": "https://evil.example", "subject": "x", "reden": "issuer"}
    assert not db.stand.identiteiten


def test_an_address_without_roles_is_not_bound(db: NepDatabase) -> None:
    uit = ids.gebruiker_na_aanmelding(db, aanmelding("niemand@utrecht.nl"))
    assert isinstance(uit, Gebruiker) and not uit.rollen
    assert not db.stand.identiteiten and not db.stand.logboek
    # An installation-wide beheerder's address is protected without any role.
    beheerder = ids.gebruiker_na_aanmelding(db, aanmelding("fb@utrecht.nl"), ["FB@utrecht.nl"])
    assert isinstance(beheerder, Gebruiker) and beheerder.overal_beheerder
    assert "fb@utrecht.nl" in db.stand.identiteiten
    assert ids.gebruiker_na_aanmelding(db, aanmelding("fb@utrecht.nl", "oid-9"), ["fb@utrecht.nl"]) == Weigering(
        "gebonden", "fb@utrecht.nl"
    )


def test_seen_is_written_at_most_hourly(db: NepDatabase, monkeypatch: pytest.MonkeyPatch) -> None:
    ids.gebruiker_na_aanmelding(db, aanmelding())
    units = db.units
    ids.gebruiker_na_aanmelding(db, aanmelding())
    assert db.units == units + 1  # one read, no write
    later = db.stand.identiteiten["j.jansen@utrecht.nl"].laatst_gezien_op + dt.timedelta(hours=2)
    monkeypatch.setattr(ids, "nu", lambda: later)
    ids.gebruiker_na_aanmelding(db, aanmelding())
    assert db.units == units + 3  # read, then the write that notes it was seen


# --- releasing a binding ---


def beheerder_van(*gms: str, overal: bool = False) -> Gebruiker:
    return Gebruiker(
        naam="Beheer",
        email="beheer@x.nl",
        rollen={gm: frozenset({"beheerder"}) for gm in gms},
        overal_beheerder=overal,
    )


def test_release_lets_the_next_account_bind(db: NepDatabase) -> None:
    ids.gebruiker_na_aanmelding(db, aanmelding())
    ids.maak_los(db, beheerder_van("GM0344"), "J.Jansen@utrecht.nl")
    assert not db.stand.identiteiten
    (los,) = [r for r, _ in db.stand.logboek if r.handeling == "identiteit.losgemaakt"]
    assert (los.wie, los.gm_code, los.voor) == ("beheer@x.nl", "GM0344", {"issuer": ENTRA, "subject": "oid-1"})
    assert isinstance(ids.gebruiker_na_aanmelding(db, aanmelding(subject="oid-2")), Gebruiker)
    assert db.stand.identiteiten["j.jansen@utrecht.nl"].subject == "oid-2"
    with pytest.raises(InvoerFout, match="niet \\(meer\\) aan een account gebonden"):
        ids.maak_los(db, beheerder_van(overal=True), "onbekend@utrecht.nl")


def test_who_may_release(db: NepDatabase) -> None:
    ids.gebruiker_na_aanmelding(db, aanmelding())
    _NepRollen(db.stand).ken_toe("j.jansen@utrecht.nl", "GM0363", "adviseur", "test")
    # Roles in two gemeenten: a beheerder of one of them may not hand both to the next account.
    with pytest.raises(GeenToegang, match="elke gemeente"):
        ids.maak_los(db, beheerder_van("GM0344"), "j.jansen@utrecht.nl")
    assert "j.jansen@utrecht.nl" in db.stand.identiteiten
    ids.maak_los(db, beheerder_van("GM0344", "GM0363"), "j.jansen@utrecht.nl")
    assert not db.stand.identiteiten
    # An installation beheerder's address: only another installation beheerder.
    ids.gebruiker_na_aanmelding(db, aanmelding("fb@utrecht.nl"), ["fb@utrecht.nl"])
    assert not ids.mag_loslaten(beheerder_van("GM0344"), "fb@utrecht.nl", {"GM0344": {"adviseur"}}, ["fb@utrecht.nl"])
    ids.maak_los(db, beheerder_van(overal=True), "fb@utrecht.nl", ["fb@utrecht.nl"])


def test_a_beheerder_sees_the_bindings_of_their_gemeente_only(db: NepDatabase) -> None:
    ids.gebruiker_na_aanmelding(db, aanmelding())
    ids.gebruiker_na_aanmelding(db, aanmelding("a.de.vries@amsterdam.nl", "oid-a"))
    utrecht = ids.bindingen(db, beheerder_van("GM0344"))
    assert [(r.binding.email, r.gemeenten, r.mag_los) for r in utrecht] == [("j.jansen@utrecht.nl", ("GM0344",), True)]
    alles = ids.bindingen(db, beheerder_van(overal=True))
    assert [r.binding.email for r in alles] == ["a.de.vries@amsterdam.nl", "j.jansen@utrecht.nl"]
    assert ids.bindingen(db, Gebruiker(naam="x", email="x@x.nl", rollen={"GM0344": frozenset({"adviseur"})})) == []


def test_nep_stand_has_bindings() -> None:
    assert NepStand().identiteiten == {}
