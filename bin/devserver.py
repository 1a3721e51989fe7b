"""The development server with a job worker beside it: what `make run` starts.

    .venv/bin/python bin/devserver.py [ADDRESS:PORT]

Each runs in a process group of its own, so Ctrl-C reaches only this script. When the server
stops, or this script is interrupted or told to stop, each gets one SIGTERM: the worker
finishes the job in hand, then exits. The server reloads itself when the code changes; the
worker does not, since a reload would cut a running job off: restart `make run` for that.
"""

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

MANAGE = [sys.executable, str(Path(__file__).resolve().parent.parent / "manage.py")]


def main(address="127.0.0.1:8000"):
    # Ctrl-C, a closed terminal or a stop from outside: all end the server the same way.
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.default_int_handler)
    started = []
    try:
        for command in (["run_worker", "--no-reload"], ["runserver", address]):
            started.append(
                subprocess.Popen([*MANAGE, *command], stdin=subprocess.DEVNULL, process_group=0)
            )
        return started[-1].wait()
    except KeyboardInterrupt:
        return 0
    finally:
        for process in started:  # the whole group: the server's reloader has a child
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in started:
            process.wait()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
