"""LOG_FORMAT=json: each log record as one line of JSON, for a log collector to read.

Every line has "time" (UTC, ISO 8601), "level", "logger" and "message". The access log
(config.middleware.access_log) adds "method", "path", "status", "ms" and "user"; a record
with an exception adds "exception", its traceback as one string.
"""

import json
import logging
from datetime import UTC, datetime

# The fields the access log passes to its records as `extra`.
ACCESS_FIELDS = ("method", "path", "status", "ms", "user")


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in ACCESS_FIELDS:
            if hasattr(record, name):
                line[name] = getattr(record, name)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, default=str)
