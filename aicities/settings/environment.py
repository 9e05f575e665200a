"""What production requires of its environment, checked before any setting is read.

Every problem is named by its variable and never shown by its value (the values are secrets or
hold them: DATABASE_URL carries a password), and all of them are reported at once, so an
operator fixes the file in one go. The kind of each variable (whole number, decimal, yes/no)
comes from how the settings modules read it (`int(env(...))`, `float(env(...))`,
`env_bool(...)`), so a variable added to the settings is checked without being listed here.
"""

import ast
import functools
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

SETTINGS_FOLDER = Path(__file__).resolve().parent
SETTINGS_MODULES = ("base.py", "production.py")
BOOLEAN_WORDS = {"1", "0", "true", "false", "yes", "no", "on", "off"}
REDIS_SCHEMES = {"redis", "rediss", "unix"}
# Google's published reCAPTCHA test keys, which always pass (django_recaptcha.constants has them
# too, but importing that package reads the settings, which are not loaded yet).
RECAPTCHA_TEST_PUBLIC_KEY = "6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI"
RECAPTCHA_TEST_PRIVATE_KEY = "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe"
# zxcvbn's estimate of the guesses a SECRET_KEY takes, as a power of ten: 10^40 is about 133
# bits, what 40 random characters give (`secrets.token_urlsafe(64)` gives 86). It sees through
# repetition, sequences, keyboard rows and words, which a length rule does not ('abcde' * 10).
SECRET_KEY_MIN_GUESSES_LOG10 = 40
# Known keys that were never secret: the development key, and Django's startproject one.
PUBLISHED_KEY_PREFIXES = ("dev-only", "django-insecure-")
GENERATE_SECRET_KEY = "python3 -c 'import secrets; print(secrets.token_urlsafe(64))'"


@dataclass(frozen=True)
class Variable:
    """An environment variable as the settings read it."""

    name: str
    kind: str  # "text", "whole number", "decimal", "yes/no", "list"
    default: str | None  # as written in the settings (None: no default)


KIND_OF_READER = {"env": "text", "env_list": "list", "env_bool": "yes/no"}
KIND_OF_CONVERSION = {"int": "whole number", "float": "decimal"}


def _literal(node):
    if node is None:
        return None
    try:
        value = ast.literal_eval(node)
    except ValueError:
        return ast.unparse(node)
    return str(value)


@functools.cache
def variables_read_by_settings():
    """{name: Variable} for every `env`, `env_bool` and `env_list` call in the settings."""
    found = {}
    for module in SETTINGS_MODULES:
        tree = ast.parse((SETTINGS_FOLDER / module).read_text(encoding="utf-8"))
        conversions = {}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in KIND_OF_CONVERSION
                and node.args
                and isinstance(node.args[0], ast.Call)
            ):
                conversions[id(node.args[0])] = KIND_OF_CONVERSION[node.func.id]
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in KIND_OF_READER
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                continue
            name = node.args[0].value
            kind = conversions.get(id(node), KIND_OF_READER[node.func.id])
            default = _literal(node.args[1]) if len(node.args) > 1 else None
            known = found.get(name)
            if known is None or (known.default is None and default is not None):
                found[name] = Variable(name, kind, default)
    return found


def _is_number(text, kind):
    try:
        (int if kind == "whole number" else float)(text.strip())
    except ValueError:
        return False
    return True


def _kind_problems(environ):
    for variable in variables_read_by_settings().values():
        value = environ.get(variable.name)
        if value is None or value == "":
            continue
        if variable.kind in KIND_OF_CONVERSION.values() and not _is_number(value, variable.kind):
            yield f"{variable.name} must be a {variable.kind}."
        elif variable.kind == "yes/no" and value.strip().lower() not in BOOLEAN_WORDS:
            yield f"{variable.name} must be true or false."


def secret_key_problem(key):
    if not key:
        return f"SECRET_KEY is not set. Generate one with: {GENERATE_SECRET_KEY}"
    if key.startswith(PUBLISHED_KEY_PREFIXES):
        return "SECRET_KEY is a published development key."
    from zxcvbn import zxcvbn  # only production checks a key; the first 100 characters suffice

    if zxcvbn(key[:100], max_length=100)["guesses_log10"] < SECRET_KEY_MIN_GUESSES_LOG10:
        return (
            "SECRET_KEY is too easy to guess (repeated, sequential or made of words). "
            f"Generate one with: {GENERATE_SECRET_KEY}"
        )
    return None


def _host_problems(environ):
    hosts = [host.strip() for host in environ.get("ALLOWED_HOSTS", "").split(",") if host.strip()]
    if not hosts:
        yield "ALLOWED_HOSTS must list the site's host names."
    if any("*" in host for host in hosts):
        yield (
            "ALLOWED_HOSTS must not contain '*': list the site's host names, so a forged Host "
            "header cannot poison password-reset links or cached pages."
        )
    if any(host.startswith(".") for host in hosts):
        yield (
            "ALLOWED_HOSTS must not start a name with '.', which accepts every subdomain: "
            "list each host name."
        )
    base_url = environ.get("BASE_URL", "")
    parts = urlsplit(base_url)
    if not base_url:
        yield "BASE_URL must be set to the site's public address, e.g. https://aiforcities.eu."
    elif parts.scheme not in ("http", "https") or not parts.hostname:
        yield "BASE_URL must be an address such as https://aiforcities.eu."
    elif hosts and parts.hostname not in hosts:
        yield "BASE_URL's host must be one of ALLOWED_HOSTS."


def _storage_problems(environ):
    import dj_database_url  # the settings import it anyway

    database_url = environ.get("DATABASE_URL", "")
    allow_sqlite = environ.get("ALLOW_SQLITE", "").strip().lower() in {"1", "true", "yes", "on"}
    if database_url:
        try:
            engine = dj_database_url.parse(database_url)["ENGINE"]
        except Exception:
            yield "DATABASE_URL cannot be read: postgres://user:password@host:5432/name."
            engine = ""
    else:
        engine = "sqlite3"
    if engine.endswith("sqlite3") and not allow_sqlite:
        yield (
            "DATABASE_URL must point to PostgreSQL in production (set ALLOW_SQLITE=true to run "
            "one server on SQLite knowingly)."
        )
    redis_url = environ.get("REDIS_URL", "")
    if not redis_url:
        yield (
            "REDIS_URL must point to the shared Redis cache in production "
            "(each gunicorn worker would otherwise keep its own rate limits and stale pages)."
        )
    elif urlsplit(redis_url).scheme not in REDIS_SCHEMES:
        yield "REDIS_URL must be an address such as redis://127.0.0.1:6379/0."


def signing_key_problem(pem):
    """Why CERTIFICATE_SIGNING_KEY cannot sign certificates (None when it can)."""
    if not pem:
        return "CERTIFICATE_SIGNING_KEY must hold the PEM private key that signs certificates."
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        key = load_pem_private_key(pem.replace("\\n", "\n").encode(), password=None)
    except (ValueError, TypeError):
        if "-----n" in pem or "\n" not in pem:
            return (
                "CERTIFICATE_SIGNING_KEY has lost its line breaks: write the key in double "
                "quotes over several lines, as deploy/aicities.env.example shows."
            )
        return "CERTIFICATE_SIGNING_KEY is not a PEM private key without a password."
    if not isinstance(key, rsa.RSAPrivateKey) or key.key_size < 3072:
        return (
            "CERTIFICATE_SIGNING_KEY must be an RSA key of 3072 bits or more (credentials are "
            "signed RS256): openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072."
        )
    return None


def _retired_keys_problem(pems):
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    text = pems.replace("\\n", "\n")
    blocks = text.split("-----END PUBLIC KEY-----")
    for block in blocks[:-1]:
        try:
            load_pem_public_key((block + "-----END PUBLIC KEY-----").strip().encode())
        except ValueError:
            return "CERTIFICATE_RETIRED_PUBLIC_KEYS holds a key that is not a PEM public key."
    if blocks[-1].strip():
        return "CERTIFICATE_RETIRED_PUBLIC_KEYS holds text that is not a PEM public key."
    return None


def _secret_problems(environ):
    key_problem = secret_key_problem(environ.get("SECRET_KEY", ""))
    if key_problem:
        yield key_problem
    public, private = environ.get("RECAPTCHA_PUBLIC_KEY", ""), environ.get("RECAPTCHA_PRIVATE_KEY")
    # Google's published test keys always pass: production needs the site's own.
    if (
        not public
        or not private
        or {public, private} & {RECAPTCHA_TEST_PUBLIC_KEY, RECAPTCHA_TEST_PRIVATE_KEY}
    ):
        yield "RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY must be real keys."
    signing = signing_key_problem(environ.get("CERTIFICATE_SIGNING_KEY", ""))
    if signing:
        yield signing
    retired = environ.get("CERTIFICATE_RETIRED_PUBLIC_KEYS", "")
    if retired.strip():
        retired_problem = _retired_keys_problem(retired)
        if retired_problem:
            yield retired_problem


def _email_problems(environ):
    def yes(name):
        return environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}

    if yes("EMAIL_USE_TLS") and yes("EMAIL_USE_SSL"):
        yield (
            "EMAIL_USE_TLS and EMAIL_USE_SSL exclude each other: STARTTLS (port 587) or "
            "implicit TLS (port 465)."
        )
    for entry in filter(None, (part.strip() for part in environ.get("ADMINS", "").split(","))):
        if "<" not in entry or not entry.endswith(">") or "@" not in entry:
            yield "ADMINS must read 'Name <address>, Name <address>'."
            break


def production_problems(environ):
    """Everything that keeps this environment from running the site in production."""
    problems = []
    if environ.get("DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}:
        problems.append(
            "DEBUG is on: debug pages show settings and code to anyone. Unset DEBUG in production."
        )
    for source in (_secret_problems, _host_problems, _storage_problems, _email_problems):
        problems.extend(source(environ))
    problems.extend(_kind_problems(environ))
    return problems


def refuse_unfit_environment(environ):
    problems = production_problems(environ)
    if problems:
        raise ImproperlyConfigured(
            "The environment cannot run the site in production:\n"
            + "\n".join(f"- {problem}" for problem in problems)
        )
