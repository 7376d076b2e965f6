"""CPU seconds per role of a run made of several processes, read from /proc (Linux only).

A bench names its roles ("worker", "analysis pool", "PostgreSQL backends", ...) and the
process ids in each; `CpuLedger` samples them while the run goes on and keeps the last
figure seen for each process, so one that exits (or is killed) still counts. Processes
first seen after the start count from zero: they started during the measured stretch.
The whole machine's busy time over the same stretch shows what other programs took.
"""

from __future__ import annotations

import os
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float | None:
    """User + system CPU seconds of one process (all its threads); None once it is gone."""
    return _stat_cpu(Path(f"/proc/{pid}/stat"))


def _stat_cpu(path: Path) -> float | None:
    try:
        stat = path.read_text()
    except OSError:
        return None
    after_name = stat.rsplit(")", 1)[1].split()  # the name may hold spaces; fields follow ")"
    return (int(after_name[11]) + int(after_name[12])) / TICKS


def thread_cpu(pid: int, tid: int) -> float | None:
    """User + system CPU seconds of one thread of a process (tid == pid: its main thread)."""
    return _stat_cpu(Path(f"/proc/{pid}/task/{tid}/stat"))


def own_cpu() -> float:
    """This process's CPU seconds (every thread: a bench's servers run here)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def descendants(pid: int) -> list[int]:
    """Children, grandchildren, ... of `pid` (a worker's analysis pool)."""
    found: list[int] = []
    todo = [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                kids = [int(k) for k in (task / "children").read_text().split()]
            except OSError:
                continue
            found.extend(kids)
            todo.extend(kids)
    return found


def machine_busy() -> tuple[float, float]:
    """(busy, all) CPU seconds summed over every core since boot; idle and iowait are not busy."""
    with open("/proc/stat", encoding="ascii") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    idle = values[3] + values[4]
    return (sum(values[:8]) - idle) / TICKS, sum(values[:8]) / TICKS


@dataclass
class CpuLedger:
    """CPU seconds per role since `begin`; roles map to process ids (or to this process: pid 0)."""

    started_at: float = 0.0
    first: dict[int, float] = field(default_factory=dict)
    last: dict[int, float] = field(default_factory=dict)
    role_of: dict[int, str] = field(default_factory=dict)
    machine_start: tuple[float, float] = (0.0, 0.0)
    machine_last: tuple[float, float] = (0.0, 0.0)
    sampled_at: float = 0.0

    def begin(self, roles: dict[str, list[int]]) -> None:
        self.started_at = self.sampled_at = time.time()
        self.machine_start = self.machine_last = machine_busy()
        for role, pids in roles.items():
            for pid in pids:
                cpu = self._cpu(pid)
                if cpu is not None:
                    self.first[pid] = self.last[pid] = cpu
                    self.role_of[pid] = role

    def sample(self, roles: dict[str, list[int]]) -> None:
        self.sampled_at = time.time()
        self.machine_last = machine_busy()
        for role, pids in roles.items():
            for pid in pids:
                cpu = self._cpu(pid)
                if cpu is None:
                    continue
                self.first.setdefault(pid, 0.0)  # started after `begin`: all its CPU is in the stretch
                self.last[pid] = cpu
                self.role_of[pid] = role

    def by_role(self) -> dict[str, float]:
        totals: dict[str, float] = {}
        for pid, role in self.role_of.items():
            totals[role] = totals.get(role, 0.0) + self.last[pid] - self.first[pid]
        return totals

    def lines(self, cores: int | None = None) -> list[str]:
        """The breakdown, the CPU-bound floor (our CPU / cores) and the machine's busy share."""
        cores = cores or os.cpu_count() or 1
        wall = self.sampled_at - self.started_at
        roles = self.by_role()
        ours = sum(roles.values())
        busy = self.machine_last[0] - self.machine_start[0]
        parts = ", ".join(f"{role} {seconds:.1f}" for role, seconds in sorted(roles.items(), key=lambda r: -r[1]))
        return [
            f"  CPU s over {wall:.1f} s: {parts}; total {ours:.1f}",
            f"  CPU-bound floor {ours / cores:.1f} s ({cores} cores); machine busy {busy / (wall * cores):.0%} "
            f"of {cores} cores, other programs {max(0.0, busy - ours):.1f} CPU s",
        ]

    @staticmethod
    def _cpu(pid: int) -> float | None:
        return own_cpu() if pid == 0 else process_cpu(pid)
