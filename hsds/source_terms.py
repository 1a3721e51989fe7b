"""A source's own taxonomy terms, kept beside our categories.

A package files its services under its own taxonomy (AIRS/211 LA, Open Eligibility, one
of its own). The import maps what it can to our categories (hsds/mapping.py) and also
keeps every term a service is filed under, as the source gave it, with its taxonomy
(hsds.models.SourceTerm) and the attribute that links it (SourceAttribute, which keeps the
attribute's id, link type, value and label). The export gives them back under their own
taxonomy, beside our categories under ours. Terms of our own taxonomies (categories,
Spanish text, disclosure, legal relief, populations) are read as such, never kept here.

A service's state holds its source terms as a sorted list of attributes:
{"id", "term_id", "link_type", "value", "label"}; the terms themselves are the source's
reference data, written as the package gives them.
"""

from hsds import disclosure, legal, populations
from hsds.fields import column_limit
from hsds.mapping import OUR_TAXONOMY_ID, OUR_TAXONOMY_NAME, _key, spanish_field
from hsds.models import SourceAttribute, SourceTerm

STATE_FIELD = "source_terms"
TERM_TEXTS = ["code", "name", "description", "taxonomy", "language", "term_uri"]
TAXONOMY_TEXTS = {"name": "taxonomy_name", "description": "taxonomy_description"}
TAXONOMY_TEXTS |= {"uri": "taxonomy_uri", "version": "taxonomy_version"}
ATTRIBUTE_TEXTS = ["link_type", "value", "label"]


def is_ours(term, taxonomy_name, categories):
    """Whether a term is one of our own taxonomies' (`categories`: our category ids)."""
    if term["id"] in categories or spanish_field(term):
        return True
    if term.get("taxonomy_id") == OUR_TAXONOMY_ID:
        return True
    if _key(term.get("taxonomy") or taxonomy_name) == _key(OUR_TAXONOMY_NAME):
        return True
    return any(module.is_ours(term, taxonomy_name) for module in (disclosure, legal, populations))


def cut(name, value):
    """A text as our column holds it: cut, or left out for a web address too long."""
    value = (value or "").strip()
    limit = column_limit(SourceTerm, name)
    if limit is None or len(value) <= limit:
        return value
    return "" if name.endswith("uri") else value[:limit]


def term_state(term, taxonomy):
    """A term as the SourceTerm it is written to."""
    state = {"id": term["id"]}
    for name in TERM_TEXTS:
        state[name] = cut(name, term.get(name))
    state["parent_id"] = term.get("parent_id") or None
    state["taxonomy_id"] = term.get("taxonomy_id") or None
    for name, field in TAXONOMY_TEXTS.items():
        state[field] = cut(field, (taxonomy or {}).get(name))
    return state


def source_attributes(attributes_of_service, tables, categories, terms):
    """The service's attributes under a source's taxonomy, as states; their terms go into
    `terms` ({id: term state}), for the writer."""
    found = []
    for attribute in attributes_of_service:
        term = tables.rows["taxonomy_term"].get(attribute.get("taxonomy_term_id"))
        if term is None:
            continue
        taxonomy = tables.rows["taxonomy"].get(term.get("taxonomy_id") or "")
        if is_ours(term, (taxonomy or {}).get("name", ""), categories):
            continue
        terms[term["id"]] = term_state(term, taxonomy)
        state = {"id": attribute["id"], "term_id": term["id"]}
        for name in ATTRIBUTE_TEXTS:
            state[name] = (attribute.get(name) or "").strip()
        state["label"] = state["label"][:300]  # SourceAttribute.label
        found.append(state)
    return sorted(found, key=lambda state: state["id"])


def current(service_ids):
    """{service id: [attribute state, ...]} from the database, in the same shape."""
    found = {}
    rows = SourceAttribute.objects.filter(service_id__in=service_ids).order_by("id")
    for row in rows.values("id", "service_id", "term_id", *ATTRIBUTE_TEXTS):
        state = {"id": str(row["id"]), "term_id": str(row["term_id"])}
        state.update({name: row[name] for name in ATTRIBUTE_TEXTS})
        found.setdefault(str(row["service_id"]), []).append(state)
    return found


def write_terms(terms):
    """Create or update the terms the package's services use, as the package gives them."""
    if not terms:
        return
    fields = [name for name in next(iter(terms.values())) if name != "id"]
    SourceTerm.objects.bulk_create(
        [SourceTerm(**state) for state in terms.values()],
        batch_size=500,
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=fields,
    )


def write_attributes(changes):
    """Replace the source attributes of these service changes (created, or updated in
    this field)."""
    targets = [c for c in changes if c.outcome == "created" or STATE_FIELD in c.fields]
    if not targets:
        return
    SourceAttribute.objects.filter(service_id__in=[c.id for c in targets]).delete()
    rows = [
        SourceAttribute(
            id=state["id"],
            service_id=change.id,
            term_id=state["term_id"],
            **{name: state[name] for name in ATTRIBUTE_TEXTS},
        )
        for change in targets
        for state in change.state[STATE_FIELD]
    ]
    # An attribute id given to another service now moves here.
    SourceAttribute.objects.filter(id__in=[row.id for row in rows]).delete()
    SourceAttribute.objects.bulk_create(rows, batch_size=500)


def attributes(service, derived_id=None):
    """The service's source terms as HSDS attributes, nested with their terms and
    taxonomies, for service_record(). Needs source_attributes__term prefetched."""
    records = []
    for attribute in service.source_attributes.all():
        term = attribute.term
        record = {
            "id": str(attribute.id),
            "link_type": attribute.link_type,
            "link_entity": "service",
            "taxonomy_term_id": str(term.id),
            "value": attribute.value,
            "taxonomy_term": term_record(term),
        }
        records.append({k: v for k, v in record.items() if v not in (None, "", {})})
    return records


def labels(service):
    """{attribute id: label}: HSDS 3.1's attribute labels, which 3.0 has no field for."""
    return {str(a.id): a.label for a in service.source_attributes.all() if a.label}


def term_record(term):
    record = {
        "id": str(term.id),
        "code": term.code,
        "name": term.name,
        # HSDS requires a description: the name stands in for a missing one.
        "description": term.description or term.name,
        "parent_id": str(term.parent_id) if term.parent_id else None,
        "taxonomy": term.taxonomy,
        "language": term.language,
        "taxonomy_id": str(term.taxonomy_id) if term.taxonomy_id else None,
        "term_uri": term.term_uri,
    }
    if term.taxonomy_id:
        record["taxonomy_detail"] = {
            k: v
            for k, v in {
                "id": str(term.taxonomy_id),
                # HSDS requires a taxonomy's name and description.
                "name": term.taxonomy_name or term.taxonomy or str(term.taxonomy_id),
                "description": term.taxonomy_description
                or term.taxonomy_name
                or term.taxonomy
                or str(term.taxonomy_id),
                "uri": term.taxonomy_uri,
                "version": term.taxonomy_version,
            }.items()
            if v
        }
    return {k: v for k, v in record.items() if v not in (None, "")}
