"""Reading gunicorn's processes from /proc: which are a master's workers, and what memory each
holds (the bench reports it; the production tests check the workers share their master's)."""

import os
from dataclasses import dataclass


def worker_pids(master_pid):
    """gunicorn's workers: the processes whose parent is the master."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                # The command may hold spaces: the parent's pid follows the closing parenthesis.
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:
            pids.append(int(entry))
    return sorted(pids)


@dataclass
class Memory:
    """A process's memory in MiB, from /proc/<pid>/smaps_rollup.

    rss: every page it maps that is in memory, shared or not (what `ps` and `top` show);
    pss: its fair share: private pages plus each shared page divided by the processes sharing
         it (the workers share the modules gunicorn's master loaded before forking them);
    uss: the pages only it holds: what stopping it would give back.
    """

    rss: float
    pss: float
    uss: float


def memory_of(pid):
    kib = {}
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            name, _, rest = line.partition(":")
            if rest.strip().endswith("kB"):
                kib[name] = int(rest.split()[0])
    private = kib.get("Private_Clean", 0) + kib.get("Private_Dirty", 0)
    return Memory(rss=kib["Rss"] / 1024, pss=kib["Pss"] / 1024, uss=private / 1024)
