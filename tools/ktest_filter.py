"""ktest_filter: which runs of a test plan `tools/ktest --filter` selects.

A filter name is a run's name, whole components of it (2s/kernel is not
2s/kernelcore; 2s is every 2s/ run; shell wildcards within a component),
or a ktest suite: then every run whose ktest= list names the suite runs,
and runs with ktest=all run that suite only.  A name that selects nothing
is an error, with a hint.

Linux counterpart: kunit.py's filter_glob ("suite.test" globs).
"""

import fnmatch
import re
from pathlib import Path

import pagoda_qemu as pq

# ============================================================================
# Selecting runs (--filter)
#
# A student who types `--filter pgtable` wants the pgtable suite, wherever
# the plan runs it: every run whose ktest= list names it runs as the plan
# says, and every ktest=all run (each topology, each boot method) runs
# pgtable alone, so the subset stays quick and covers every machine.  A
# name that is a run's name, or whole components of it, selects that run
# unchanged.
# ============================================================================

SUITE_RE = re.compile(r"^\s*KTEST_SUITE\(\s*(\w+)\s*,", re.M)


def known_suites(root=None):
    """The suite names the kernel defines (KTEST_SUITE(name, ...) in its sources)."""
    root = Path(root or pq.ROOT)
    names = set()
    for directory in ("boot", "arch", "mm", "kernel", "lib", "drivers"):
        for path in (root / directory).rglob("*.c"):
            names.update(SUITE_RE.findall(path.read_text(errors="replace")))
    return names


def run_suites(run):
    """The suites named by a qemu run's ktest= words ("all" included)."""
    if run.kind != "qemu" or not run.ktap:
        return []               # e.g. a CPU without long mode: no suite runs
    return [name for word in run.cmdline.split() if word.startswith("ktest=")
            for name in word[len("ktest="):].split(",") if name]


def name_matches(term, name):
    """Does `term` name whole components of the run name `name`?

    "2s/kernel" matches "2s/kernel" only, "2s" matches "2s/..." and
    "kernel" matches ".../kernel"; each component may use shell wildcards.
    """
    want = [c for c in term.split("/") if c]
    have = name.split("/")
    if not want:
        return False
    return any(all(fnmatch.fnmatchcase(have[i + k], w) for k, w in enumerate(want))
               for i in range(len(have) - len(want) + 1))


def with_suites(run, suites):
    """The run with its ktest=all replaced by just `suites`."""
    words = [f"ktest={','.join(suites)}" if w == "ktest=all" else w
             for w in run.cmdline.split()]
    return type(run)(dict(run.spec, cmdline=" ".join(words)))


def select_runs(runs, terms, suites):
    """Apply --filter terms.  Returns (selected runs, terms that selected none).

    A run is kept if a term matches its name (it runs unchanged), or if a
    term is a suite of `suites` that the run's ktest= list names or
    includes through ktest=all (such a run then runs only the suites asked).
    """
    selected, used = [], set()
    for run in runs:
        by_name = [t for t in terms if name_matches(t, run.name)]
        mine = run_suites(run)
        by_suite = [t for t in terms if t in suites and (t in mine or "all" in mine)]
        used.update(by_name + by_suite)
        if by_name or any(t in mine for t in by_suite):
            selected.append(run)
        elif by_suite:
            selected.append(with_suites(run, by_suite))
    return selected, [t for t in terms if t not in used]


def filter_error(unmatched, runs, suites):
    """The message for --filter names that select nothing."""
    lines = []
    for term in unmatched:
        lines.append(f"ktest: --filter {term!r} selects no run: it is neither a "
                     "run name (or whole components of one) nor a suite.")
        close = [r.name for r in runs if term in r.name]
        if close:
            lines.append("  Runs whose names contain it: " + ", ".join(close[:8])
                         + (" ..." if len(close) > 8 else "")
                         + f"  (e.g. --filter '{term}*')")
    lines.append("  Suites: " + ", ".join(sorted(suites)))
    lines.append("  Runs: tools/ktest --list")
    return "\n".join(lines)
