"""Our OpenAPI document, served at /api/openapi.json: the official HSDS 3.0 one (vendored,
hsds/spec/schema/openapi.json) with what this API adds.

- Who we are, where we answer (servers) and how to sign in: a bearer API token (README
  "API"), required unless settings.HSDS_API_ACCESS is "public".
- The parameters as strict as the views read them: ids are UUIDs, page and per_page whole
  numbers from 1, format only json, search no longer than the directory's keyword,
  postcode a US ZIP code and proximity a number of metres.
- Every error we answer (400, 401, 403, 404) and its JSON body.
- One correction: upstream, /service_at_locations/{id} answers with the compiled service
  schema, though it describes "a fully nested service_at_location"; ours points to the
  compiled service_at_location schema, which is what it answers.
"""

import copy
import json
from functools import cache

from django.conf import settings

from directory.models.querysets import KEYWORD_MAX_LENGTH
from hsds import HSDS_VERSION
from hsds.schema import DATAPACKAGE_PATH

OFFICIAL_PATH = DATAPACKAGE_PATH.parent / "schema" / "openapi.json"
SCHEMA_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
ID_PARAMETERS = ("taxonomy_term_id", "taxonomy_id", "organization_id")
UUID = {"type": "string", "format": "uuid"}
ERRORS = {
    "400": "A parameter is not valid: `parameter` names it.",
    "401": "No API token, or one that is revoked or expired.",
    "403": "The caller may not read the API.",
    "404": "No published record has this id.",
}


@cache
def official_openapi():
    return json.loads(OFFICIAL_PATH.read_text(encoding="utf-8"))


@cache
def query_parameters():
    """{path of the document: the query parameters it names}, e.g. "/taxonomies": {"search",
    "page", "per_page", "format"}: what the API reads, and all it accepts."""
    doc = official_openapi()
    shared = doc["components"]["parameters"]
    found = {}
    for path, item in doc["paths"].items():
        names = set()
        for parameter in item.get("parameters", []) + item["get"].get("parameters", []):
            if "$ref" in parameter:
                parameter = shared[parameter["$ref"].rsplit("/", 1)[-1]]
            if parameter.get("in") == "query":
                names.add(parameter["name"])
        found[path] = frozenset(names)
    return found


def our_openapi(api_url):
    """The document, with `api_url` (the absolute URL of /api/) as its server."""
    doc = copy.deepcopy(official_openapi())
    doc["info"] = {
        "title": "Off-Ramps HSDS API",
        "version": HSDS_VERSION,
        "summary": "The published services of an Off-Ramps directory, read-only, as HSDS 3.0.",
        "description": (
            "Published services only, whatever their status. A confidential location is "
            "given without its address or coordinates. Besides HSDS's own fields, records "
            "carry attributes under five taxonomies of ours (GET /taxonomies): our "
            "categories, the Spanish text of a record, what a service discloses to whom, the "
            "legal relief it helps with and the populations it welcomes; and the terms of "
            "the taxonomies the services were imported with."
        ),
    }
    doc["servers"] = [{"url": api_url.rstrip("/")}]
    components = doc["components"]
    components["securitySchemes"] = {
        "apiToken": {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token a curator issues in the admin (API tokens).",
        }
    }
    doc["security"] = [{"apiToken": []}]
    if settings.HSDS_API_ACCESS == "public":
        doc["security"].append({})
    components["schemas"]["Error"] = {
        "type": "object",
        "required": ["error", "status"],
        "properties": {
            "error": {"type": "string", "description": "What is wrong, in words."},
            "status": {"type": "integer"},
            "parameter": {"type": "string", "description": "The parameter at fault."},
        },
    }
    strict_parameters(components["parameters"])
    for path, item in doc["paths"].items():
        for parameter in item.get("parameters", []):
            if parameter.get("name") == "id":
                parameter["schema"] = dict(UUID)
        operation = item["get"]
        for parameter in operation.get("parameters", []):
            if parameter.get("name") == "parent_id":
                parameter["schema"] = dict(UUID)
        for status, description in ERRORS.items():
            if status == "404" and "{id}" not in path:
                continue
            operation["responses"][status] = {
                "description": description,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            }
    return corrected(doc)


def corrected(doc):
    """The document with the upstream slip corrected (in place): /service_at_locations/{id}
    answers with a service_at_location."""
    item = doc["paths"]["/service_at_locations/{id}"]["get"]
    item["responses"]["200"]["content"]["application/json"]["schema"] = {
        "$ref": SCHEMA_BASE + "compiled/service_at_location.json"
    }
    return doc


def strict_parameters(parameters):
    for name in ID_PARAMETERS:
        parameters[name]["schema"] = dict(UUID)
    parameters["page"]["schema"] = {"type": "integer", "minimum": 1, "maximum": 10**6}
    parameters["per_page"]["schema"] = {"type": "integer", "minimum": 1, "maximum": 500}
    parameters["per_page"]["description"] += " 50 unless given; with minimal, 10,000."
    parameters["format"]["schema"] = {"type": "string", "enum": ["json"]}
    parameters["format"]["description"] = "Only json: ndjson is not offered."
    parameters["search"]["schema"] = {
        "type": "string",
        "maxLength": KEYWORD_MAX_LENGTH,
        "pattern": "^[^\u0000]*$",  # config.middleware refuses NUL characters
    }
    parameters["modified_after"]["schema"] = {
        "anyOf": [{"type": "string", "format": "date-time"}, {"type": "string", "format": "date"}]
    }
    parameters["modified_after"]["description"] += (
        " An ISO 8601 date, or date and time (without a time zone: the directory's)."
    )
    parameters["minimal"]["description"] = (
        "Each service with only its id and last_modified, and the name and status HSDS "
        "requires of a listed service; every service in one page (up to 10,000)."
    )
    parameters["postcode"]["schema"] = {"type": "string", "pattern": "^[0-9]{5}(-[0-9]{4})?$"}
    parameters["postcode"]["description"] = (
        "A US ZIP code: only the services at a location within `proximity` of its centre "
        "(25 miles without proximity; none for a ZIP code that does not exist). A "
        "confidential location's distance is rounded to 5 miles."
    )
    parameters["proximity"]["schema"] = {"type": "number", "minimum": 0, "maximum": 804672}
    parameters["proximity"]["description"] = "Metres from the postcode's centre (ignored without)."
