"""The API against the official HSDS 3.0 OpenAPI document, and against ours, with
schemathesis: generated requests to every operation, through WSGI, checked for server
errors, response schemas, content types, and that bad parameters are refused.

The official document (hsds/spec/schema/openapi.json) names its schemas by their URLs on
GitHub; the tests read the vendored copies instead (hsds/spec/NOTICE.md), so they run
offline. It documents only the 200 answers, so against it the status codes are not checked
(our 400s and 404s are documented in ours, against which everything is checked). One slip
of it is corrected (hsds.openapi.corrected): it gives /service_at_locations/{id} the
schema of a service, where it means a service_at_location.
The number of generated requests is bounded (EXAMPLES) to keep the run short.
"""

import copy
from functools import cache

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation.modes import GenerationMode

from directory.models import Category, ServiceAtLocation
from hsds.models import ApiToken
from hsds.openapi import SCHEMA_BASE, corrected, official_openapi, our_openapi
from hsds.openapi import query_parameters as taken_by
from hsds.serializers import TAXONOMY
from tests.hsds_helpers import SECRET_STREET, make_directory
from tests.vendored import hsds_schema

pytestmark = pytest.mark.django_db

SECRET_LATITUDE = "41.881832"  # the confidential shelter's, in make_directory()
EXAMPLES = 15  # generated requests per operation and mode
BASE_URL = "http://testserver/api"
OFFICIAL_CHECKS = [
    "not_a_server_error",
    "response_schema_conformance",
    "content_type_conformance",
    "negative_data_rejection",
]


def offline(document):
    """The document with every schema it names on GitHub read from the vendored copy."""
    document = copy.deepcopy(document)
    schemas = document["components"]["schemas"]

    def local(node):
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith(SCHEMA_BASE):
                relative = ref.removeprefix(SCHEMA_BASE)
                name = "hsds_" + relative.removesuffix(".json").replace("/", "_")
                if name not in schemas:
                    schemas[name] = hsds_schema(relative)
                return {"$ref": f"#/components/schemas/{name}"}
            return {key: local(value) for key, value in node.items()}
        if isinstance(node, list):
            return [local(value) for value in node]
        return node

    document["paths"] = local(document["paths"])
    return document


@pytest.fixture
def world(settings):
    """A directory with a confidential location, an API token, access by token only."""
    settings.HSDS_API_ACCESS = "token"
    service = make_directory()
    token = ApiToken(name="Conformance")
    key = token.set_new_key()
    token.save()
    # As Django's test client does: a request through WSGI must not close the connection
    # that holds the test's transaction (PostgreSQL).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield {
        "headers": {"Authorization": f"Bearer {key}"},
        "ids": {
            "/services/{id}": str(service.pk),
            "/organizations/{id}": str(service.organization_id),
            "/taxonomies/{id}": TAXONOMY["id"],
            "/taxonomy_terms/{id}": str(Category.objects.filter(parent=None).first().pk),
            "/service_at_locations/{id}": str(ServiceAtLocation.objects.first().pk),
        },
    }
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def check_functions(names):
    from schemathesis import checks

    return [getattr(checks, name) for name in names]


def exercise(operation, world, check_names=None):
    """Real ids, then generated requests (valid, then invalid) to one operation."""
    kwargs = {"base_url": BASE_URL, "headers": world["headers"]}
    if check_names is not None:
        kwargs["checks"] = check_functions(check_names)
    seen = []

    def call(case):
        response = case.call_and_validate(**kwargs)
        seen.append(response.status_code)
        body = response.json() if response.content else None
        assert SECRET_STREET not in response.text and SECRET_LATITUDE not in response.text
        if response.status_code >= 400:
            headers = {name.lower(): values for name, values in response.headers.items()}
            assert headers["content-type"] == ["application/json"]
            assert body["status"] == response.status_code and body["error"]
        return response

    path = operation.path
    # Each option the path takes; one it does not take is refused (test_api_parameters.py).
    options = [{}] + [
        {name: "true"} for name in ("full", "minimal", "full_service") if name in taken_by()[path]
    ]
    for params in options:
        ids = {"id": world["ids"][path]} if path in world["ids"] else {}
        case = operation.Case(path_parameters=ids, query=params)
        assert call(case).status_code == 200
    # An operation without parameters (the index) has no invalid request to generate.
    parameters = operation.definition.raw.get("parameters") or "{" in path
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)[: 2 if parameters else 1]:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def generated(case):
            call(case)

        try:
            generated()
        except Unsatisfiable:
            # The official document allows any string where an id goes: nothing is invalid.
            assert mode == GenerationMode.NEGATIVE
    return seen


@cache
def operations(which):
    """{path: operation} of the official document (corrected) or of ours, loaded once."""
    if which == "official":
        document = corrected(copy.deepcopy(official_openapi()))
    else:
        document = our_openapi(BASE_URL + "/")
    schema = schemathesis.openapi.from_dict(offline(document))
    schema.app = get_wsgi_application()
    return {op.ok().path: op.ok() for op in schema.get_all_operations()}


OFFICIAL_PATHS = list(official_openapi()["paths"])


@pytest.mark.parametrize("path", OFFICIAL_PATHS)
def test_every_answer_conforms_to_the_official_document(path, world):
    operation = operations("official")[path]

    seen = exercise(operation, world, OFFICIAL_CHECKS)

    assert 200 in seen


@pytest.mark.parametrize("path", OFFICIAL_PATHS)
def test_every_answer_conforms_to_our_document_every_check(path, world):
    operation = operations("ours")[path]

    seen = exercise(operation, world)

    assert 200 in seen
    if path != "/":
        assert 400 in seen  # generated bad parameters were refused
