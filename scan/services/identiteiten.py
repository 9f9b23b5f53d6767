"""Identities that cannot be spoofed (issue 18, item 6): which signed-in account an address's
roles belong to.

Layer: ``scan/services``, no streamlit. Roles are granted to e-mail addresses (``scan.services.toegang``),
but an address alone is something a provider *claims*. Here a sign-in (the claims of the ID token
that ``st.user`` holds) becomes a person with roles only when

1. the token's issuer is one the installation allows (``toegestane_issuers``): by default only
   the issuer of the configured provider, so for Entra ID only the installation's own tenant;
2. the address is verified (``geverifieerd_adres``): ``email_verified`` is true, or, for an
   Entra ID member account of an allowed tenant, the address comes from a claim the tenant
   controls (``email`` with ``xms_edov``, otherwise the UPN / ``preferred_username``, whose
   domain must be one the tenant verified);
3. the address is bound to this account (``gebruiker_na_aanmelding``): the first verified
   sign-in that claims an address with something to protect (a role, or an installation
   beheerder's address) binds it to the issuer and subject; a later sign-in with the same
   address but another issuer or subject gets no roles, and the refusal is written to the
   audit trail. A beheerder can release a binding (``maak_los``), after which the next verified
   sign-in binds it anew.

The subject is ``sub`` in general. For Entra ID it is the object id ``oid``: ``sub`` is pairwise
per app registration, so re-creating the registration would orphan every binding, while ``oid``
is the same for the person in every app of the tenant, never reused, and what the tenant's
administrator sees in the Entra portal. Entra's issuer holds the tenant id, so issuer + ``oid`` is
tenant + object id, as Microsoft advises for keying users.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from scan.db.verbinding import Database
from scan.fouten import Botsing, GeenToegang, InvoerFout, OpslagFout
from scan.leesmodellen import Binding
from scan.services.toegang import ROLLEN, Gebruiker, normaliseer_email
from scoring.tijd import nu

log = logging.getLogger(__name__)

Reden = Literal["issuer", "geen_subject", "onbevestigd", "gebonden"]
"""Why a signed-in account gets no roles: a foreign issuer, no subject, no verified address, or
an address bound to another account."""

METADATA_PAD = "/.well-known/openid-configuration"
ENTRA_HOSTS = frozenset({"login.microsoftonline.com", "sts.windows.net"})
"""Issuers of Microsoft Entra ID (worldwide cloud; v2 and v1 tokens)."""
GEZIEN_NA = dt.timedelta(hours=1)
"""``laatst_gezien_op`` is written at most this often per address: reading a binding costs
nothing extra per page run, writing on every run would."""

COOKIE_SECRET_MINIMUM = 32
VOORBEELD_COOKIE_SECRETS = frozenset(
    {
        "vervang-door-een-lange-willekeurige-tekst",  # .streamlit/secrets.toml.example
        "xxx",  # Streamlit's documentation
    }
)
"""Cookie secrets that were published: with one of them anyone can forge the identity cookie."""


def _issuer(waarde: object) -> str | None:
    """An issuer as compared: trimmed, without a trailing slash (``sts.windows.net`` adds one)."""
    if not isinstance(waarde, str) or not waarde.strip():
        return None
    return waarde.strip().rstrip("/")


def issuer_uit_metadata(url: object) -> str | None:
    """The issuer a provider's discovery address belongs to, without fetching it: OpenID Connect
    Discovery puts the metadata at ``<issuer>/.well-known/openid-configuration``. For Entra's
    ``common`` or ``organizations`` this gives an issuer no token carries, so nobody is accepted
    until the allowed tenants are named (docs/beheer.md)."""
    if not isinstance(url, str) or not url.strip().endswith(METADATA_PAD):
        return None
    return _issuer(url.strip()[: -len(METADATA_PAD)])


def toegestane_issuers(
    *, omgeving: str | None, uit_secrets: Iterable[object], metadata_urls: Iterable[object]
) -> frozenset[str]:
    """The issuers whose sign-ins count: ``SCAN_TOEGESTANE_ISSUERS`` (comma-separated) together
    with ``[toegang] issuers``; when neither names one, the issuers of the configured providers'
    ``server_metadata_url``."""
    genoemd = {_issuer(i) for i in (omgeving or "").split(",")} | {_issuer(i) for i in uit_secrets}
    genoemd.discard(None)
    if genoemd:
        return frozenset(i for i in genoemd if i is not None)
    afgeleid = {issuer_uit_metadata(u) for u in metadata_urls}
    return frozenset(i for i in afgeleid if i is not None)


def cookie_secret_zwak(secret: object) -> bool:
    """Whether ``[auth] cookie_secret`` is too weak to sign identity cookies with: missing,
    shorter than 32 characters, or a value that was published as an example."""
    if not isinstance(secret, str):
        return True
    return len(secret.strip()) < COOKIE_SECRET_MINIMUM or secret.strip() in VOORBEELD_COOKIE_SECRETS


def _waar(waarde: object) -> bool:
    """A boolean claim: JSON true, or the string "true" that some providers send."""
    return waarde is True or (isinstance(waarde, str) and waarde.strip().lower() == "true")


def is_entra(claims: Mapping[str, object]) -> bool:
    issuer = _issuer(claims.get("iss"))
    return issuer is not None and urlsplit(issuer).hostname in ENTRA_HOSTS and isinstance(claims.get("tid"), str)


def _adres(waarde: object) -> str | None:
    if not isinstance(waarde, str):
        return None
    try:
        return normaliseer_email(waarde)
    except GeenToegang:
        return None


def geverifieerd_adres(claims: Mapping[str, object]) -> str | None:
    """The address this sign-in may claim roles with, normalised, or ``None``.

    - ``email`` when the provider says ``email_verified`` is true (any provider);
    - Entra ID sends no ``email_verified``; its ``email`` is an attribute any administrator of
      the account's tenant can set to any address (the "nOAuth" problem). So for Entra: ``email``
      only with ``xms_edov`` true (Microsoft's "email domain owner verified" optional claim);
      otherwise the account's UPN (``upn``, else ``preferred_username``), whose domain Entra
      only accepts when the tenant verified it, and only for a member of the tenant: a guest
      (``idp`` naming another identity provider) brings an address its home tenant asserts.
    """
    email = claims.get("email")
    if _waar(claims.get("email_verified")):
        return _adres(email)
    if not is_entra(claims):
        return None
    if _waar(claims.get("xms_edov")) and (adres := _adres(email)) is not None:
        return adres
    if _gast(claims):
        return None
    upn = claims.get("upn")
    adres = _adres(upn if isinstance(upn, str) else claims.get("preferred_username"))
    # A guest's UPN in the inviting tenant ("naam_domein#EXT#@tenant.onmicrosoft.com").
    return None if adres is None or "#ext#" in adres else adres


def _gast(claims: Mapping[str, object]) -> bool:
    """An Entra account from outside the tenant: ``idp`` names another identity provider than the
    tenant itself (its issuer, or the v1 form ``https://sts.windows.net/<tid>/``)."""
    idp = _issuer(claims.get("idp"))
    tid = claims.get("tid")
    return idp is not None and idp != _issuer(claims.get("iss")) and not (isinstance(tid, str) and tid in idp)


@dataclass(frozen=True)
class Aanmelding:
    """A sign-in as the app judges it: who the provider says this is, and whether that counts."""

    issuer: str | None
    subject: str | None
    email: str | None
    """The verified address (normalised); ``None`` when there is none."""
    naam: str | None
    weigering: Reden | None = None
    """Why this sign-in gets no roles whatever the database holds; ``None`` when it may."""
    geclaimd: str | None = None
    """The address the provider named (for the message and the audit line), verified or not."""


def lees_claims(claims: Mapping[str, object], toegestaan: frozenset[str]) -> Aanmelding:
    """Judge the claims of an ID token (``st.user``) against the allowed issuers."""
    issuer = _issuer(claims.get("iss"))
    entra = is_entra(claims)
    ruw_subject = claims.get("oid") if entra and isinstance(claims.get("oid"), str) else claims.get("sub")
    subject = ruw_subject.strip() if isinstance(ruw_subject, str) and ruw_subject.strip() else None
    naam = claims.get("name")
    geclaimd_ruw = claims.get("email") or claims.get("upn") or claims.get("preferred_username")
    geclaimd = geclaimd_ruw.strip()[:254] if isinstance(geclaimd_ruw, str) else None
    naam_tekst = naam if isinstance(naam, str) else None

    def weiger(reden: Reden) -> Aanmelding:
        return Aanmelding(issuer, subject, None, naam_tekst, weigering=reden, geclaimd=geclaimd)

    if issuer is None or issuer not in toegestaan:
        return weiger("issuer")
    if subject is None:
        return weiger("geen_subject")
    email = geverifieerd_adres(claims)
    if email is None:
        return weiger("onbevestigd")
    return Aanmelding(issuer, subject, email, naam_tekst, geclaimd=email)


@dataclass(frozen=True)
class Weigering:
    """A signed-in account that gets no roles, and why."""

    soort: Reden
    """Why (named ``soort``, not ``reden``: the UI's escaping check treats a ``reden`` as user text)."""
    email: str | None
    """The address claimed, if any (shown to the person themselves)."""


def _gemeenten(rollen: Mapping[str, set[str]]) -> list[str | None]:
    """The gemeenten an audit line about an address belongs in: where it has roles, else the
    installation's own trail (``None``)."""
    uit: list[str | None] = [*sorted(rollen)]
    return uit or [None]


def _beheerders(beheerders: Iterable[str]) -> frozenset[str]:
    return frozenset(b.strip().lower() for b in beheerders if b.strip())


def gebruiker_na_aanmelding(
    db: Database,
    aanmelding: Aanmelding,
    beheerders: Iterable[str] = frozenset(),
    *,
    meld_weigering: bool = True,
) -> Gebruiker | Weigering:
    """The person behind a judged sign-in with their roles, or why they get none.

    Binds the address on its first verified sign-in when it has something to protect; refuses
    an account other than the bound one. ``meld_weigering``: write a refusal to the audit trail
    (the page does so once per browser session, not on every run).
    """
    beheerders = _beheerders(beheerders)
    if aanmelding.weigering is not None or aanmelding.email is None:
        reden = aanmelding.weigering or "onbevestigd"
        if meld_weigering:
            _meld(db, aanmelding, reden, None)
        return Weigering(reden, aanmelding.geclaimd)
    adres = aanmelding.email
    if aanmelding.issuer is None or aanmelding.subject is None:
        return Weigering("geen_subject", adres)
    with db.inzage() as werk:
        binding = werk.identiteiten.lees(adres)
        rollen = werk.rollen.van_adres(adres)
    beschermd = bool(rollen) or adres in beheerders
    if binding is not None and not _zelfde(binding, aanmelding):
        if meld_weigering:
            _meld(db, aanmelding, "gebonden", binding)
        return Weigering("gebonden", adres)
    if beschermd and (binding is None or nu() - binding.laatst_gezien_op >= GEZIEN_NA):
        try:
            binding = _bind_of_zie(db, aanmelding, adres)
        except Botsing:  # another process bound it between our read and write: read again
            with db.inzage() as werk:
                binding = werk.identiteiten.lees(adres)
        if binding is not None and not _zelfde(binding, aanmelding):
            if meld_weigering:
                _meld(db, aanmelding, "gebonden", binding)
            return Weigering("gebonden", adres)
    return Gebruiker(
        naam=(aanmelding.naam or "").strip() or adres,
        email=adres,
        rollen={gm: frozenset(r for r in rs if r in ROLLEN) for gm, rs in rollen.items()},
        overal_beheerder=adres in beheerders,
    )


def _zelfde(binding: Binding, aanmelding: Aanmelding) -> bool:
    return (binding.issuer, binding.subject) == (aanmelding.issuer, aanmelding.subject)


def _bind_of_zie(db: Database, aanmelding: Aanmelding, adres: str) -> Binding | None:
    """Bind ``adres`` to this account, or note that it was seen; returns the binding as it stands."""
    assert aanmelding.issuer is not None and aanmelding.subject is not None
    with db.werk() as werk:
        binding = werk.identiteiten.lees(adres, voor_wijziging=True)
        if binding is None:
            werk.identiteiten.bind(adres, aanmelding.issuer, aanmelding.subject)
            for gm in _gemeenten(werk.rollen.van_adres(adres)):
                werk.logboek.schrijf(
                    "identiteit.gebonden",
                    wie=adres,
                    gm_code=gm,
                    onderwerp=adres,
                    na={"issuer": aanmelding.issuer, "subject": aanmelding.subject},
                )
            return werk.identiteiten.lees(adres)
        if _zelfde(binding, aanmelding):
            werk.identiteiten.gezien(adres)
        return binding


def _meld(db: Database, aanmelding: Aanmelding, reden: Reden, binding: Binding | None) -> None:
    """One audit line per gemeente the claimed address has roles in: which account tried, not
    any token. A trail that cannot be written must not keep the person from the page."""
    adres = aanmelding.email or _adres(aanmelding.geclaimd)
    try:
        with db.werk() as werk:
            rollen = werk.rollen.van_adres(adres) if adres is not None else {}
            for gm in _gemeenten(rollen):
                werk.logboek.schrijf(
                    "identiteit.geweigerd",
                    wie=(aanmelding.geclaimd or "onbekend account"),
                    gm_code=gm,
                    onderwerp=adres or aanmelding.geclaimd,
                    voor=None if binding is None else {"issuer": binding.issuer, "subject": binding.subject},
                    na={"issuer": aanmelding.issuer, "subject": aanmelding.subject, "reden": reden},
                )
    except OpslagFout:
        # The warning with the cause was written where the unit of work failed (scan.db.verbinding).
        log.info("weigering van een aanmelding niet in het logboek gezet (database niet bereikbaar)")


# --- the Beheer panel: see and release bindings ---


def mag_loslaten(gebruiker: Gebruiker, adres: str, rollen: Mapping[str, set[str]], beheerders: Iterable[str]) -> bool:
    """Who may release the binding of ``adres``: an installation-wide beheerder always; a
    beheerder of a gemeente only for an address whose roles all lie in gemeenten they manage (a
    release hands every role of the address to the next verified sign-in), and never for an
    installation-wide beheerder's address."""
    if gebruiker.overal_beheerder:
        return True
    if adres in _beheerders(beheerders) or not rollen:
        return False
    return all(gebruiker.mag("beheren", gm) for gm in rollen)


@dataclass(frozen=True)
class BindingRegel:
    binding: Binding
    gemeenten: tuple[str, ...]
    """Where the address has roles."""
    mag_los: bool


def bindingen(db: Database, gebruiker: Gebruiker, beheerders: Iterable[str] = frozenset()) -> list[BindingRegel]:
    """The bindings a beheerder sees: all for an installation-wide beheerder, otherwise those of
    addresses with a role in a gemeente they manage."""
    beheerd = gebruiker.gemeenten("beheren")
    with db.inzage() as werk:
        if beheerd is None:
            lijst = werk.identiteiten.van_adressen(None)
        else:
            adressen = {r.email for gm in sorted(beheerd) for r in werk.rollen.van_gemeente(gm)}
            lijst = werk.identiteiten.van_adressen(sorted(adressen)) if adressen else []
        uit = []
        for b in lijst:
            rollen = werk.rollen.van_adres(b.email)
            uit.append(BindingRegel(b, tuple(sorted(rollen)), mag_loslaten(gebruiker, b.email, rollen, beheerders)))
    return uit


def maak_los(db: Database, gebruiker: Gebruiker, email: str, beheerders: Iterable[str] = frozenset()) -> None:
    """Release the binding of ``email``: the next verified sign-in with that address binds it anew."""
    adres = normaliseer_email(email)
    with db.werk() as werk:
        binding = werk.identiteiten.lees(adres, voor_wijziging=True)
        if binding is None:
            raise InvoerFout(f"Het adres {adres} is niet (meer) aan een account gebonden; er is niets los te maken.")
        rollen = werk.rollen.van_adres(adres)
        if not mag_loslaten(gebruiker, adres, rollen, beheerders):
            raise GeenToegang(
                f"{gebruiker.naam} mag de koppeling van {adres} niet losmaken: daarvoor moet u beheerder zijn van "
                "elke gemeente waar dit adres een rol heeft, of beheerder van de hele installatie."
            )
        werk.identiteiten.maak_los(adres)
        for gm in _gemeenten(rollen):
            werk.logboek.schrijf(
                "identiteit.losgemaakt",
                wie=gebruiker.email or gebruiker.naam,
                gm_code=gm,
                onderwerp=adres,
                voor={"issuer": binding.issuer, "subject": binding.subject},
            )
