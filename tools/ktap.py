"""ktap: read and write KTAP, the test output format of Pagoda (and Linux KUnit).

KTAP version 1, as the kernel prints it (each line possibly behind a printk
timestamp such as "[    0.123456] "):

    KTAP version 1                 a test document starts
    1..2                           its plan: 2 tests follow
        KTAP version 1             a nested document (a suite), indented by
        # Subtest: pgtable         4 spaces per level, named by "# Subtest:"
        1..3
        ok 1 direct_map_2m         a result: "ok"/"not ok", number, name,
        # pgtable.c:123: expected 5, got 4      diagnostics come *before*
        not ok 2 wx_text                        the result they explain
        ok 3 gbpages # SKIP CPU lacks 1 GiB pages   a directive
    ok 1 pgtable                   the suite's own result closes it
    not ok 2 other_suite

KtapParser reads such a log a line at a time (lines that are not KTAP, e.g.
other kernel messages, are ignored or kept as context) and reports each
*test case* - a result with no subtests - as soon as its line arrives, named
by its path: "pgtable.direct_map_2m".  A suite's own result line is not a
test case, unless the suite failed without any failing case (then the suite
itself counts as the failure), or it has no cases at all.

At the end, KtapParser.finish() lists what is missing: no KTAP at all, no
plan, or fewer results than planned.

KtapWriter prints a flat KTAP document, for host-side test programs.
"""

import re
import sys

# "[    0.123456] " in front of a printk line.
TIMESTAMP_RE = re.compile(r"^\[\s*\d+\.\d+\] ?")
# Terminal escape sequences (firmware and GRUB print them on the serial line).
ANSI_RE = re.compile(r"\x1b\[[0-9;=?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]")

VERSION_RE = re.compile(r"^(?:KTAP|TAP) version \d+\s*$")
PLAN_RE = re.compile(r"^1\.\.(\d+)\s*(?:#.*)?$")
RESULT_RE = re.compile(r"^(not ok|ok)\b\s*(\d+)?\s*(?:-\s*)?(.*?)\s*(?:#\s*(.*))?$")
SUBTEST_RE = re.compile(r"^#\s*Subtest:\s*(.*?)\s*$")
DIAG_RE = re.compile(r"^#\s?(.*)$")

PASS, FAIL, SKIP = "ok", "fail", "skip"

# Unknown lines kept as context for the next result, per suite at most:
MAX_CONTEXT = 40


def clean_line(raw):
    """A serial-console line as KTAP sees it: no CR, escapes or timestamp."""
    line = ANSI_RE.sub("", raw).replace("\r", "").rstrip("\n")
    return TIMESTAMP_RE.sub("", line)


def has_timestamp(raw):
    """Is this serial line a printk line, i.e. does it carry a timestamp?"""
    return bool(TIMESTAMP_RE.match(ANSI_RE.sub("", raw).replace("\r", "")))


class Case:
    """One finished test case."""

    def __init__(self, name, status, diagnostics=(), directive=""):
        self.name = name
        self.status = status            # PASS, FAIL or SKIP
        self.diagnostics = list(diagnostics)
        self.directive = directive      # e.g. "SKIP CPU lacks 1 GiB pages"

    def __repr__(self):
        return f"Case({self.name!r}, {self.status!r})"


class _Suite:
    """A KTAP document being read: the top level or a nested suite."""

    def __init__(self, depth):
        self.depth = depth
        self.name = None            # from "# Subtest:" or its result line
        self.plan = None
        self.results = 0            # result lines seen at this level
        self.cases = 0              # cases reported anywhere below
        self.failed_cases = 0       # failing ones among them
        self.diagnostics = []       # lines since the last result


class KtapParser:
    """Incremental KTAP reader: feed() a line, get back the finished cases."""

    def __init__(self):
        self.stack = []             # open suites; stack[0] is the top level
        self.seen_version = False
        self.problems_found = []    # (reason, message) noticed while reading
        self.parked = []            # (suites, Case): waiting for suite names

    # -- naming ----------------------------------------------------------------

    @staticmethod
    def _path(suites, name):
        return ".".join([s.name or "?" for s in suites[1:]] + [name])

    def _emit(self, name, status, diagnostics, directive, out):
        """Report a case now, or park it until every enclosing suite is named."""
        case = Case(name, status, diagnostics, directive)
        for s in self.stack:
            s.cases += 1
            if status == FAIL:
                s.failed_cases += 1
        suites = list(self.stack)
        if all(s.name for s in suites[1:]):
            case.name = self._path(suites, name)
            out.append(case)
        else:
            self.parked.append((suites, case))

    def _unpark(self, out, force=False):
        still = []
        for suites, case in self.parked:
            if force or all(s.name for s in suites[1:]):
                case.name = self._path(suites, case.name)
                out.append(case)
            else:
                still.append((suites, case))
        self.parked = still

    # -- structure ---------------------------------------------------------------

    def _open(self, depth):
        """Open (so far anonymous) suites until `depth` is the innermost level."""
        while len(self.stack) <= depth:
            self.stack.append(_Suite(len(self.stack)))

    def _close_deeper(self, depth):
        """Close suites deeper than `depth` that ended without a result line."""
        while len(self.stack) > depth + 1:
            child = self.stack.pop()
            if child.plan is None and child.results == 0 and child.name is None:
                continue            # an empty anonymous level: nothing to say
            self.problems_found.append(
                ("missing-results", f"suite {child.name or '?'} ended without "
                 "its own result line"))

    # -- the reader --------------------------------------------------------------

    def feed(self, raw_line):
        """Read one log line; return the list of cases it finished."""
        out = []
        line = clean_line(raw_line)
        text = line.lstrip(" ")
        indent = len(line) - len(text)
        depth = indent // 4
        text = text.rstrip()
        if not text:
            return out

        if VERSION_RE.match(text):
            if depth == 0:
                if self.seen_version:
                    self.problems_found.append(
                        ("ktap-restarted", "a second top-level 'KTAP version' "
                         "line (did the machine reboot?)"))
                    self._unpark(out, force=True)
                self.seen_version = True
                self.stack = [_Suite(0)]
            elif self.stack:
                self._close_deeper(depth - 1)
                self._open(depth)
            return out

        if not self.stack:
            return out              # not inside a KTAP document yet

        m = SUBTEST_RE.match(text)
        if m and depth >= 1:
            if len(self.stack) > depth and self.stack[depth].results:
                self._close_deeper(depth - 1)   # a new suite at this depth
            self._open(depth)
            self.stack[depth].name = m.group(1)
            self._unpark(out)
            return out

        m = PLAN_RE.match(text)
        if m:
            if len(self.stack) > depth and self.stack[depth].results:
                self._close_deeper(depth - 1)   # a new suite at this depth
            self._close_deeper(depth)
            self._open(depth)
            self.stack[depth].plan = int(m.group(1))
            return out

        m = RESULT_RE.match(text)
        if m:
            self._result(depth, m, out)
            return out

        m = DIAG_RE.match(text)
        if m and indent % 4 == 0:
            target = self.stack[min(depth, len(self.stack) - 1)]
            target.diagnostics.append(m.group(1))
            return out

        # Any other line (a kernel message, a warning...): keep it as context
        # for the innermost open test.
        inner = self.stack[-1]
        if len(inner.diagnostics) < MAX_CONTEXT:
            inner.diagnostics.append(text)
        return out

    def _result(self, depth, m, out):
        ok = m.group(1) == "ok"
        name = m.group(3) or f"test{m.group(2) or ''}"
        directive = (m.group(4) or "").strip()
        word = directive.split()[0].upper() if directive else ""
        skipped = word in ("SKIP", "TODO", "XFAIL")

        self._open(depth)
        self._close_deeper(depth + 1)
        child = self.stack.pop() if len(self.stack) > depth + 1 else None
        suite = self.stack[depth]
        suite.results += 1

        if child is not None:
            if child.name is None:
                child.name = name
                self._unpark(out)
            if child.plan is not None and child.results < child.plan:
                self.problems_found.append(
                    ("missing-results", f"suite {self._path(self.stack, name)}: "
                     f"planned {child.plan} tests, got {child.results}"))
            if child.cases > 0:
                # The suite's own result line: its cases are already out.
                # Only a failure that no case explains becomes a case.
                if not ok and not skipped and child.failed_cases == 0:
                    self._emit(name, FAIL, child.diagnostics + suite.diagnostics,
                               directive, out)
                suite.diagnostics = []
                return
        diagnostics = (child.diagnostics if child else []) + suite.diagnostics
        status = SKIP if skipped else (PASS if ok else FAIL)
        self._emit(name, status, diagnostics, directive, out)
        suite.diagnostics = []

    def finish(self):
        """After the last line: [(reason, message)] of what was missing."""
        problems = list(self.problems_found)
        if not self.seen_version:
            problems.append(("no-ktap", "no 'KTAP version 1' line in the output"))
            return problems
        top = self.stack[0]
        if top.plan is None:
            problems.append(("no-plan", "no KTAP plan line (1..N) at the top level"))
        elif top.results < top.plan:
            problems.append(("missing-results", f"planned {top.plan} tests, "
                             f"got {top.results} results"))
        for suite in self.stack[1:]:
            problems.append(("missing-results",
                             f"suite {suite.name or '?'} never finished"))
        return problems

    def open_suites(self):
        """Names of the suites being read now, outermost first."""
        return [s.name for s in self.stack[1:] if s.name]

    def pending_cases(self):
        """Cases still parked because a suite never got a name."""
        out = []
        self._unpark(out, force=True)
        return out


def parse(lines):
    """Parse a whole log: return (cases, problems)."""
    parser = KtapParser()
    cases = []
    for line in lines:
        cases += parser.feed(line)
    problems = parser.finish()
    cases += parser.pending_cases()
    return cases, problems


class KtapWriter:
    """Print a flat KTAP document: plan first, then one result per check."""

    def __init__(self, plan, stream=None):
        self.stream = stream or sys.stdout
        self.number = 0
        self.failed = 0
        self._print("KTAP version 1")
        self._print(f"1..{plan}")

    def _print(self, text):
        print(text, file=self.stream, flush=True)

    def diag(self, text):
        for line in str(text).splitlines() or [""]:
            self._print(f"# {line}")

    def result(self, name, ok, diagnostics=None, skip=None):
        self.number += 1
        if diagnostics and (not ok or skip):
            self.diag(diagnostics)
        if skip is not None:
            self._print(f"ok {self.number} {name} # SKIP {skip}")
        elif ok:
            self._print(f"ok {self.number} {name}")
        else:
            self.failed += 1
            self._print(f"not ok {self.number} {name}")
        return ok
