"""The crash test's harness reads every line the child printed before it was killed.

A buffered readline() followed by communicate() loses the lines the readline took into
its buffer (communicate reads the pipe's descriptor): on a busy machine the crash test
then missed saves that had returned, and failed as if the casebook had changed by itself.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time

from tests import test_crash_loop

CHATTY = "import sys, time\nfor w in ('ready', 'try a 1', 'done a 1'):\n    print(w, flush=True)\ntime.sleep(30)\n"


def test_lines_printed_before_the_kill_are_all_read(monkeypatch, tmp_path):
    real_popen, real_sleep = subprocess.Popen, time.sleep

    def popen(args, **kw):
        # the child prints its three lines at once; a busy parent reads only after that
        child = real_popen([sys.executable, "-c", CHATTY], **kw)
        real_sleep(1.0)
        return child

    monkeypatch.setattr(test_crash_loop.subprocess, "Popen", popen)
    monkeypatch.setattr(test_crash_loop.time, "sleep", lambda _s: None)
    rng = random.Random(0)
    rng.random = lambda: 0.5  # the path that reads "ready" first
    lines = test_crash_loop.run_and_kill(tmp_path / "x.sqlite", 0, rng)
    assert lines == ["ready", "try a 1", "done a 1"]
