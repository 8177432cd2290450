"""Every request the portal makes to another server goes through ``fetch``.

The addresses come from officials (CAP import, CAP sources) or from other
servers' feeds and redirects, so the server must not be turned into a probe
of its own network (SSRF). ``fetch``:

- takes http(s) only, with no user name or password in the URL;
- resolves the host itself and refuses loopback, private, link-local (cloud
  metadata at 169.254.169.254 included), multicast, reserved and other
  non-global addresses, IPv4 and IPv6 (IPv4-mapped, 6to4 and NAT64 forms are
  judged by the IPv4 address inside), then connects to the address it checked,
  so a second DNS answer cannot swap it;
- follows at most ``max_redirects`` redirects, checking every hop again;
- stops at a total deadline (a server sending one byte a second is cut off by
  a watchdog that closes the socket, not only by per-read timeouts);
- reads at most ``max_bytes``;
- says in its errors what it refused, never what the other server answered.

An operator can allow an internal host explicitly: ``Policy.allowed_hosts``
holds host names (matched exactly) and addresses or networks (``10.1.2.0/24``),
from the setting ``RATUSZ_OUTBOUND_ALLOWED_HOSTS`` (``ratusz.core.conf.outbound_policy``
builds the policy from the settings).

Plain Python, no Django.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from ratusz.core.marks import N_

USER_AGENT = "Ratusz (+https://github.com/ratusz)"
REDIRECTS = {301, 302, 303, 307, 308}
NAT64 = ipaddress.ip_network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# socket.getaddrinfo's shape: (host, port, type=...) -> [(family, type, proto, name, sockaddr)]
Resolver = Callable[..., Sequence[tuple[Any, ...]]]


class OutboundError(Exception):
    """A refusal or failure, with a message safe to show to the official."""


class Refused(OutboundError):
    """The request was not made: the address is not allowed."""


class HTTPStatusError(OutboundError):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Policy:
    allowed_hosts: tuple[str, ...] = ()
    deadline: float = 15.0  # seconds for the whole exchange, redirects included
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 3
    connect_timeout: float = 5.0


@dataclass
class Response:
    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    if ip.version != 6:
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_problem(address: str | IPAddress) -> str:
    """Why an address may not be reached ('' when it may)."""
    ip = ipaddress.ip_address(address)
    inner = _embedded_ipv4(ip)
    if inner is not None:
        return address_problem(inner)
    if ip.is_loopback:
        return N_("pętla zwrotna")
    if ip.is_link_local:
        return N_("adres lokalny łącza (także metadane chmury)")
    if ip.is_multicast:
        return N_("adres rozgłoszeniowy")
    if ip.is_private:
        return N_("sieć prywatna")
    if ip.is_reserved or ip.is_unspecified or not ip.is_global:
        return N_("adres zastrzeżony")
    return ""


def _allowed(host: str, ip: str, policy: Policy) -> bool:
    for entry in policy.allowed_hosts:
        entry = entry.strip().lower()
        if not entry:
            continue
        if entry == host:
            return True
        try:
            if ipaddress.ip_address(ip) in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def check_url(
    url: str, policy: Policy, resolve: Resolver = socket.getaddrinfo
) -> tuple[str, str, int, str, str]:
    """(scheme, host, port, path, address to connect to) or Refused."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise Refused(N_("Nieprawidłowy adres.")) from None
    if parts.scheme not in ("http", "https"):
        raise Refused(N_("Obsługujemy tylko adresy http(s)."))
    if parts.username or parts.password:
        raise Refused(N_("Adres z nazwą użytkownika lub hasłem jest niedozwolony."))
    host = (parts.hostname or "").lower()
    if not host:
        raise Refused(N_("Adres nie ma nazwy serwera."))
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        infos = resolve(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise Refused(N_("Nie znaleziono serwera %(host)s.") % {"host": host}) from None
    addresses: list[str] = []
    for info in infos:
        address = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise Refused(N_("Nie znaleziono serwera %(host)s.") % {"host": host})
    # Every address must pass: a name that also points inside is refused whole.
    for address in addresses:
        problem = address_problem(address)
        if problem and not _allowed(host, address, policy):
            raise Refused(f"Odmowa: {host} wskazuje na {address} ({problem}).")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.scheme, host, port, path, addresses[0]


def fetch(
    url: str,
    policy: Policy = Policy(),
    headers: dict[str, str] | None = None,
    resolve: Resolver = socket.getaddrinfo,
    clock: Callable[[], float] = time.monotonic,
) -> Response:
    """GET ``url`` under ``policy``; the body of a 2xx answer, or OutboundError."""
    started = clock()
    seen = 0
    while True:
        scheme, host, port, path, address = check_url(url, policy, resolve)
        remaining = policy.deadline - (clock() - started)
        if remaining <= 0:
            raise OutboundError("Przekroczono czas na pobranie dokumentu.")
        status, response_headers, body = _exchange(
            scheme, host, port, path, address, headers or {}, remaining, policy
        )
        if status in REDIRECTS and response_headers.get("location"):
            seen += 1
            if seen > policy.max_redirects:
                raise OutboundError(N_("Zbyt wiele przekierowań."))
            url = urljoin(url, response_headers["location"])
            continue
        if not 200 <= status < 300:
            raise HTTPStatusError(
                N_("Serwer %(host)s odpowiedział kodem %(status)s.")
                % {"host": host, "status": status},
                status,
            )
        return Response(url=url, status=status, headers=response_headers, body=body)


def _connection(
    scheme: str, host: str, port: int, address: str, timeout: float
) -> tuple[http.client.HTTPConnection, list[socket.socket]]:
    conn: http.client.HTTPConnection
    if scheme == "https":
        conn = http.client.HTTPSConnection(
            host, port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)

    sockets: list[socket.socket] = []

    # Connect to the address that was checked; TLS still verifies ``host``.
    def create_connection(
        _address: object, timeout: float | None = None, source_address: Any = None
    ) -> socket.socket:
        sock = socket.create_connection((address, port), timeout, source_address)
        sockets.append(sock)  # kept for the watchdog: http.client drops conn.sock
        return sock

    conn._create_connection = create_connection  # type: ignore[attr-defined]
    return conn, sockets


def _exchange(
    scheme: str,
    host: str,
    port: int,
    path: str,
    address: str,
    headers: dict[str, str],
    remaining: float,
    policy: Policy,
) -> tuple[int, dict[str, str], bytes]:
    conn, sockets = _connection(scheme, host, port, address, min(policy.connect_timeout, remaining))
    expired = threading.Event()

    def cut_off() -> None:
        # The total deadline: shutting the socket down ends any read in progress.
        expired.set()
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    watchdog = threading.Timer(remaining, cut_off)
    watchdog.daemon = True
    watchdog.start()
    try:
        conn.request("GET", path, headers={"User-Agent": USER_AGENT, **headers})
        response = conn.getresponse()
        response_headers = {k.lower(): v for k, v in response.getheaders()}
        if response.status in REDIRECTS:
            return response.status, response_headers, b""
        length = response_headers.get("content-length", "")
        if length.isdigit() and int(length) > policy.max_bytes:
            raise OutboundError(_too_big(policy))
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = response.read1(64 * 1024)
            if not chunk:
                break
            size += len(chunk)
            if size > policy.max_bytes:
                raise OutboundError(_too_big(policy))
            chunks.append(chunk)
        if expired.is_set():
            raise OutboundError("Przekroczono czas na pobranie dokumentu.")
        return response.status, response_headers, b"".join(chunks)
    except OutboundError:
        raise
    except (OSError, http.client.HTTPException, ValueError):
        if expired.is_set():
            raise OutboundError("Przekroczono czas na pobranie dokumentu.") from None
        # One message for refused, reset and malformed: no port scanning by error text.
        raise OutboundError(
            N_("Nie udało się pobrać dokumentu z serwera %(host)s.") % {"host": host}
        ) from None
    finally:
        watchdog.cancel()
        conn.close()


def _too_big(policy: Policy) -> str:
    return N_("Dokument jest większy niż %(value)s MB.") % {
        "value": policy.max_bytes // (1024 * 1024)
    }
