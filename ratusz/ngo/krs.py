"""Reading an extract from the KRS open API (plain Python, no Django).

GET https://api-krs.ms.gov.pl/api/krs/OdpisAktualny/{krs}?rejestr=S&format=json
(rejestr=P for the register of entrepreneurs, S for associations and
foundations). The API pads a 9-digit REGON with five zeros to 14 digits; we
give back the 9 digits, which is what the directory stores.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ratusz.core import outbound

from .rules import RuleError, clean_krs, clean_nip, clean_regon, gettext_noop

REGISTERS = {"RejP": "P", "RejS": "S"}


@dataclass(frozen=True)
class KrsRecord:
    krs: str
    register: str  # "P" or "S"
    name: str
    legal_form: str  # as KRS writes it, e.g. "STOWARZYSZENIE"
    nip: str
    regon: str
    opp: bool
    ade: str  # e-Doręczenia address entered in the BAE, or ""
    email: str
    website: str
    street: str
    postal_code: str
    city: str


def _regon(raw: str) -> str:
    raw = (raw or "").strip()
    if len(raw) == 14 and raw.endswith("00000"):
        raw = raw[:9]
    return clean_regon(raw) if raw else ""


def _street(address: dict[str, Any]) -> str:
    street = " ".join(p for p in (address.get("ulica", ""), address.get("nrDomu", "")) if p)
    if address.get("nrLokalu"):
        street += f"/{address['nrLokalu']}"
    return street


def parse_odpis(data: dict[str, Any]) -> KrsRecord:
    """An `OdpisAktualny` JSON document → the fields the directory keeps."""
    try:
        odpis = data["odpis"]
        header = odpis["naglowekA"]
        section = odpis["dane"]["dzial1"]
        subject = section["danePodmiotu"]
    except (KeyError, TypeError):
        raise RuleError(
            gettext_noop("To nie jest odpis z KRS w oczekiwanym formacie."), "krs_json"
        ) from None
    ids = subject.get("identyfikatory") or {}
    seat = section.get("siedzibaIAdres") or {}
    address = seat.get("adres") or {}
    return KrsRecord(
        krs=clean_krs(header.get("numerKRS", "")),
        register=REGISTERS.get(header.get("rejestr", ""), ""),
        name=subject.get("nazwa", "").strip(),
        legal_form=subject.get("formaPrawna", "").strip(),
        nip=clean_nip(ids["nip"]) if ids.get("nip") else "",
        regon=_regon(ids.get("regon", "")),
        opp=bool(subject.get("czyPosiadaStatusOPP", False)),
        ade=seat.get("adresDoDoreczenElektronicznychWpisanyDoBAE", "") or "",
        email=(seat.get("adresPocztyElektronicznej") or "").lower(),
        website=(seat.get("adresStronyInternetowej") or "").lower(),
        street=_street(address),
        postal_code=address.get("kodPocztowy", ""),
        city=address.get("miejscowosc", ""),
    )


# KRS writes legal forms in capitals; the directory's codes, for prefilling.
KRS_LEGAL_FORMS = {
    "STOWARZYSZENIE": "stowarzyszenie",
    "STOWARZYSZENIE KULTURY FIZYCZNEJ": "klub-sportowy",
    "ZWIĄZEK STOWARZYSZEŃ": "zwiazek-stowarzyszen",
    "FUNDACJA": "fundacja",
    "SPÓŁDZIELNIA SOCJALNA": "spoldzielnia-socjalna",
}


def directory_legal_form(krs_form: str) -> str:
    return KRS_LEGAL_FORMS.get(krs_form.strip().upper(), "inna")


MAX_BYTES = 2 * 1024 * 1024  # an extract is a few tens of kilobytes
KRS_API = "https://api-krs.ms.gov.pl/api/krs/OdpisAktualny/{krs}?rejestr={register}&format=json"


def fetch_odpis(
    krs: str,
    register: str = "S",
    *,
    opener: Any = None,
    timeout: float = 10.0,
    url: str = KRS_API,
    allowed_hosts: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Fetch the current extract; RuleError when the register has no such entry or does not answer.

    Called from the admin only (server side); public pages never reach other hosts.
    Goes through ratusz.core.outbound (public addresses only unless the caller
    passes the operator's ``allowed_hosts``; size and time bounded); ``opener``
    (urllib's signature) is for tests.
    """
    import json
    import urllib.error
    import urllib.request

    if register not in ("P", "S"):
        raise ValueError("register must be P or S")
    address = url.format(krs=clean_krs(krs), register=register)
    if opener is None:
        policy = outbound.Policy(allowed_hosts=allowed_hosts, deadline=timeout, max_bytes=MAX_BYTES)
        return _fetch_outbound(address, register, krs, policy)
    request = urllib.request.Request(address, headers={"Accept": "application/json"})
    try:
        with opener(request, timeout=timeout) as response:
            document: dict[str, Any] = json.loads(response.read().decode("utf-8"))
            return document
    except urllib.error.HTTPError as err:
        raise _status_error(err.code, register, krs) from None
    except (urllib.error.URLError, TimeoutError, OSError, ValueError):
        raise _network_error() from None


def _status_error(status: int, register: str, krs: str) -> RuleError:
    """The register's error answer, said the same way whichever client fetched it."""
    if status == 404:
        return RuleError(
            gettext_noop("W rejestrze %(register)s nie ma podmiotu o numerze KRS %(krs)s."),
            "krs_not_found",
            {"register": register, "krs": krs},
        )
    return RuleError(gettext_noop("Rejestr KRS odpowiedział błędem; spróbuj później."), "krs_http")


def _network_error() -> RuleError:
    return RuleError(
        gettext_noop("Nie udało się połączyć z rejestrem KRS; spróbuj później."), "krs_network"
    )


def _fetch_outbound(
    address: str, register: str, krs: str, policy: outbound.Policy
) -> dict[str, Any]:
    import json

    try:
        answer = outbound.fetch(address, policy, headers={"Accept": "application/json"})
        document: dict[str, Any] = json.loads(answer.body.decode("utf-8"))
        return document
    except outbound.HTTPStatusError as err:
        raise _status_error(err.status, register, krs) from None
    except (outbound.OutboundError, ValueError):
        raise _network_error() from None
