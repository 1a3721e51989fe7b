"""Helpers that more than one app uses: change history and the client's IP address.

Not an app: no models, no URLs. The apps import from here, never from each other for these.
"""
