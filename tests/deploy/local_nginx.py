"""The shipped nginx block (deploy/nginx/aicities.conf) on this machine, as the guide installs
it, for the tests and the smoke test: the site's domain put in, and what only a test changes —
free ports instead of 80 and 443, a self-signed certificate instead of Let's Encrypt's, the
test's folders instead of /srv/aicities, and the IPv6 lines left out where the machine has no
IPv6. Everything else is the file as shipped."""

import contextlib
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.services import free_port

SHIPPED_BLOCK = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "aicities.conf"
DOMAIN = "aiforcities.eu"
# The distribution's own nginx.conf keeps the http { } frame; this is its bare minimum.
MAIN_CONF = """
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/aicities.conf;
}}
"""


def nginx_binary():
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        pytest.skip("nginx not found: apt-get install nginx")
    return binary


def has_ipv6():
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6) as sock:
            sock.bind(("::1", 0))
    except OSError:
        return False
    return True


def self_signed_certificate(folder, domain):
    certificate, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
         "-nodes", "-days", "2", "-subj", f"/CN={domain}", "-addext",
         f"subjectAltName=DNS:{domain},DNS:www.{domain}",
         "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    return certificate, key


def render_block(domain, http_port, https_port, certificate, key, upstream, media_root):
    text = SHIPPED_BLOCK.read_text()
    text = text.replace(f"/etc/letsencrypt/live/{DOMAIN}/fullchain.pem", str(certificate))
    text = text.replace(f"/etc/letsencrypt/live/{DOMAIN}/privkey.pem", str(key))
    text = text.replace(DOMAIN, domain)
    text = re.sub(r"(listen (?:\[::\]:)?)80\b", rf"\g<1>{http_port}", text)
    text = re.sub(r"(listen (?:\[::\]:)?)443\b", rf"\g<1>{https_port}", text)
    text = text.replace("server 127.0.0.1:8000", f"server {upstream}")
    text = text.replace("/srv/aicities/media/", f"{media_root}/")
    if not has_ipv6():
        text = re.sub(r"\n\s*listen \[::\][^\n]*", "", text)
    return text


class LocalNginx:
    def __init__(self, folder, domain, upstream, media_root):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.http_port, self.https_port = free_port(), free_port()
        self.certificate, self.key = self_signed_certificate(self.folder, domain)
        block = render_block(
            domain, self.http_port, self.https_port, self.certificate, self.key, upstream,
            media_root,
        )  # fmt: skip
        (self.folder / "aicities.conf").write_text(block)
        self.conf = self.folder / "nginx.conf"
        self.conf.write_text(MAIN_CONF.format(folder=self.folder))

    def command(self, *args):
        return [nginx_binary(), "-p", str(self.folder), "-c", str(self.conf),
                "-e", str(self.folder / "error.log"), *args]  # fmt: skip

    def test_configuration(self):
        return subprocess.run(self.command("-t"), capture_output=True, text=True, timeout=30)

    @contextlib.contextmanager
    def running(self):
        checked = self.test_configuration()
        assert checked.returncode == 0, checked.stderr
        process = subprocess.Popen(self.command("-g", "daemon off;"))
        try:
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline:
                with contextlib.suppress(OSError):
                    socket.create_connection(("127.0.0.1", self.https_port), 0.2).close()
                    break
                time.sleep(0.1)
            yield self
        finally:
            process.terminate()
            process.wait(timeout=15)
