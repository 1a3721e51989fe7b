"""The provider directory, modelled on Open Referral HSDS 3.0.

A case worker refers a youth to a *service*, offered by an *organization* at one or more
*locations*. Field names follow HSDS where HSDS has the concept, and every record that HSDS
exchanges keeps a stable UUID primary key, so an import can update it in place.

One module per idea: the vocabulary services are filed under (vocabulary.py), organizations
and their locations (organizations.py), services (services.py), the rules that pick services
(querysets.py: who sees which, keyword search, search text), what a service discloses to
whom (disclosure.py), what it has free now and the providers' links to say so
(capacity.py), the curators' flagged terms (language.py) and the confidential
address access log (access_log.py). Every model is importable from directory.models.
"""

from directory.models.access_log import AppendOnlyError, ConfidentialAccess
from directory.models.capacity import CapacityLink, ServiceCapacity
from directory.models.contacts import Contact, Phone
from directory.models.disclosure import FACTS, Answer
from directory.models.language import FlaggedTerm
from directory.models.organizations import Location, Organization
from directory.models.schedules import OpeningTime, Schedule
from directory.models.services import Service, ServiceAtLocation, stale_cutoff
from directory.models.vocabulary import (
    Category,
    Language,
    LegalRemedy,
    PopulationTag,
    SearchSynonym,
    ServiceArea,
)

__all__ = [
    "FACTS",
    "Answer",
    "AppendOnlyError",
    "CapacityLink",
    "Category",
    "ConfidentialAccess",
    "Contact",
    "FlaggedTerm",
    "Language",
    "LegalRemedy",
    "Location",
    "OpeningTime",
    "Organization",
    "Phone",
    "PopulationTag",
    "Schedule",
    "SearchSynonym",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "ServiceCapacity",
    "stale_cutoff",
]
