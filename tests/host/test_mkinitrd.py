"""Host tests for tools/mkinitrd (the newc writer) and the boot tools'
initrd plumbing (tools/pagoda_qemu.py).

The archive is read back by a reader written here from the format's
definition (not by mkinitrd's own parse()), and, when GNU cpio is
installed, cross-checked with `cpio -it`: a second, independent reader.
"""

import importlib.machinery
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import unittest.mock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import pagoda_qemu as pq  # noqa: E402


def load_mkinitrd():
    loader = importlib.machinery.SourceFileLoader(
        "mkinitrd", str(ROOT / "tools" / "mkinitrd"))
    spec = importlib.util.spec_from_loader("mkinitrd", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def read_newc(blob):
    """(name, mode, data) of each member before TRAILER!!!, and the
    offset just after the trailer; asserts the 4-byte alignment rules."""
    out, off = [], 0
    while True:
        assert off % 4 == 0, f"header at {off} not 4-aligned"
        assert blob[off:off + 6] == b"070701", f"magic at {off}"
        field = lambda i: int(blob[off + 6 + 8 * i:off + 14 + 8 * i], 16)
        mode, size, namesize = field(1), field(6), field(11)
        name = blob[off + 110:off + 110 + namesize]
        assert name.endswith(b"\0") and b"\0" not in name[:-1]
        data_off = (off + 110 + namesize + 3) & ~3
        if name[:-1] == b"TRAILER!!!":
            return out, data_off
        out.append((name[:-1].decode(), mode, blob[data_off:data_off + size]))
        off = (data_off + size + 3) & ~3


class MkinitrdTest(unittest.TestCase):
    def setUp(self):
        self.mk = load_mkinitrd()
        self.tmp = Path(tempfile.mkdtemp(prefix="pagoda-mkinitrd-"))
        self.addCleanup(shutil.rmtree, self.tmp)
        # Sizes 0..5 cover every padding remainder, plus a larger one.
        self.files = {}
        for n in range(6):
            p = self.tmp / f"prog{n}"
            p.write_bytes(bytes(range(n)))
            self.files[p.name] = p
        big = self.tmp / "big"
        big.write_bytes(os.urandom(70001))
        self.files["big"] = big
        self.out = self.tmp / "initrd.cpio"
        subprocess.run([sys.executable, str(ROOT / "tools" / "mkinitrd"),
                        "--out", str(self.out)]
                       + [str(p) for p in self.files.values()], check=True)
        self.blob = self.out.read_bytes()

    def test_reads_back(self):
        members, end = read_newc(self.blob)
        self.assertEqual(end, len(self.blob))
        self.assertEqual(members[0][0], "bin")
        self.assertEqual(members[0][1], 0o040755)
        got = {name: (mode, data) for name, mode, data in members[1:]}
        self.assertEqual(set(got), {f"bin/{n}" for n in self.files})
        for name, path in self.files.items():
            mode, data = got[f"bin/{name}"]
            self.assertEqual(mode, 0o100755)
            self.assertEqual(data, path.read_bytes())

    def test_reproducible(self):
        again = self.tmp / "again.cpio"
        subprocess.run([sys.executable, str(ROOT / "tools" / "mkinitrd"),
                        "--out", str(again)]
                       + [str(p) for p in self.files.values()], check=True)
        self.assertEqual(again.read_bytes(), self.blob)

    def test_own_parser_refuses_truncation(self):
        self.assertEqual(len(self.mk.parse(self.blob)), len(self.files) + 1)
        for cut in (0, 1, 109, 110, 200, len(self.blob) - 1):
            with self.assertRaises(ValueError):
                self.mk.parse(self.blob[:cut])

    def test_gnu_cpio_agrees(self):
        cpio = shutil.which("cpio")
        if cpio is None:
            self.skipTest("GNU cpio is not installed (Debian package cpio): "
                          "no independent reader to cross-check with")
        listing = subprocess.run([cpio, "-it", "--quiet"], input=self.blob,
                                 stdout=subprocess.PIPE, check=True).stdout
        self.assertEqual(listing.decode().split(),
                         ["bin"] + [f"bin/{n}" for n in self.files])
        dest = self.tmp / "x"
        dest.mkdir()
        subprocess.run([cpio, "-idm", "--quiet"], input=self.blob, cwd=dest,
                       check=True)
        for name, path in self.files.items():
            self.assertEqual((dest / "bin" / name).read_bytes(),
                             path.read_bytes())


class QemuInitrdTest(unittest.TestCase):
    def test_initrd_only_for_pagoda_image(self):
        topo = pq.load_topology("2s")
        argv = pq.qemu_command(topo, "kernel", "", check_files=False,
                               initrd=Path("/x/initrd.cpio"))
        self.assertEqual(argv[argv.index("-initrd") + 1], "/x/initrd.cpio")
        argv = pq.qemu_command(topo, "kernel", "", check_files=False,
                               initrd=None)
        self.assertNotIn("-initrd", argv)
        # Another kernel (tools/linux-oracle) never gets Pagoda's initrd.
        argv = pq.qemu_command(topo, "kernel", "", check_files=False,
                               kernel=Path("/x/bzImage"))
        self.assertNotIn("-initrd", argv)

    def test_ktest_word_only_with_an_initrd(self):
        topo = pq.load_topology("2s")
        with unittest.mock.patch.object(pq, "default_initrd", lambda: None):
            self.assertNotIn("ktest.initrd_files=",
                             pq.with_ktest_params("ktest=initrd", topo))
        with unittest.mock.patch.object(pq, "default_initrd",
                                        lambda: Path("rd")), \
             unittest.mock.patch.object(pq, "initrd_expected_files",
                                        lambda rd: "hello:10,init:20"):
            words = pq.with_ktest_params("ktest=initrd", topo).split()
            self.assertIn("ktest.initrd_files=hello:10,init:20", words)
            # Never on a command line that runs no tests.
            self.assertEqual(pq.with_ktest_params("quiet", topo), "quiet")

    def test_expected_files_come_from_user_sources(self):
        with tempfile.TemporaryDirectory() as build:
            old = os.environ.get("PAGODA_BUILD")
            os.environ["PAGODA_BUILD"] = build
            try:
                names = sorted(p.stem for p in (ROOT / "user").glob("*.c"))
                (Path(build) / "user").mkdir()
                for i, name in enumerate(names):
                    (Path(build) / "user" / name).write_bytes(b"x" * (i + 7))
                self.assertIsNone(pq.initrd_expected_files(None))
                want = ",".join(f"{n}:{i + 7}" for i, n in enumerate(names))
                self.assertEqual(pq.initrd_expected_files(Path("rd")), want)
                (Path(build) / "user" / names[0]).unlink()
                self.assertIsNone(pq.initrd_expected_files(Path("rd")))
            finally:
                if old is None:
                    del os.environ["PAGODA_BUILD"]
                else:
                    os.environ["PAGODA_BUILD"] = old


if __name__ == "__main__":
    unittest.main()
