"""Places and distances: ZIP code centres, and miles along the Earth's surface.

ZIP code centres come from the `zipcodes` package, whose US dataset is compiled into it:
nothing is asked of an outside service, ever. A distance is the great-circle (haversine)
distance on a sphere of the Earth's mean radius, in miles; as an SQL expression for the
database to filter and sort on (PostgreSQL has the math functions; Django gives SQLite the
same ones), and in Python for the rest.
"""

import math
import re
from decimal import Decimal

import zipcodes
from django.db.models import Expression, F, FloatField

EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE = 69.09  # of latitude, and of longitude at the equator
ZIP_CODE = re.compile(r"^\d{5}(-\d{4})?$")
SIX_PLACES = Decimal("0.000001")


def zip_centre(code):
    """(latitude, longitude) of a US ZIP code's centre, or None for one that does not exist."""
    code = (code or "").strip()
    if not ZIP_CODE.match(code):
        return None
    try:
        found = zipcodes.matching(code[:5])
    except (TypeError, ValueError):
        return None
    if not found or not found[0].get("lat") or not found[0].get("long"):
        return None
    return float(found[0]["lat"]), float(found[0]["long"])


def zip_coordinates(code):
    """(latitude, longitude) of a ZIP code's centre as a location stores them, or None."""
    centre = zip_centre(code)
    if centre is None:
        return None
    return tuple(Decimal(str(value)).quantize(SIX_PLACES) for value in centre)


def fill_coordinates(location):
    """Give a location without coordinates those of its ZIP code's centre. True if it did."""
    if location.latitude is not None or location.longitude is not None:
        return False
    coordinates = zip_coordinates(location.postal_code)
    if coordinates is None:
        return False
    location.latitude, location.longitude = coordinates
    return True


def great_circle_miles(lat1, lon1, lat2, lon2):
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(latitude, longitude, miles):
    """(south, north, west, east) around a point: every point within `miles` is inside."""
    dlat = miles / MILES_PER_DEGREE
    # Longitude degrees shrink towards the poles; never divide by (nearly) zero.
    dlon = miles / (MILES_PER_DEGREE * max(math.cos(math.radians(latitude)), 0.01))
    return latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon


class Miles(Expression):
    """The haversine distance, in miles, from a fixed point to a row's latitude and longitude.

    One node with its SQL written out, rather than a tree of Sin(), Cos() ... expressions,
    which Django would resolve anew for every query the page makes (the facets, the count,
    the page): that took longer than the queries. The functions are PostgreSQL's own, and
    ones Django registers on every SQLite connection.
    """

    output_field = FloatField()

    def __init__(self, latitude, longitude, prefix=""):
        super().__init__()
        self.origin = (float(latitude), float(longitude))
        self.columns = [F(prefix + "latitude"), F(prefix + "longitude")]

    def get_source_expressions(self):
        return self.columns

    def set_source_expressions(self, expressions):
        self.columns = expressions

    def as_sql(self, compiler, connection):
        (lat, lat_params), (lon, lon_params) = (compiler.compile(c) for c in self.columns)
        lat0, lon0 = (math.radians(value) for value in self.origin)
        lat = f"RADIANS(CAST({lat} AS DOUBLE PRECISION))"
        lon = f"RADIANS(CAST({lon} AS DOUBLE PRECISION))"
        sql = (
            f"({2 * EARTH_RADIUS_MILES!r} * ASIN(SQRT("
            f"POWER(SIN(({lat} - {lat0!r}) / 2), 2)"
            f" + {math.cos(lat0)!r} * COS({lat}) * POWER(SIN(({lon} - {lon0!r}) / 2), 2))))"
        )
        # Each column appears twice in the SQL: its parameters (none for a column) too.
        return sql, (*lat_params, *lat_params, *lon_params, *lon_params)


def miles_expression(latitude, longitude, prefix=""):
    """The haversine distance, in miles, from a point to the row's latitude and longitude."""
    return Miles(latitude, longitude, prefix)
