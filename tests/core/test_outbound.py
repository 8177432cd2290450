"""Outbound requests: public addresses only, bounded in time and size.

Local servers on 127.0.0.1 stand in for other hosts; the tests that reach them
allow-list loopback explicitly, and one proves it is refused without that.
"""

import http.server
import socket
import threading
import time

import pytest

from ratusz.core import outbound

LOOPBACK = outbound.Policy(allowed_hosts=("127.0.0.1/32",), deadline=3.0)


class Handler(http.server.BaseHTTPRequestHandler):
    seen = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        Handler.seen.append(self.path)
        port = self.server.server_address[1]
        if self.path == "/ok":
            self._send(200, b"<alert/>")
        elif self.path == "/to-metadata":
            self._redirect("http://169.254.169.254/latest/meta-data/")
        elif self.path == "/to-ok":
            self._redirect(f"http://127.0.0.1:{port}/ok")
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/secret-500":
            self._send(500, b"<internal-admin>SECRET-TOKEN</internal-admin>")
        elif self.path == "/big":
            self.send_response(200)
            self.end_headers()  # no Content-Length: the cap is checked while reading
            for _ in range(64):
                self.wfile.write(b"x" * 64 * 1024)
        elif self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            try:
                for _ in range(100):  # one byte a second
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass

    def _send(self, status, body):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # carrier-grade NAT
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fd00:ec2::254",  # AWS metadata over IPv6
        "ff02::1",
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:169.254.169.254",
        "2002:7f00:1::1",  # 6to4 around 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 around 10.0.0.1
    ],
)
def test_internal_addresses_are_refused(address):
    assert outbound.address_problem(address)


@pytest.mark.parametrize("address", ["193.0.96.129", "2001:4860:4860::8888"])
def test_public_addresses_pass(address):
    assert outbound.address_problem(address) == ""


def fake_dns(*answers):
    def resolve(host, port, type=None):
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, 1, 6, "", (a, port)) for a in answers
        ]

    return resolve


def test_a_name_with_any_internal_address_is_refused_without_connecting():
    with pytest.raises(outbound.Refused, match="10.0.0.5"):
        outbound.fetch("http://cap.example/", resolve=fake_dns("193.0.96.129", "10.0.0.5"))


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://193.0.96.129/x",
        "gopher://127.0.0.1:6379/_INFO",
        "http://user:pass@193.0.96.129/",
        "http:///nohost",
        "http://[::1",
    ],
)
def test_only_plain_http_urls(url):
    with pytest.raises(outbound.Refused):
        outbound.fetch(url, resolve=fake_dns("193.0.96.129"))


def test_loopback_is_refused_unless_allow_listed(server):
    Handler.seen.clear()
    with pytest.raises(outbound.Refused, match="pętla zwrotna"):
        outbound.fetch(server + "/ok")
    assert Handler.seen == []  # refused before any connection
    assert outbound.fetch(server + "/ok", LOOPBACK).body == b"<alert/>"


def test_a_host_name_can_be_allow_listed(server):
    port = server.rsplit(":", 1)[1]
    policy = outbound.Policy(allowed_hosts=("localhost",), deadline=3.0)
    url = f"http://localhost:{port}/ok"
    resolve = fake_dns("127.0.0.1")
    assert outbound.fetch(url, policy, resolve=resolve).body == b"<alert/>"


def test_every_redirect_is_checked_again(server):
    assert outbound.fetch(server + "/to-ok", LOOPBACK).body == b"<alert/>"
    with pytest.raises(outbound.Refused, match="169.254.169.254"):
        outbound.fetch(server + "/to-metadata", LOOPBACK)
    with pytest.raises(outbound.OutboundError, match="przekierowań"):
        outbound.fetch(server + "/loop", LOOPBACK)


def test_a_slow_server_is_cut_off_at_the_total_deadline(server):
    policy = outbound.Policy(allowed_hosts=("127.0.0.1",), deadline=2.0)
    started = time.monotonic()
    with pytest.raises(outbound.OutboundError, match="czas"):
        outbound.fetch(server + "/slow", policy)
    assert time.monotonic() - started < 3.0  # per-read timeouts alone would take 100 s


def test_size_cap_without_content_length(server):
    policy = outbound.Policy(allowed_hosts=("127.0.0.1",), max_bytes=1024 * 1024)
    with pytest.raises(outbound.OutboundError, match="większy"):
        outbound.fetch(server + "/big", policy)


def test_errors_do_not_echo_the_answer_or_tell_ports_apart(server):
    with pytest.raises(outbound.HTTPStatusError) as err:
        outbound.fetch(server + "/secret-500", LOOPBACK)
    assert "SECRET" not in str(err.value) and "internal-admin" not in str(err.value)
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    with pytest.raises(outbound.OutboundError) as refused:
        outbound.fetch(f"http://127.0.0.1:{port}/", LOOPBACK)
    assert str(refused.value) == "Nie udało się pobrać dokumentu z serwera 127.0.0.1."
