"""What every source reads as: rows, one per record, each saying where it came from."""

from dataclasses import dataclass


class SourceError(Exception):
    """The path is not something we can read as HSDS at all."""


@dataclass
class Row:
    resource: str
    values: dict
    where: str
    # The fields the source gives for this record (its CSV header, its JSON keys), so that
    # a field the source leaves out is left alone rather than emptied.
    keys: frozenset = frozenset()
    # Fields HSDS 3.0 requires that the source's version of HSDS does not have (a 1.x
    # program has no description): not an error when missing.
    unsaid: frozenset = frozenset()
