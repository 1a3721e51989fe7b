"""A service's contacts and phones (directory.models.Contact, Phone), both ways.

Import: the states of a service's contacts (its `contacts`) and phones (its own `phones`
and its contacts' phones, each once), from the checked rows; objects to write from them.
Export: their HSDS records, a contact with its phones nested, a phone with the languages
its source gave (kept in hsds/store.py).
"""

from decimal import Decimal

from directory.models import Contact, Phone
from hsds.fields import fit

CONTACT_FIELDS = ["name", "title", "department", "email"]
PHONE_TEXTS = ["number", "extension", "type", "description"]


def extension_text(value):
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(int(value))
    return str(value)


def contact_state(values):
    return {"id": str(values["id"]), **{k: values.get(k) or "" for k in CONTACT_FIELDS}}


def phone_state(values):
    return {
        "id": str(values["id"]),
        **{k: values.get(k) or "" for k in PHONE_TEXTS},
        "contact_id": str(values["contact_id"]) if values.get("contact_id") else None,
        "contact_only": bool(values.get("contact_only")),
    }


def contacts_state(rows, tables, report):
    states = []
    for row in sorted(rows, key=lambda row: row["id"]):
        where = tables.where[("contact", row["id"])]
        state = contact_state(row)
        for name in CONTACT_FIELDS:
            state[name] = fit(Contact, name, state[name], where, name, report)
        states.append(state)
    return states


def phones_state(service_id, rows, tables, report):
    states = []
    for row in sorted(rows, key=lambda row: row["id"]):
        where = tables.where[("phone", row["id"])]
        state = phone_state(
            {
                **row,
                "extension": extension_text(row.get("extension")),
                "contact_only": row.get("service_id") != service_id,
            }
        )
        for name in PHONE_TEXTS:
            state[name] = fit(Phone, name, state[name].strip(), where, name, report)
        states.append(state)
    return states


def contact_objects(service_id, states):
    return [
        Contact(id=s["id"], service_id=service_id, **{k: s[k] for k in CONTACT_FIELDS})
        for s in states
    ]


def phone_objects(service_id, states):
    return [
        Phone(
            id=s["id"],
            service_id=service_id,
            contact_id=s["contact_id"],
            contact_only=s["contact_only"],
            **{k: s[k] for k in PHONE_TEXTS},
        )
        for s in states
    ]


# -- Export -------------------------------------------------------------------------------


def phone_label(number, extension):
    """A phone as the intake phone says it (hsds.fields.phone_text)."""
    return f"{number.strip()} ext. {extension}" if extension else number.strip()


def extension_number(text):
    try:
        value = Decimal(text)
    except ArithmeticError:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def phone_record(phone, languages, links):
    """A phone, with its languages and the links its source gave it (`links`: by id)."""
    record = {
        "id": str(phone.id),
        **links.get(str(phone.id), {}),
        "number": phone.number,
        "extension": extension_number(phone.extension) if phone.extension else None,
        "type": phone.type,
        "description": phone.description,
        "languages": languages.get(str(phone.id), []),
    }
    return {k: v for k, v in record.items() if v not in (None, "", [])}


def contact_record(contact, phones, languages, links):
    """A contact with its phones, and the links the source gave them (`links`: by id)."""
    record = {
        "id": str(contact.id),
        **links.get(str(contact.id), {}),
        **{k: getattr(contact, k) for k in CONTACT_FIELDS},
        "phones": [phone_record(p, languages, links) for p in phones if p.contact_id == contact.id],
    }
    return {k: v for k, v in record.items() if v not in (None, "", [])}
