"""Unit tests of the test harness (tools/ktap.py, tools/ktest) on synthetic logs.

Run from the repository root:
    python3 -m unittest discover -s tests/host -p 'test_*.py' -v

No QEMU is started: logs are made up here, exit statuses are given.  The last
class runs tools/ktest end to end with made-up host tests.
"""

import importlib.machinery
import importlib.util
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest
import unittest.mock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import ktap  # noqa: E402


def load_ktest():
    """Import tools/ktest (a script without .py) as a module."""
    path = str(ROOT / "tools" / "ktest")
    loader = importlib.machinery.SourceFileLoader("ktest_tool", path)
    spec = importlib.util.spec_from_loader("ktest_tool", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


ktest = load_ktest()

EXAMPLE = """\
[    0.001000] Pagoda version 0.1 (student@lab) #1 SMP
[    0.002000] Boot complete.
[    0.003000] KTAP version 1
[    0.003100] 1..2
[    0.003200]     KTAP version 1
[    0.003300]     # Subtest: pgtable
[    0.003400]     1..3
[    0.003500]     ok 1 direct_map_2m
[    0.003600]     # pgtable.c:123: expected 5, got 4
[    0.003700]     not ok 2 wx_text
[    0.003800]     ok 3 gbpages # SKIP CPU lacks 1 GiB pages
[    0.003900] ok 1 pgtable
[    0.004000]     KTAP version 1
[    0.004100]     # Subtest: other_suite
[    0.004200]     1..1
[    0.004300]     not ok 1 broken
[    0.004400] not ok 2 other_suite
"""


def parse(text):
    return ktap.parse(textwrap.dedent(text).splitlines())


def by_name(cases):
    return {c.name: c for c in cases}


class KtapParserTest(unittest.TestCase):

    def test_example_from_the_contract(self):
        cases, problems = parse(EXAMPLE)
        self.assertEqual(problems, [])
        self.assertEqual([c.name for c in cases],
                         ["pgtable.direct_map_2m", "pgtable.wx_text",
                          "pgtable.gbpages", "other_suite.broken"])
        c = by_name(cases)
        self.assertEqual(c["pgtable.direct_map_2m"].status, ktap.PASS)
        self.assertEqual(c["pgtable.wx_text"].status, ktap.FAIL)
        self.assertEqual(c["pgtable.wx_text"].diagnostics,
                         ["pgtable.c:123: expected 5, got 4"])
        self.assertEqual(c["pgtable.gbpages"].status, ktap.SKIP)
        self.assertEqual(c["pgtable.gbpages"].directive, "SKIP CPU lacks 1 GiB pages")
        # The failing suite is explained by its failing case: no extra result.
        self.assertEqual(c["other_suite.broken"].status, ktap.FAIL)

    def test_cases_come_out_as_their_lines_arrive(self):
        parser = ktap.KtapParser()
        got = []
        for line in EXAMPLE.splitlines():
            cases = parser.feed(line)
            if "ok 1 direct_map_2m" in line:
                self.assertEqual([c.name for c in cases], ["pgtable.direct_map_2m"])
            got += cases
        self.assertEqual(len(got), 4)

    def test_without_timestamps_and_with_crlf(self):
        cases, problems = parse("KTAP version 1\r\n1..1\r\nok 1 only\r\n")
        self.assertEqual(problems, [])
        self.assertEqual([(c.name, c.status) for c in cases], [("only", ktap.PASS)])

    def test_mixed_timestamp_widths_and_escape_sequences(self):
        log = ("\x1b[2J\x1b[01;01HBdsDxe: starting Boot0001\n"
               "[   12.500000] KTAP version 1\n"
               "[12345.000001] 1..1\n"
               "\x1b[0m[    0.1] ok 1 t\n")
        cases, problems = parse(log)
        self.assertEqual(problems, [])
        self.assertEqual([c.name for c in cases], ["t"])

    def test_kernel_messages_between_results_are_ignored(self):
        log = """\
        KTAP version 1
        1..1
            KTAP version 1
            # Subtest: mm
            1..2
        [    1.0] mm: freeing 12 pages
        random noise with ok 1 inside
            ok 1 alloc
        CPU 1: hello
            not ok 2 free
        not ok 1 mm
        """
        cases, problems = parse(log)
        self.assertEqual(problems, [])
        c = by_name(cases)
        self.assertEqual(set(c), {"mm.alloc", "mm.free"})
        # Unknown lines are kept as context for the failure report.
        self.assertIn("CPU 1: hello", c["mm.free"].diagnostics)

    def test_suite_failure_without_failing_case_is_a_failure(self):
        log = """\
        KTAP version 1
        1..1
            KTAP version 1
            # Subtest: smp
            1..1
            ok 1 bringup
            # smp.c:10: suite exit: 1 CPU did not come back
        not ok 1 smp
        """
        cases, problems = parse(log)
        c = by_name(cases)
        self.assertEqual(c["smp.bringup"].status, ktap.PASS)
        self.assertEqual(c["smp"].status, ktap.FAIL)
        self.assertIn("smp.c:10: suite exit: 1 CPU did not come back",
                      c["smp"].diagnostics)

    def test_suite_without_subtest_line_is_named_by_its_result(self):
        log = """\
        KTAP version 1
        1..1
            KTAP version 1
            1..2
            ok 1 a
            ok 2 b
        ok 1 anonymous_suite
        """
        cases, problems = parse(log)
        self.assertEqual(problems, [])
        self.assertEqual([c.name for c in cases], ["anonymous_suite.a", "anonymous_suite.b"])

    def test_old_kunit_style_without_nested_version_line(self):
        log = """\
        TAP version 14
        1..1
            # Subtest: list
            1..1
            ok 1 - list_add
        ok 1 - list
        """
        cases, problems = parse(log)
        self.assertEqual(problems, [])
        self.assertEqual([c.name for c in cases], ["list.list_add"])

    def test_three_levels(self):
        log = """\
        KTAP version 1
        1..1
            KTAP version 1
            # Subtest: numa
            1..1
                KTAP version 1
                # Subtest: fallback
                1..2
                ok 1 node0
                not ok 2 node1
            not ok 1 fallback
        not ok 1 numa
        """
        cases, problems = parse(log)
        self.assertEqual(problems, [])
        self.assertEqual([(c.name, c.status) for c in cases],
                         [("numa.fallback.node0", ktap.PASS),
                          ("numa.fallback.node1", ktap.FAIL)])

    def test_top_level_case_without_subtests(self):
        cases, problems = parse("KTAP version 1\n1..2\nok 1 one\nnot ok 2 two # TODO later\n")
        self.assertEqual(problems, [])
        self.assertEqual([(c.name, c.status) for c in cases],
                         [("one", ktap.PASS), ("two", ktap.SKIP)])

    def test_skipped_suite(self):
        log = """\
        KTAP version 1
        1..1
            KTAP version 1
            # Subtest: hugetlb
            1..0
        ok 1 hugetlb # SKIP no 1 GiB pages
        """
        cases, problems = parse(log)
        self.assertEqual(problems, [])
        self.assertEqual([(c.name, c.status) for c in cases], [("hugetlb", ktap.SKIP)])

    def test_no_ktap_at_all(self):
        cases, problems = parse("[ 0.1] Pagoda version 1\n[ 0.2] Boot complete.\n")
        self.assertEqual(cases, [])
        self.assertEqual([p[0] for p in problems], ["no-ktap"])

    def test_missing_plan(self):
        cases, problems = parse("KTAP version 1\nok 1 a\n")
        self.assertEqual([p[0] for p in problems], ["no-plan"])

    def test_fewer_results_than_planned(self):
        cases, problems = parse("KTAP version 1\n1..3\nok 1 a\nok 2 b\n")
        self.assertEqual([p[0] for p in problems], ["missing-results"])
        self.assertIn("planned 3", problems[0][1])

    def test_nested_suite_cut_short(self):
        log = """\
        KTAP version 1
        1..1
            KTAP version 1
            # Subtest: sched
            1..3
            ok 1 a
        """
        cases, problems = parse(log)
        self.assertEqual([c.name for c in cases], ["sched.a"])
        reasons = [p[0] for p in problems]
        self.assertIn("missing-results", reasons)

    def test_nested_suite_with_fewer_results_than_planned(self):
        log = """\
        KTAP version 1
        1..1
            KTAP version 1
            # Subtest: sched
            1..3
            ok 1 a
        ok 1 sched
        """
        cases, problems = parse(log)
        self.assertEqual([p[0] for p in problems], ["missing-results"])
        self.assertIn("sched", problems[0][1])

    def test_second_document_means_restart(self):
        cases, problems = parse("KTAP version 1\n1..1\nKTAP version 1\n1..1\nok 1 a\n")
        self.assertIn("ktap-restarted", [p[0] for p in problems])


class FakeRun:
    """The attributes of ktest.Run that Verdict reads."""

    def __init__(self, **kw):
        self.name = "2s/kernel"
        self.kind = "qemu"
        self.ktap = True
        self.boot_complete = True
        self.expect = []
        self.forbid = []
        self.expect_exit = None
        self.crash_ok = False
        self.halt_ok = False
        self.boot_timeout = 15
        self.timeout = 300
        self.allow = []
        self.expect_order = []
        self.__dict__.update(kw)


def judge(log, status, stopped=None, stderr="", **run):
    verdict = ktest.Verdict(FakeRun(**run), ktest.SUITE_ALLOW)
    cases = []
    for i, line in enumerate(textwrap.dedent(log).splitlines()):
        cases += verdict.feed(line, i * 0.01)
    more, failures = verdict.finish(status, stopped, stderr)
    return cases + more, [f[0] for f in failures], failures


PASSING = """\
[    0.1] Pagoda version 0.1
[    0.2] Boot complete.
KTAP version 1
1..1
ok 1 a
"""


class VerdictTest(unittest.TestCase):

    def test_clean_pass(self):
        cases, reasons, _ = judge(PASSING, 33)
        self.assertEqual(reasons, [])
        self.assertEqual([c.name for c in cases], ["a"])

    def test_failed_test_with_status_35(self):
        cases, reasons, _ = judge(PASSING.replace("ok 1 a", "not ok 1 a"), 35)
        self.assertEqual(reasons, [])
        self.assertEqual(cases[0].status, ktap.FAIL)

    def test_status_35_without_a_failing_case(self):
        _, reasons, _ = judge(PASSING, 35)
        self.assertEqual(reasons, ["kernel-reported-failure"])

    def test_status_33_with_a_failing_case(self):
        _, reasons, _ = judge(PASSING.replace("ok 1 a", "not ok 1 a"), 33)
        self.assertEqual(reasons, ["exit-status"])

    def test_panic_is_one_failure_not_a_cascade(self):
        log = """\
        [    0.1] Pagoda version 0.1
        [    0.2] Boot complete.
        KTAP version 1
        1..5
        ok 1 a
        [    0.3] Kernel panic - not syncing: Attempted to kill the idle task
        """
        _, reasons, failures = judge(log, 37)
        self.assertEqual(reasons, ["kernel-panic"])
        self.assertIn("Attempted to kill the idle task", failures[0][1])

    def test_panic_before_boot_complete(self):
        log = "[ 0.1] Pagoda version\n[ 0.2] Kernel panic - not syncing: no memory\n"
        _, reasons, _ = judge(log, 37)
        self.assertEqual(reasons, ["kernel-panic"])

    def test_oops_is_a_failure_even_if_tests_pass(self):
        log = PASSING + "[    0.5] Oops: 0002 [#1] SMP\n"
        _, reasons, _ = judge(log, 33)
        self.assertEqual(reasons, ["oops"])

    def test_triple_fault_exits_with_status_0(self):
        log = "[ 0.1] Pagoda version\n[ 0.2] Boot complete.\nKTAP version 1\n1..3\nok 1 a\n"
        _, reasons, _ = judge(log, 0)
        self.assertEqual(reasons, ["reset"])

    def test_qemu_error(self):
        _, reasons, failures = judge("", 1, stderr="qemu: could not load kernel")
        self.assertEqual(reasons, ["qemu-error"])
        self.assertIn("could not load kernel", failures[0][1])

    def test_boot_timeout(self):
        _, reasons, _ = judge("[ 0.1] Pagoda version\n", None, stopped="boot-timeout")
        self.assertEqual(reasons, ["boot-timeout"])

    def test_run_timeout(self):
        _, reasons, _ = judge(PASSING.replace("1..1", "1..2"), None, stopped="run-timeout")
        self.assertEqual(reasons, ["run-timeout"])

    def test_no_boot_complete(self):
        log = "[ 0.1] Pagoda version\nKTAP version 1\n1..1\nok 1 a\n"
        _, reasons, _ = judge(log, 33)
        self.assertEqual(reasons, ["no-boot-complete"])

    def test_missing_results(self):
        _, reasons, _ = judge(PASSING.replace("1..1", "1..2"), 33)
        self.assertEqual(reasons, ["missing-results"])

    def test_no_plan(self):
        _, reasons, _ = judge(PASSING.replace("1..1\n", ""), 33)
        self.assertEqual(reasons, ["no-plan"])

    def test_expect_patterns(self):
        log = PASSING + "Malformed value for parameter 'loglevel'\n" \
            "Unknown kernel command line parameter \"nosuchparam=1\", ignored\n"
        expect = [r"Malformed value for parameter 'loglevel'",
                  r"Unknown kernel command line parameter.*nosuchparam"]
        _, reasons, _ = judge(log, 33, expect=expect)
        self.assertEqual(reasons, [])
        _, reasons, failures = judge(PASSING, 33, expect=expect)
        self.assertEqual(reasons, ["expect"])
        self.assertIn("nosuchparam", failures[0][1])

    def test_forbid_pattern(self):
        # `allow` does not override `forbid`.
        _, reasons, _ = judge(PASSING + "WARNING: something\n", 33, forbid=[r"WARNING:"],
                              allow=[r"WARNING:"])
        self.assertEqual(reasons, ["forbid"])

    def test_no_long_mode_run(self):
        run = dict(ktap=False, boot_complete=False, crash_ok=True, expect_exit=37,
                   expect=[r"does not support 64-bit long mode"])
        log = "Pagoda: this CPU does not support 64-bit long mode\n"
        cases, reasons, _ = judge(log, 37, **run)
        self.assertEqual((cases, reasons), ([], []))
        _, reasons, _ = judge(log, 0, **run)
        self.assertEqual(reasons, ["exit-status"])
        _, reasons, _ = judge("", 37, **run)
        self.assertEqual(reasons, ["expect"])

    def test_halt_ok(self):
        log = "[ 0.1] Pagoda version\n[ 0.2] Boot complete.\n"
        _, reasons, _ = judge(log, None, stopped="halted", ktap=False, halt_ok=True,
                              expect=[r"Boot complete\."])
        self.assertEqual(reasons, [])

    def test_program_run_exit_status(self):
        log = "KTAP version 1\n1..1\nok 1 a\n"
        _, reasons, _ = judge(log, 0, kind="script", boot_complete=False)
        self.assertEqual(reasons, [])
        _, reasons, _ = judge(log, 2, kind="script", boot_complete=False)
        self.assertEqual(reasons, ["exit-status"])
        # A failing case explains a non-zero status by itself.
        _, reasons, _ = judge(log.replace("ok 1", "not ok 1"), 1, kind="script",
                              boot_complete=False)
        self.assertEqual(reasons, [])

    def test_boot_time_is_recorded(self):
        verdict = ktest.Verdict(FakeRun())
        verdict.feed("[    0.1] Pagoda version", 0.5)
        verdict.feed("[    0.2] Boot complete.", 1.25)
        self.assertEqual(verdict.boot_time, 1.25)


# A passing run with one suite open, to put kernel messages inside it.
IN_SUITE = """\
[    0.1] Pagoda version 0.1
[    0.2] Boot complete.
KTAP version 1
1..1
    KTAP version 1
    # Subtest: {suite}
    1..1
{inside}
    ok 1 a
ok 1 {suite}
"""


class ComplaintTest(unittest.TestCase):
    """BUG:, WARNING: and Bad page state fail a run unless allowed."""

    def test_bug_line_fails_a_passing_run(self):
        log = PASSING + "[    0.5] BUG: kfree: double free of 0xffff888000001000\n"
        _, reasons, failures = judge(log, 33)
        self.assertEqual(reasons, ["bug"])
        self.assertIn("double free", failures[0][1])
        self.assertIn('"allow"', failures[0][1])     # says how to permit it

    def test_warning_line_fails_a_passing_run(self):
        _, reasons, _ = judge(PASSING + "[ 0.5] WARNING: mm/slab.c:12: x\n", 33)
        self.assertEqual(reasons, ["warning"])

    def test_bad_page_state_fails_a_passing_run(self):
        for line in ("BUG: Bad page state: pfn:0x1234 flags:0x0 refcount:1: nonzero",
                     "Bad page state in process swapper  pfn:01234"):
            _, reasons, _ = judge(PASSING + f"[ 0.5] {line}\n", 33)
            self.assertEqual(reasons, ["bad-page"], line)

    def test_one_failure_per_reason(self):
        log = PASSING + "[ 0.5] BUG: one\n[ 0.6] BUG: two\n[ 0.7] WARNING: three\n"
        _, reasons, failures = judge(log, 33)
        self.assertEqual(reasons, ["bug", "warning"])
        self.assertIn("BUG: one", failures[0][1])

    def test_only_at_the_start_of_a_line(self):
        # KTAP diagnostics and messages that quote the words are no complaint.
        log = PASSING + "[ 0.5]     # slab: expected the log to contain 'BUG: kfree:'\n" \
            "[ 0.6] slab: printing WARNING: lines on purpose\n[ 0.7]   BUG: indented\n"
        _, reasons, _ = judge(log, 33)
        self.assertEqual(reasons, [])

    def test_only_printk_lines(self):
        # GRUB on UEFI says this before the kernel runs: not the kernel's.
        log = "WARNING: no console will be available to OS\n" + PASSING
        _, reasons, _ = judge(log, 33)
        self.assertEqual(reasons, [])

    def test_allow_permits_only_matching_lines(self):
        allow = [r"^WARNING: kernel/lkdtm\.c:\d+: 1$"]
        log = PASSING + "[ 0.5] WARNING: kernel/lkdtm.c:53: 1\n"
        _, reasons, _ = judge(log, 33, allow=allow)
        self.assertEqual(reasons, [])
        _, reasons, _ = judge(log + "[ 0.6] WARNING: mm/zone.c:9: 1\n", 33, allow=allow)
        self.assertEqual(reasons, ["warning"])
        _, reasons, _ = judge(log + "[ 0.6] BUG: kernel/lkdtm.c:53: 1\n", 33, allow=allow)
        self.assertEqual(reasons, ["bug"])

    def test_allow_for_a_bad_page_run(self):
        # The mechanism the plan's comment shows for a Bad page state run.
        log = PASSING + "[ 0.5] BUG: Bad page state: pfn:0x1234 flags:0x0 refcount:1: x\n"
        _, reasons, _ = judge(log, 33, allow=[r"^BUG: Bad page state: pfn:"],
                              expect=[r"Bad page state"])
        self.assertEqual(reasons, [])

    def test_crash_ok_still_needs_allow(self):
        log = "[ 0.1] Boot complete.\n[ 0.2] BUG: kernel NULL pointer dereference, " \
            "address: 0000000000000000\n[ 0.3] Oops: page fault\n"
        _, reasons, _ = judge(log, 37, ktap=False, crash_ok=True, expect_exit=37)
        self.assertEqual(reasons, ["bug"])
        _, reasons, _ = judge(log, 37, ktap=False, crash_ok=True, expect_exit=37,
                              allow=[r"^BUG: kernel NULL pointer dereference"])
        self.assertEqual(reasons, [])

    def test_suite_allowance_holds_only_inside_its_suite(self):
        bug = "[ 0.3] BUG: kfree: 0xffff888000001008 is not at an object boundary " \
            "in cache slab_test_dfree (slab 0x1, 64-byte slots from 0x2); ignored"
        inside = textwrap.dedent(IN_SUITE).format(suite="slab", inside=bug)
        _, reasons, _ = judge(inside, 33)
        self.assertEqual(reasons, [])
        other = textwrap.dedent(IN_SUITE).format(suite="buddy", inside=bug)
        _, reasons, _ = judge(other, 33)
        self.assertEqual(reasons, ["bug"])
        after = textwrap.dedent(IN_SUITE).format(suite="slab", inside="") + bug + "\n"
        _, reasons, _ = judge(after, 33)
        self.assertEqual(reasons, ["bug"])
        # Only the lines the suite prints on purpose.
        unexpected = textwrap.dedent(IN_SUITE).format(
            suite="slab", inside="[ 0.3] BUG: Bad page state: pfn:0x1")
        _, reasons, _ = judge(unexpected, 33)
        self.assertEqual(reasons, ["bad-page"])

    def test_host_programs_are_not_judged_by_kernel_complaints(self):
        log = "KTAP version 1\n1..1\n[ 0.1] WARNING: host libc says hi\nok 1 a\n"
        _, reasons, _ = judge(log, 0, kind="script", boot_complete=False)
        self.assertEqual(reasons, [])


class ExpectOrderTest(unittest.TestCase):

    TRACE = """\
    [ 0.1] Boot complete.
    [ 0.2] Call Trace:
    [ 0.3]  lkdtm_EXCEPTION+0x9/0x20
    [ 0.4]  lkdtm_run+0x83/0xa0
    [ 0.5]  start_kernel+0x4f8/0x667
    """

    def judge_trace(self, log):
        return judge(log, 37, ktap=False, crash_ok=True, expect_exit=37,
                     expect_order=ktest.BACKTRACE("lkdtm_EXCEPTION"))

    def test_direct_caller_present(self):
        _, reasons, _ = self.judge_trace(self.TRACE)
        self.assertEqual(reasons, [])

    def test_direct_caller_missing(self):
        # What a leaf function without a frame pointer gave.
        log = textwrap.dedent(self.TRACE).replace(" lkdtm_run+0x83/0xa0\n", "")
        _, reasons, failures = self.judge_trace(log)
        self.assertEqual(reasons, ["expect-order"])
        self.assertIn("lkdtm_run", failures[0][1])

    def test_wrong_order(self):
        lines = textwrap.dedent(self.TRACE).splitlines()
        lines[2], lines[3] = lines[3], lines[2]
        _, reasons, _ = self.judge_trace("\n".join(lines) + "\n")
        self.assertEqual(reasons, ["expect-order"])

    def test_halt_ok_waits_for_the_order_too(self):
        verdict = ktest.Verdict(FakeRun(expect_order=[r"a", r"b"]))
        verdict.feed("b")
        verdict.feed("a")
        self.assertFalse(verdict.all_expected_seen())
        verdict.feed("b")
        self.assertTrue(verdict.all_expected_seen())


class PlanTest(unittest.TestCase):

    def test_plan_regexes_compile(self):
        import re
        for run in ktest.expand_plan(ktest.PLANS["default"]):
            if run.kind == "qemu":
                for p in run.expect + run.forbid + run.allow + run.expect_order:
                    re.compile(p)

    def test_lkdtm_backtraces_name_the_direct_caller(self):
        # Every crash run whose backtrace starts in an lkdtm function (the
        # stack overflow's trace is all recursion, cut at its depth limit).
        names = ("2s/lkdtm-null", "2s/lkdtm-write-kern", "2s/lkdtm-exec-data",
                 "2s/lkdtm-bug", "2s/lkdtm-warning")
        runs = [r for r in ktest.expand_plan(ktest.PLANS["default"]) if r.name in names]
        self.assertEqual(len(runs), len(names))
        for run in runs:
            order = run.expect_order
            self.assertIn(r"^ lkdtm_run\+0x", order, run.name)
            self.assertIn(r"^ start_kernel\+0x", order, run.name)
            self.assertLess(order.index(r"^ lkdtm_run\+0x"),
                            order.index(r"^ start_kernel\+0x"), run.name)

    def test_lkdtm_runs_allow_what_they_provoke(self):
        # Each crash run allows its own BUG:/WARNING: lines, and nothing
        # broader than a line starting with a specific message.
        runs = {r.name: r for r in ktest.expand_plan(ktest.PLANS["default"])}
        for name in ("2s/lkdtm-null", "2s/lkdtm-write-kern", "2s/lkdtm-exec-data",
                     "2s/lkdtm-stack", "2s/lkdtm-warning"):
            self.assertTrue(runs[name].allow, name)
            for p in runs[name].allow:
                self.assertRegex(p, r"^\^(BUG|WARNING): \w", name)

    def test_default_plan_covers_every_topology(self):
        names = [r.name for r in ktest.expand_plan(ktest.PLANS["default"])]
        for topo in ktest.pq.list_topologies():
            self.assertIn(f"{topo}/kernel", names)
        for name in ("2s/bios", "2s/uefi", "gdb", "2s/bad-cmdline",
                     "2s/no-long-mode", "2s/long-cmdline"):
            self.assertIn(name, names)
        self.assertEqual(len(names), len(set(names)), "run names must be unique")

    # Without an initrd: its ktest.initrd_files word is tested in
    # test_mkinitrd.py, and depends on what the build made.
    @unittest.mock.patch.object(ktest.pq, "default_initrd", lambda: None)
    def test_long_command_line_keeps_ktest_words_first(self):
        run = [r for r in ktest.expand_plan(ktest.PLANS["default"])
               if r.name == "2s/long-cmdline"][0]
        cmdline = run.full_cmdline(ktest.pq.load_topology("2s"))
        self.assertGreaterEqual(len(cmdline), 3000)
        self.assertTrue(cmdline.startswith("ktest=all lock_debug=on "
                                           "ktest.mem_mb=2048 ktest.cpus=4 "
                                           "ktest.nodes=2 ktest.node_mem_mb=1024,1024 "
                                           "ktest.cpu_nodes=0,0,1,1 "
                                           "ktest.distances=10,21,21,10 "
                                           "ktest.hotplug_mb=none ktest.boot=kernel "
                                           "pagoda_padding=xxx"))

    def test_boot_timeouts_by_method(self):
        runs = {r.name: r for r in ktest.expand_plan(ktest.PLANS["default"])}
        self.assertEqual(runs["2s/kernel"].boot_timeout, ktest.BOOT_TIMEOUTS["kernel"])
        self.assertEqual(runs["2s/uefi"].boot_timeout, ktest.BOOT_TIMEOUTS["uefi"])
        self.assertFalse(runs["2s/no-long-mode"].ktap)
        self.assertTrue(runs["2s/kernel"].ktap)


class FilterTest(unittest.TestCase):
    """--filter: whole names, suites, and an error when nothing is selected."""

    SUITES = {"pgtable", "boot", "slab", "buddy"}

    def plan(self):
        return ktest.expand_plan(ktest.PLANS["default"])

    def select(self, *terms):
        runs, unmatched = ktest.select_runs(self.plan(), list(terms), self.SUITES)
        return {r.name: r for r in runs}, unmatched

    def test_whole_components(self):
        m = ktest.name_matches
        self.assertTrue(m("2s/kernel", "2s/kernel"))
        self.assertFalse(m("2s/kernel", "2s/kernelcore"))
        self.assertFalse(m("2s/kern", "2s/kernel"))
        self.assertTrue(m("2s", "2s/kernelcore"))
        self.assertFalse(m("2", "2s/kernel"))
        self.assertTrue(m("kernel", "uma/kernel"))
        self.assertFalse(m("kernel", "uma/kernelcore-tiny"))
        self.assertTrue(m("lkdtm-*", "2s/lkdtm-null"))
        self.assertTrue(m("gdb", "gdb"))
        self.assertTrue(m("host", "host/test_e820"))
        self.assertFalse(m("", "2s/kernel"))

    def test_run_name(self):
        runs, unmatched = self.select("2s/kernel")
        self.assertEqual((list(runs), unmatched), (["2s/kernel"], []))
        self.assertEqual(runs["2s/kernel"].cmdline, "ktest=all")    # unchanged

    def test_topology_prefix(self):
        runs, _ = self.select("2s")
        # Every run with a component "2s": the 2s/ runs, and linux/2s.
        expected = [r.name for r in self.plan() if "2s" in r.name.split("/")]
        self.assertEqual(list(runs), expected)
        self.assertIn("2s/kernelcore", runs)
        self.assertNotIn("uma/kernel", runs)

    def test_suite_runs_wherever_the_plan_runs_it(self):
        runs, unmatched = self.select("pgtable")
        self.assertEqual(unmatched, [])
        for topo in ktest.pq.list_topologies():
            self.assertEqual(runs[f"{topo}/kernel"].cmdline, "ktest=pgtable")
        self.assertEqual(runs["2s/uefi"].cmdline, "ktest=pgtable")
        self.assertEqual(runs["2s/bios"].boot, "bios")
        # A run that names the suite itself runs as the plan says.
        self.assertEqual(runs["highmem/gbpages"].cmdline, "gbpages ktest=pgtable")
        self.assertEqual(runs["highmem/gbpages"].expect,
                         [r for r in self.plan() if r.name == "highmem/gbpages"][0].expect)
        # Runs without the suite, or that never reach the tests, are left out.
        for name in ("2s/lkdtm-null", "uma/cma-zone", "2s/no-long-mode", "gdb"):
            self.assertNotIn(name, runs)

    def test_suite_in_an_explicit_list(self):
        runs, _ = self.select("slab")
        plan = {r.name: r for r in self.plan()}
        self.assertIn("slab", ktest.run_suites(plan["uma/cma-zone"]))
        self.assertEqual(runs["uma/cma-zone"].cmdline, plan["uma/cma-zone"].cmdline)
        self.assertEqual(runs["2s/kernel"].cmdline, "ktest=slab")

    def test_several_names(self):
        runs, _ = self.select("pgtable", "boot")
        self.assertEqual(runs["uma/kernel"].cmdline, "ktest=pgtable,boot")
        self.assertIn("2s/lkdtm-warning", runs)         # ktest=boot
        runs, _ = self.select("2s/kernel", "uma/kernel")
        self.assertEqual(sorted(runs), ["2s/kernel", "uma/kernel"])

    def test_name_wins_over_suite(self):
        runs, _ = self.select("2s/kernel", "pgtable")
        self.assertEqual(runs["2s/kernel"].cmdline, "ktest=all")
        self.assertEqual(runs["uma/kernel"].cmdline, "ktest=pgtable")

    def test_nothing_selected(self):
        runs, unmatched = self.select("pgtable", "uma/cma", "nosuch")
        self.assertEqual(unmatched, ["uma/cma", "nosuch"])
        message = ktest.filter_error(unmatched, self.plan(), self.SUITES)
        self.assertIn("'nosuch' selects no run", message)
        self.assertIn("uma/cma-zone", message)          # a hint for the prefix

    def test_known_suites_come_from_the_sources(self):
        suites = ktest.known_suites()
        self.assertTrue({"pgtable", "boot", "slab", "e820"} <= suites, suites)
        self.assertNotIn("sname", suites)           # the macro's own parameter

    def test_command_line_error(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        env = dict(os.environ, PAGODA_BUILD=tmp.name)
        proc = subprocess.run([sys.executable, str(ROOT / "tools" / "ktest"),
                               "--filter", "nosuchrun", "--list"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env, timeout=60)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("'nosuchrun' selects no run", proc.stderr)
        proc = subprocess.run([sys.executable, str(ROOT / "tools" / "ktest"),
                               "--filter", "pgtable", "--list"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("ktest=pgtable", proc.stdout)


class EndToEndTest(unittest.TestCase):
    """tools/ktest on host tests made up here: output format and exit status."""

    def run_ktest(self, scripts):
        with tempfile.TemporaryDirectory() as tmp:
            for name, body in scripts.items():
                path = Path(tmp) / name
                path.write_text("#!/bin/sh\n" + textwrap.dedent(body))
                path.chmod(0o755)
            (Path(tmp) / "test_not_executable").write_text("ignored")
            env = dict(os.environ, PAGODA_BUILD=str(Path(tmp) / "build"))
            proc = subprocess.run([sys.executable, str(ROOT / "tools" / "ktest"),
                                   "--plan", "none", "--host-tests", tmp, "-j", "2"],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True, env=env, timeout=60)
        return proc.returncode, proc.stdout.splitlines()

    def test_all_pass(self):
        status, lines = self.run_ktest({"test_a": """\
            echo 'KTAP version 1'; echo '1..2'; echo 'ok 1 one'
            echo 'ok 2 two # SKIP not here'
            """})
        self.assertEqual(status, 0, lines)
        self.assertIn("ok   host/test_a: one", lines)
        self.assertEqual(lines[-1], "1 passed, 0 failed, 1 skipped")

    def test_failures_and_crashes(self):
        status, lines = self.run_ktest({
            "test_a": "echo 'KTAP version 1'; echo '1..1'; echo '# why'; echo 'not ok 1 one'\n",
            "test_b": "echo 'KTAP version 1'; echo '1..3'; echo 'ok 1 x'\n",
            "test_c": "echo hello; exit 3\n",
        })
        self.assertEqual(status, 1)
        text = "\n".join(lines)
        self.assertIn("FAIL host/test_a: one", text)
        self.assertIn("     # why", text)
        self.assertIn("FAIL host/test_b.missing-results", text)
        self.assertIn("FAIL host/test_c.exit-status", text)
        self.assertIn("FAIL host/test_c.no-ktap", text)
        self.assertEqual(lines[-1], "1 passed, 4 failed")

    def test_timeout(self):
        ktest_timeout = ktest.PROGRAM_TIMEOUT
        self.assertGreater(ktest_timeout, 1)  # the real one is long; use a plan below
        with tempfile.TemporaryDirectory() as tmp:
            script = Path(tmp) / "hang"
            script.write_text("#!/bin/sh\necho 'KTAP version 1'\nsleep 30\n")
            script.chmod(0o755)
            run = ktest.Run({"name": "hang", "kind": "script", "command": [str(script)],
                             "timeout": 1})
            old = ktest.LOG_DIR
            ktest.LOG_DIR = Path(tmp)
            try:
                out = open(os.devnull, "w")
                reporter = ktest.Reporter(stream=out)
                ktest.execute(run, reporter)
                out.close()
            finally:
                ktest.LOG_DIR = old
            self.assertEqual(reporter.failed, 1)
            self.assertIn("run-timeout", (Path(tmp) / "hang.log").read_text())


if __name__ == "__main__":
    unittest.main()
