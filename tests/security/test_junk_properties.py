"""Property-based junk against every public form and query-string page: never a 5xx."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

JUNK = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(max_size=300)
fields = st.dictionaries(st.text(max_size=20), text, max_size=5)

QUERY_PAGES = [
    "/en/search/",
    "/fr/certificates/verify/",
    "/de/mitglieder/anmelden/",
    "/en/members/password/reset/",
    "/sitemap.xml",
]
FORMS = ["/en/members/login/", "/it/membri/password/reimposta/"]


def assert_no_server_error(response):
    assert response.status_code < 500, response.status_code


@pytest.mark.parametrize("path", QUERY_PAGES)
@JUNK
@given(params=fields)
def test_query_strings_never_give_a_server_error(client, site_tree, path, params):
    assert_no_server_error(client.get(path, params))


@JUNK
@given(query=text, code=text)
def test_search_and_verification_never_give_a_server_error(client, site_tree, query, code):
    assert_no_server_error(client.get("/en/search/", {"q": query}))
    assert_no_server_error(client.get("/en/certificates/verify/", {"code": code}))


@pytest.mark.parametrize("path", FORMS)
@JUNK
@given(data=fields)
def test_public_forms_never_give_a_server_error(client, site_tree, path, data):
    assert_no_server_error(client.post(path, data, REMOTE_ADDR="192.0.2.1"))


@JUNK
@given(email=text, country=text)
def test_the_opening_alert_form_never_gives_a_server_error(client, apply_pages, email, country):
    response = client.post(f"{apply_pages['en'].url}alerts/", {"email": email, "country": country})
    assert_no_server_error(response)


@JUNK
@given(data=fields)
def test_the_application_form_never_gives_a_server_error(client, apply_pages, italy, data):
    assert_no_server_error(client.post(apply_pages["fr"].url, data))


@JUNK
@given(
    body=st.one_of(
        st.binary(max_size=2000),
        st.recursive(
            st.none() | st.booleans() | st.integers() | text,
            lambda children: (
                st.lists(children, max_size=3) | st.dictionaries(text, children, max_size=3)
            ),
            max_leaves=20,
        ).map(lambda value: __import__("json").dumps(value).encode()),
    )
)
def test_the_credential_check_never_gives_a_server_error(client, body):
    response = client.post(
        "/certificates/credentials/verify", body, content_type="application/json"
    )
    assert_no_server_error(response)
