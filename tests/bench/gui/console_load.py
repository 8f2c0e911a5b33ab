#!/usr/bin/env python3
"""The real appint-console's end-to-end load (issue 11): starts it against a
running appint-server (`--tenant URL --admin-credentials FILE`, offscreen),
reads the time since process start at which the page logs "loaded N
clients" (QT_MESSAGE_PATTERN's %{time process}), and the process's resident
memory then (VmRSS after a 1 s settle, and the peak VmHWM). Numbers only.

    tests/bench/gui/console_load.py build/ci/bin/appint-console URL DIR/bootstrap-admin.json [RUNS]
"""
import os
import re
import subprocess
import sys
import time


def status(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024.0
    return -1.0


def main():
    console, url, credentials = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               QT_LOGGING_RULES="appint.gui.info=true",
               QT_MESSAGE_PATTERN="%{time process} %{category} %{message}")
    pattern = re.compile(r"^\s*([0-9.]+) appint\.gui loaded (\d+) clients")
    for run in range(1, runs + 1):
        load = open("/proc/loadavg").read().split()[0]
        process = subprocess.Popen([console, "--tenant", url, "--admin-credentials", credentials],
                                   stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True)
        seconds, count = None, None
        for line in process.stderr:
            match = pattern.match(line)
            if match:
                seconds, count = float(match.group(1)), int(match.group(2))
                break
        hwm_at_load = status(process.pid, "VmHWM")
        time.sleep(1.0)
        rss = status(process.pid, "VmRSS")
        hwm = status(process.pid, "VmHWM")
        process.terminate()
        process.wait(timeout=30)
        print(f"RESULT run={run} clients={count} loaded_after={seconds * 1000 if seconds else -1:.0f}ms "
              f"rss_after_load={rss:.1f}MiB peak={max(hwm, hwm_at_load):.1f}MiB load={load}", flush=True)


if __name__ == "__main__":
    main()
