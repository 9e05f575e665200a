"""The shipped nginx block passes `nginx -t` on this machine's nginx (Debian 12: 1.22), serves
the site over TLS with HTTP/2 offered, sends plain HTTP to HTTPS, and drops unknown hosts."""

import http.client
import socket
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.deploy.local_nginx import LocalNginx
from tests.services import public_temporary_folder

DOMAIN = "localhost"


class Upstream(BaseHTTPRequestHandler):
    def do_GET(self):
        body = f"host={self.headers['Host']} proto={self.headers['X-Forwarded-Proto']}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def upstream():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def nginx(upstream):
    # nginx's workers run as another user (nobody, or www-data under Debian's nginx.conf): the
    # public media must be readable by it, as in production, so not under pytest's 0700 folder.
    with public_temporary_folder() as folder:
        media = folder / "media"
        (media / "images").mkdir(parents=True, mode=0o755)
        (media / "images" / "logo.txt").write_text("an image")
        yield LocalNginx(folder / "nginx", DOMAIN, upstream, media)


def tls_context(nginx, protocols=("http/1.1",)):
    context = ssl.create_default_context(cafile=str(nginx.certificate))
    context.set_alpn_protocols(list(protocols))
    return context


def https_get(nginx, path, host=DOMAIN):
    connection = http.client.HTTPSConnection(
        DOMAIN, nginx.https_port, context=tls_context(nginx), timeout=10
    )
    connection.request("GET", path, headers={"Host": host})
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read().decode()


def test_nginx_accepts_the_shipped_block(nginx):
    result = nginx.test_configuration()
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_the_site_is_served_over_tls_and_unknown_hosts_are_dropped(nginx):
    with nginx.running():
        status, _headers, body = https_get(nginx, "/en/")
        assert (status, body) == (200, f"host={DOMAIN} proto=https")
        status, headers, body = https_get(nginx, "/media/images/logo.txt")
        assert status == 200 and body == "an image" and "public" in headers["Cache-Control"]
        assert https_get(nginx, "/media/documents/x.pdf")[0] == 404
        assert https_get(nginx, "/media/original_images/board.png")[0] == 404
        # Restricted images are Django's to serve, after its checks (web/private_images.py).
        status, _headers, body = https_get(nginx, "/images/restricted/restricted~x.png")
        assert (status, body) == (200, f"host={DOMAIN} proto=https")

        offering_http2 = tls_context(nginx, protocols=("h2", "http/1.1"))
        with (
            socket.create_connection(("127.0.0.1", nginx.https_port), 5) as raw,
            offering_http2.wrap_socket(raw, server_hostname=DOMAIN) as tls,
        ):
            assert tls.selected_alpn_protocol() == "h2"  # HTTP/2 from the listen line

        # Plain HTTP: the site's name is sent to HTTPS, any other name gets no answer at all.
        plain = http.client.HTTPConnection("127.0.0.1", nginx.http_port, timeout=10)
        plain.request("GET", "/en/", headers={"Host": DOMAIN})
        answer = plain.getresponse()
        assert answer.status == 301 and answer.getheader("Location") == f"https://{DOMAIN}/en/"
        for host in ["evil.example", "127.0.0.1"]:
            plain = http.client.HTTPConnection("127.0.0.1", nginx.http_port, timeout=10)
            plain.request("GET", "/", headers={"Host": host})
            with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
                plain.getresponse()
            # Over TLS, a forged Host behind the right name is dropped too.
            with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
                https_get(nginx, "/", host=host)
        # And a TLS handshake for an unknown name is refused outright.
        with socket.create_connection(("127.0.0.1", nginx.https_port), 5) as raw:
            context = ssl.create_default_context()
            context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
            with pytest.raises(ssl.SSLError):
                context.wrap_socket(raw, server_hostname="unknown.example")
