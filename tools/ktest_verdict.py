"""ktest_verdict: what a test run's output means (tools/ktest's judge).

A Verdict watches one run's console output a line at a time and, with the
exit status, turns it into test cases (from the KTAP, see ktap.py) and run
failures named by a reason: a panic or an oops, a BUG:/WARNING:/Bad page
state line the run does not allow, a reset, missing KTAP results, a
missing `expect` or `expect_order` pattern, a `forbid` pattern, a wrong
exit status, a timeout.  It knows nothing about processes, which is why
tests/host/test_ktest_parser.py can feed it made-up logs.

Linux counterpart: the parsing half of tools/testing/kunit/kunit.py and
the log checks of the kernel's test robots.
"""

import re

import ktap
import pagoda_qemu as pq

CRASH_PATTERNS = [
    ("kernel-panic", re.compile(r"Kernel panic - not syncing")),
    ("oops", re.compile(r"Oops:")),
]
BOOT_COMPLETE = "Boot complete."
# The kernel's complaints that are not crashes: it goes on, but something
# is wrong.  Linux prints them at the start of a line.  A run fails on
# them unless its `allow` (or SUITE_ALLOW) matches the line.  Only printk
# lines (with a timestamp) count: GRUB on UEFI prints "WARNING: no console
# will be available to OS" before the kernel starts.
COMPLAINT_PATTERNS = [
    ("bad-page", re.compile(r"^(?:BUG: )?Bad page state")),
    ("bug", re.compile(r"^BUG: ")),
    ("warning", re.compile(r"^WARNING: ")),
]

# Failures whose message says it all: no need for the log's last lines.
QUIET_REASONS = {"expect", "expect-order", "forbid"} | {r for r, _ in COMPLAINT_PATTERNS}


class Verdict:
    """Watches one run's output line by line and decides what it means.

    It knows nothing about processes: feed it lines (with the time since the
    start) and the exit status, and it returns the results.  This is what
    the unit tests exercise with synthetic logs.
    """

    def __init__(self, run, suite_allow=None):
        self.run = run
        self.parser = ktap.KtapParser() if getattr(run, "ktap", True) else None
        self.cases = []
        self.boot_time = None           # seconds to "Boot complete.", or None
        self.crashes = []               # (reason, line)
        self.expect = [(p, re.compile(p)) for p in getattr(run, "expect", [])]
        self.seen = set()
        self.forbidden = []             # (pattern, line)
        self.forbid = [(p, re.compile(p)) for p in getattr(run, "forbid", [])]
        self.order = [(p, re.compile(p)) for p in getattr(run, "expect_order", [])]
        self.order_seen = 0             # how many of self.order matched so far
        self.allow = [re.compile(p) for p in getattr(run, "allow", [])]
        # {suite: patterns}: lines a suite prints on purpose, allowed
        # while it runs (ktest's SUITE_ALLOW).
        self.suite_allow = {suite: [re.compile(p) for p in patterns]
                            for suite, patterns in (suite_allow or {}).items()}
        self.complaints = []            # (reason, line) not allowed
        self.tail = []                  # the last lines, for failure reports

    def feed(self, raw, elapsed=0.0):
        """Read one line; return the test cases it finished."""
        line = ktap.clean_line(raw)
        if line.strip():
            self.tail = (self.tail + [line])[-15:]
        if self.boot_time is None and BOOT_COMPLETE in line:
            self.boot_time = elapsed
        if self.run.kind == "qemu" and not self.run.crash_ok:
            for reason, pattern in CRASH_PATTERNS:
                if pattern.search(line):
                    self.crashes.append((reason, line.strip()))
        if self.run.kind == "qemu" and ktap.has_timestamp(raw):
            self._check_complaint(line)
        for p, rx in self.expect:
            if p not in self.seen and rx.search(line):
                self.seen.add(p)
        if self.order_seen < len(self.order) and self.order[self.order_seen][1].search(line):
            self.order_seen += 1
        for p, rx in self.forbid:
            if rx.search(line):
                self.forbidden.append((p, line.strip()))
        if self.parser is None:
            return []
        cases = self.parser.feed(raw)
        self.cases += cases
        return cases

    def _check_complaint(self, line):
        """A BUG:/WARNING:/Bad page state line not allowed is a failure."""
        for reason, pattern in COMPLAINT_PATTERNS:
            if pattern.search(line):
                break
        else:
            return
        allowed = list(self.allow)
        if self.parser is not None:
            for suite in self.parser.open_suites():
                allowed += self.suite_allow.get(suite, [])
        if not any(rx.search(line) for rx in allowed):
            self.complaints.append((reason, line.strip()))

    def all_expected_seen(self):
        return (len(self.seen) == len(self.expect)
                and self.order_seen == len(self.order))

    def finish(self, status, stopped=None, stderr=""):
        """The run is over.  Return the remaining cases and the run failures.

        status   QEMU's or the program's exit status (None if we killed it)
        stopped  why it ended early: "boot-timeout", "run-timeout",
                 "crash" (it went on after a panic line), "halted"
                 (halt_ok satisfied), "interrupted" (Ctrl-C), "setup"
                 (it could not start), or None (it exited by itself)
        Returns (cases, failures) where failures is [(reason, message)].
        """
        run = self.run
        cases = self.parser.pending_cases() if self.parser else []
        self.cases += cases
        failures = []
        fatal = False                   # a crash explains missing output

        if stopped == "setup":
            return cases, self.crashes[-1:]
        if stopped == "boot-timeout":
            failures.append(("boot-timeout", f"no '{BOOT_COMPLETE}' within "
                             f"{run.boot_timeout} s"))
            fatal = True
        elif stopped == "run-timeout":
            failures.append(("run-timeout", f"still running after {run.timeout} s"))
            fatal = True
        elif stopped == "interrupted":
            return cases, [("interrupted", "stopped by the user")]
        for reason, line in self.crashes[:1]:
            failures.append((reason, line))
            fatal = True

        if run.kind == "qemu":
            failures += self._judge_exit(status, stopped, stderr)
        elif status != 0 and status is not None:
            if not any(c.status == ktap.FAIL for c in self.cases):
                failures.append(("exit-status", f"exited with status {status}"
                                 + (f": {stderr.strip()[-300:]}" if stderr.strip() else "")))
        if any(r in ("reset", "qemu-error", "kernel-panic") for r, _ in failures):
            fatal = True

        if (run.kind == "qemu" and run.boot_complete and self.boot_time is None
                and not fatal and stopped != "halted"):
            failures.append(("no-boot-complete", f"'{BOOT_COMPLETE}' never appeared"))
            fatal = True
        if self.parser is not None and not fatal:
            failures += self.parser.finish()

        missing = [p for p, _ in self.expect if p not in self.seen]
        if missing and not fatal:      # a crash explains missing messages
            failures.append(("expect", "never matched: " +
                             ", ".join(repr(p) for p in missing)))
        if self.order_seen < len(self.order) and not fatal:
            matched = [p for p, _ in self.order[:self.order_seen]]
            failures.append(("expect-order", f"never matched {self.order[self.order_seen][0]!r}"
                             + (f" after {', '.join(repr(p) for p in matched)}"
                                if matched else "")))
        if self.forbidden:
            p, line = self.forbidden[0]
            failures.append(("forbid", f"{p!r} matched: {line}"))
        for reason, line in self.complaints:
            failures.append((reason, f"{line}  (if the run provokes it on "
                             "purpose, add a regex for it to the run's \"allow\")"))
        # One failure per reason is enough.
        unique, seen = [], set()
        for reason, msg in failures:
            if reason not in seen:
                seen.add(reason)
                unique.append((reason, msg))
        return cases, unique

    def _judge_exit(self, status, stopped, stderr):
        run = self.run
        if stopped is not None:
            return []                   # killed by us: already judged
        if run.expect_exit is not None:
            if status != run.expect_exit:
                return [("exit-status", f"expected exit status {run.expect_exit}, "
                         f"got {status}" + _exit_hint(status, stderr))]
            return []
        failed_cases = any(c.status == ktap.FAIL for c in self.cases)
        if status == pq.EXIT_PASS:
            if failed_cases:
                return [("exit-status", "the kernel reported success (33) "
                         "but KTAP shows failures")]
            return []
        if status == pq.EXIT_FAIL:
            if not failed_cases:
                return [("kernel-reported-failure", "exit status 35 (tests failed) "
                         "but no failing test case in the KTAP output")]
            return []
        if status == pq.EXIT_PANIC:
            return [("kernel-panic", "exit status 37 (kernel panic or fatal "
                     "early-boot error)")]
        if status == 0:
            return [("reset", "QEMU exited without a debug-exit result: "
                     "a reset or triple fault")]
        return [("qemu-error", f"QEMU exit status {status}" + _exit_hint(status, stderr))]


def _exit_hint(status, stderr):
    text = stderr.strip()
    if status is not None and status < 0:
        return f" (killed by signal {-status})"
    return f": {text[-400:]}" if text else ""
