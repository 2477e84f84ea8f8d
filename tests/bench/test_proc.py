"""Reading CPU time and memory from /proc, as the harness does around each slice."""

import os
import subprocess
import sys
import time

import pytest

from bench import proc

pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="needs Linux /proc")


def test_parse_stat_survives_a_process_name_with_spaces_and_parentheses():
    line = "4242 (gunicorn: worker) [x]) S 4200 4200 4200 0 -1 4194560 500 0 0 0 123 45 0 0 20 0"

    assert proc.parse_stat(line) == (4200, 123, 45)


def test_cpu_ticks_grow_while_a_process_computes():
    before = proc.cpu_ticks([os.getpid()])
    deadline = time.process_time() + 0.3
    while time.process_time() < deadline:
        pass
    after = proc.cpu_ticks([os.getpid()])

    assert proc.cpu_seconds(before, after) >= 0.2


def test_cpu_seconds_counts_a_new_process_whole_and_ignores_one_that_left():
    before = {1: 100, 2: 500}
    after = {1: 150, 3: 20}

    assert proc.cpu_seconds(before, after) == pytest.approx((50 + 20) / proc.CLOCK_TICKS)


def test_processes_that_are_gone_are_skipped():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()

    assert proc.cpu_ticks([child.pid]) == {}


def test_children_lists_the_processes_a_parent_started():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        assert child.pid in proc.children(os.getpid())
    finally:
        child.kill()
        child.wait()


def test_memory_reads_resident_and_peak_sizes():
    memory = proc.memory_kb(os.getpid())

    assert 0 < memory["VmRSS"] <= memory["VmHWM"]
