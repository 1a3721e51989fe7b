"""Open Referral HSDS 3.0: import, export and the read-only API's records.

reader/ turns a tabular package or HSDS JSON into rows, validate.py checks them against
the official data package, build.py turns them into our records (a function per kind of
record, and per group of fields in columns.py), importer.py merges them into the database,
serializers.py and exporter.py go the other way.
"""

HSDS_VERSION = "3.0"
