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
from the setting ``RATUSZ_OUTBOUND_ALLOWED_HOSTS``.

Plain Python, no Django except ``policy_from_settings``.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

USER_AGENT = "Ratusz (+https://github.com/ratusz)"
REDIRECTS = {301, 302, 303, 307, 308}
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class OutboundError(Exception):
    """A refusal or failure, with a message safe to show to the official."""


class Refused(OutboundError):
    """The request was not made: the address is not allowed."""


class HTTPStatusError(OutboundError):
    def __init__(self, message, status):
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
    headers: dict = field(default_factory=dict)
    body: bytes = b""


def _embedded_ipv4(ip):
    if ip.version != 6:
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_problem(ip) -> str:
    """Why an address may not be reached ('' when it may)."""
    ip = ipaddress.ip_address(ip)
    inner = _embedded_ipv4(ip)
    if inner is not None:
        return address_problem(inner)
    if ip.is_loopback:
        return "pętla zwrotna"
    if ip.is_link_local:
        return "adres lokalny łącza (także metadane chmury)"
    if ip.is_multicast:
        return "adres rozgłoszeniowy"
    if ip.is_private:
        return "sieć prywatna"
    if ip.is_reserved or ip.is_unspecified or not ip.is_global:
        return "adres zastrzeżony"
    return ""


def _allowed(host, ip, policy):
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


def check_url(url, policy, resolve=socket.getaddrinfo):
    """(scheme, host, port, path, address to connect to) or Refused."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise Refused("Nieprawidłowy adres.") from None
    if parts.scheme not in ("http", "https"):
        raise Refused("Obsługujemy tylko adresy http(s).")
    if parts.username or parts.password:
        raise Refused("Adres z nazwą użytkownika lub hasłem jest niedozwolony.")
    host = (parts.hostname or "").lower()
    if not host:
        raise Refused("Adres nie ma nazwy serwera.")
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        infos = resolve(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise Refused(f"Nie znaleziono serwera {host}.") from None
    addresses = []
    for info in infos:
        address = info[4][0].split("%", 1)[0]  # drop an IPv6 zone
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise Refused(f"Nie znaleziono serwera {host}.")
    # Every address must pass: a name that also points inside is refused whole.
    for address in addresses:
        problem = address_problem(address)
        if problem and not _allowed(host, address, policy):
            raise Refused(f"Odmowa: {host} wskazuje na {address} ({problem}).")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.scheme, host, port, path, addresses[0]


def fetch(url, policy=Policy(), headers=None, resolve=socket.getaddrinfo, clock=time.monotonic):
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
                raise OutboundError("Zbyt wiele przekierowań.")
            url = urljoin(url, response_headers["location"])
            continue
        if not 200 <= status < 300:
            raise HTTPStatusError(f"Serwer {host} odpowiedział kodem {status}.", status)
        return Response(url=url, status=status, headers=response_headers, body=body)


def _connection(scheme, host, port, address, timeout):
    if scheme == "https":
        conn = http.client.HTTPSConnection(
            host, port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)

    sockets = []

    # Connect to the address that was checked; TLS still verifies ``host``.
    def create_connection(_address, timeout=None, source_address=None):
        sock = socket.create_connection((address, port), timeout, source_address)
        sockets.append(sock)  # kept for the watchdog: http.client drops conn.sock
        return sock

    conn._create_connection = create_connection
    return conn, sockets


def _exchange(scheme, host, port, path, address, headers, remaining, policy):
    conn, sockets = _connection(scheme, host, port, address, min(policy.connect_timeout, remaining))
    expired = threading.Event()

    def cut_off():
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
        chunks, size = [], 0
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
        raise OutboundError(f"Nie udało się pobrać dokumentu z serwera {host}.") from None
    finally:
        watchdog.cancel()
        conn.close()


def _too_big(policy):
    return f"Dokument jest większy niż {policy.max_bytes // (1024 * 1024)} MB."


def policy_from_settings(**overrides):
    """The policy with the operator's allow-list (RATUSZ_OUTBOUND_ALLOWED_HOSTS)."""
    from django.conf import settings

    values = {
        "allowed_hosts": tuple(getattr(settings, "RATUSZ_OUTBOUND_ALLOWED_HOSTS", ())),
        "deadline": float(getattr(settings, "RATUSZ_OUTBOUND_DEADLINE_SECONDS", 15)),
    }
    values.update(overrides)
    return Policy(**values)
