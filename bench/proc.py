"""CPU time and memory of processes, read from /proc: what the harness reads around each slice."""

import os
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def parse_stat(text: str) -> tuple[int, int, int]:
    """(parent pid, utime, stime) from a /proc/<pid>/stat line; the name may hold ") "."""
    fields = text[text.rindex(")") + 2 :].split()
    return int(fields[1]), int(fields[11]), int(fields[12])


def read_stat(pid: int) -> tuple[int, int, int] | None:
    try:
        return parse_stat(Path(f"/proc/{pid}/stat").read_text())
    except (FileNotFoundError, ProcessLookupError):  # the process has gone
        return None


def cpu_ticks(pids) -> dict[int, int]:
    """utime + stime in clock ticks, per pid still alive."""
    ticks = {}
    for pid in pids:
        stat = read_stat(pid)
        if stat:
            ticks[pid] = stat[1] + stat[2]
    return ticks


def cpu_seconds(before: dict[int, int], after: dict[int, int]) -> float:
    """CPU used between two readings; a process first seen in `after` counts whole."""
    return sum(t - before.get(pid, 0) for pid, t in after.items()) / CLOCK_TICKS


def children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = read_stat(int(entry.name))
            if stat and stat[0] == parent:
                found.append(int(entry.name))
    return sorted(found)


def memory_kb(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak RSS) of a process, in kB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0])
    return values
