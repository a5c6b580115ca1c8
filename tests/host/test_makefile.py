"""Unit tests of the build's plumbing: the Makefile's stamp files and rules,
and how tools/run-qemu and tools/debug choose their images and exit status.

Run from the repository root:
    python3 -m unittest discover -s tests/host -p 'test_*.py' -v

Nothing is compiled and no machine is booted: the Makefile is run on a copy
of the source tree with targets that need no compiler (its stamp files) and
asked for its rules database (make -p); run-qemu meets a fake QEMU that
only exits with a given status.  About a second in all.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import pagoda_qemu as pq  # noqa: E402

# What the Makefile needs to parse and to list the kernel's sources.
TREE = ["Makefile", "linker.ld", "boot", "arch", "mm", "kernel", "lib", "drivers",
        "tests/host", "tools"]


# A make of our own, not a sub-make of whatever runs these tests (`make
# test` does): the parent's jobserver and flags must not leak in.
CLEAN_ENV = {k: v for k, v in os.environ.items()
             if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}


def make(tree, *args):
    """Run make in `tree`; return (status, stdout+stderr)."""
    proc = subprocess.run(["make", "--no-print-directory", *args], cwd=tree,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=60, env=CLEAN_ENV)
    return proc.returncode, proc.stdout


def rules(tree, *args):
    """The Makefile's rules database: {target: [prerequisites]}."""
    _, out = make(tree, "-p", "-q", "-r", *args, "no-such-target-xyz")
    deps = {}
    for line in out.splitlines():
        m = re.match(r"^([^#\s=:][^=:]*?):\s*(.*)$", line)
        if m and not line.startswith("\t") and ":=" not in line:
            deps.setdefault(m.group(1), []).extend(m.group(2).split())
    return deps


@unittest.skipUnless(shutil.which("make"), "make is not installed")
class MakefileTest(unittest.TestCase):

    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.tree = Path(tmp.name)
        for name in TREE:
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, self.tree / name,
                                ignore=shutil.ignore_patterns("__pycache__", "build"))
            else:
                shutil.copy2(src, self.tree / name)

    def stamp(self, name, *args):
        status, out = make(self.tree, f"build/{name}", *args)
        self.assertEqual(status, 0, out)
        path = self.tree / "build" / name
        return path.read_text(), path.stat().st_mtime_ns

    def test_cmdline_stamp_changes_only_with_the_command_line(self):
        text, t1 = self.stamp("cmdline.txt", "CMDLINE=loglevel=8")
        self.assertEqual(text, "loglevel=8\n")
        os.utime(self.tree / "build" / "cmdline.txt", ns=(t1 - 10**9, t1 - 10**9))
        _, t2 = self.stamp("cmdline.txt", "CMDLINE=loglevel=8")
        self.assertEqual(t2, t1 - 10**9, "rewritten although unchanged")
        text, t3 = self.stamp("cmdline.txt", 'CMDLINE=ktest=all x="a b" $$HOME')
        self.assertEqual(text, 'ktest=all x="a b" $HOME\n')     # no shell on the way
        self.assertGreater(t3, t2)
        text, _ = self.stamp("cmdline.txt")
        self.assertEqual(text, "\n")

    def test_object_list_follows_the_sources(self):
        text, t1 = self.stamp("objects.list")
        self.assertIn("build/obj/mm/pgtable.o", text.split())
        self.assertIn("build/obj/boot/head32.o", text.split())
        os.utime(self.tree / "build" / "objects.list", ns=(t1 - 10**9, t1 - 10**9))
        (self.tree / "mm" / "zz_new.c").write_text("int zz_new;\n")
        text, t2 = self.stamp("objects.list")
        self.assertIn("build/obj/mm/zz_new.o", text.split())
        self.assertGreater(t2, t1 - 10**9)
        (self.tree / "mm" / "zz_new.c").unlink()
        text, _ = self.stamp("objects.list")
        self.assertNotIn("build/obj/mm/zz_new.o", text.split())

    def test_flags_stamp(self):
        text, _ = self.stamp("kflags.txt")
        self.assertIn("-mno-omit-leaf-frame-pointer", text)
        text2, _ = self.stamp("kflags.txt", "CROSS_COMPILE=x86_64-elf-")
        self.assertNotEqual(text, text2)

    def test_dependencies(self):
        deps = rules(self.tree)
        # The link depends on the list of objects, not only on each object.
        self.assertIn("build/objects.list", deps["build/kernel.elf"])
        self.assertIn("build/objects.list", deps["build/kernel.pass1.elf"])
        self.assertIn("build/cmdline.txt", deps["build/pagoda.iso"])
        self.assertIn("build/kernel", deps["build/pagoda.iso"])
        # Both pattern rules (.c and .S) depend on the compiler's flags.
        self.assertEqual(deps["build/obj/%.o"].count("build/kflags.txt"), 2)
        self.assertIn("%.c", deps["build/obj/%.o"])
        self.assertIn("%.S", deps["build/obj/%.o"])

    def test_link_names_only_current_objects(self):
        # A stale object left in build/obj must not reach the linker: the
        # link command names $(KOBJS), made from the sources that exist.
        (self.tree / "build" / "obj" / "mm").mkdir(parents=True)
        (self.tree / "build" / "obj" / "mm" / "gone.o").write_text("")
        _, out = make(self.tree, "-n", "-o", "build/ksyms0.o", "build/kernel.pass1.elf")
        link = [line for line in out.splitlines()
                if " -T linker.ld -o build/kernel.pass1.elf " in line]
        self.assertEqual(len(link), 1, out[-2000:])
        self.assertNotIn("gone.o", link[0])
        self.assertIn("build/obj/mm/pgtable.o", link[0])

    def test_debug_and_run_pass_the_boot_method(self):
        _, out = make(self.tree, "-p", "-q", "no-such-target-xyz")
        for target, tool in (("debug", "tools/debug"), ("run", "tools/run-qemu")):
            recipe = re.search(rf"^{target}:.*\n(?:#.*\n)*((?:\t.*\n)+)", out, re.M)
            self.assertIsNotNone(recipe, target)
            line = [l for l in recipe.group(1).splitlines() if tool in l]
            self.assertEqual(len(line), 1, recipe.group(1))
            self.assertIn("--boot $(BOOT)", line[0])

    def test_compdb_suits_clangd(self):
        # clang refuses -mnop-mcount on x86: clangd would fail on every file.
        status, out = make(self.tree, "compile_commands.json")
        self.assertEqual(status, 0, out)
        text = (self.tree / "compile_commands.json").read_text()
        self.assertIn("-mno-omit-leaf-frame-pointer", text)
        self.assertNotIn("-mnop-mcount", text)

    def test_sub_makes_share_the_job_slots(self):
        # A sub-make that forced -j again would say "resetting jobserver
        # mode" and run twice as many jobs.  (-n runs sub-makes dry too.)
        status, out = make(self.tree, "-n", "test")
        self.assertEqual(status, 0, out[-2000:])
        self.assertIn("kernel host-tests", out)
        self.assertNotIn("jobserver", out)

    def test_parallel_by_default(self):
        _, out = make(self.tree, "-p", "-q", "no-such-target-xyz")
        flags = re.search(r"^MAKEFLAGS :?= (.*)$", out, re.M)
        self.assertIsNotNone(flags, "MAKEFLAGS not in the database")
        self.assertRegex(flags.group(1), r"(^|\s)-j\d+")


class FakeQemu:
    """A qemu-system-x86_64 in PATH that exits with a chosen status."""

    def __init__(self, test, status):
        tmp = tempfile.TemporaryDirectory()
        test.addCleanup(tmp.cleanup)
        self.dir = Path(tmp.name)
        qemu = self.dir / "bin" / pq.QEMU
        qemu.parent.mkdir()
        qemu.write_text(f"#!/bin/sh\necho \"$@\" > {self.dir}/argv\nexit {status}\n")
        qemu.chmod(0o755)
        (self.dir / "build").mkdir()
        (self.dir / "build" / "kernel").write_bytes(b"\0" * 64)
        self.env = dict(os.environ, PATH=f"{qemu.parent}:{os.environ['PATH']}",
                        PAGODA_BUILD=str(self.dir / "build"))

    def run(self, *args):
        proc = subprocess.run([sys.executable, str(ROOT / "tools" / "run-qemu"), *args],
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=self.env,
                              timeout=60)
        return proc.returncode, proc.stderr


class RunQemuTest(unittest.TestCase):

    def test_explain_exit(self):
        # The kernel writes v to port 0xf4; QEMU exits with (v << 1) | 1
        # (arch/x86/boot_layout.h: 0x10 pass, 0x11 fail, 0x12 panic).
        self.assertEqual(pq.explain_exit((0x10 << 1) | 1), ("ktest: all passed", 0))
        self.assertEqual(pq.explain_exit((0x11 << 1) | 1)[1], 1)
        self.assertIn("panic", pq.explain_exit((0x12 << 1) | 1)[0])
        self.assertEqual(pq.explain_exit((0x12 << 1) | 1)[1], 1)
        self.assertEqual(pq.explain_exit(0)[1], 0)
        self.assertEqual(pq.explain_exit(1), ("QEMU exited with status 1", 1))
        self.assertEqual(pq.explain_exit(-9)[1], 128 + 9)

    def test_all_passed_is_status_0_with_a_sentence(self):
        status, err = FakeQemu(self, 33).run("--cmdline", "ktest=boot")
        self.assertEqual(status, 0, err)
        self.assertIn("run-qemu: ktest: all passed", err)

    def test_failures_and_panics_are_status_1(self):
        for qemu_status, words in ((35, "some tests failed"), (37, "panicked")):
            status, err = FakeQemu(self, qemu_status).run("--cmdline", "ktest=boot")
            self.assertEqual(status, 1, err)
            self.assertIn(words, err)

    def test_raw_status(self):
        status, _ = FakeQemu(self, 33).run("--raw-status", "--cmdline", "ktest=boot")
        self.assertEqual(status, 33)

    def test_images_of_their_own(self):
        fake = FakeQemu(self, 0)
        out = subprocess.run([sys.executable, str(ROOT / "tools" / "run-qemu"),
                              "--dry-run", "--boot", "bios"], stdout=subprocess.PIPE,
                             text=True, env=fake.env, check=True).stdout
        self.assertIn(str(fake.dir / "build" / "run.iso"), out)
        self.assertNotIn("pagoda.iso", out)
        out = subprocess.run([sys.executable, str(ROOT / "tools" / "debug"),
                              "--dry-run", "--boot", "bios", "--cmdline", "ktest=boot"],
                             stdout=subprocess.PIPE, text=True, env=fake.env,
                             check=True).stdout
        self.assertIn(str(fake.dir / "build" / "debug.iso"), out)
        self.assertNotIn("pagoda.iso", out)


if __name__ == "__main__":
    unittest.main()
