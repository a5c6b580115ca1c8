"""Unit tests of the machine presets in tools/topologies and tools/pagoda_qemu.py.

Run from the repository root:
    python3 -m unittest discover -s tests/host -p 'test_*.py' -v

The first class checks the facts derived from the JSON files; the second
starts QEMU (paused, no kernel: about 0.1 s each) with every preset and asks
its monitor (`info numa`, `info mtree`) whether the machine QEMU built is the
one the facts describe.  It is skipped if QEMU is not installed.
"""

import re
import shutil
import subprocess
import sys
import unittest
import unittest.mock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import pagoda_qemu as pq  # noqa: E402

GiB = 1 << 30
MiB = 1 << 20


class TopologyFactsTest(unittest.TestCase):

    def test_required_presets_exist(self):
        for name in ("uma", "2s", "4n", "memless", "cpuless", "highmem", "hotplug"):
            self.assertIn(name, pq.list_topologies())
        self.assertEqual(pq.DEFAULT_TOPOLOGY, "2s")

    def test_every_preset_is_q35(self):
        for name in pq.list_topologies():
            topo = pq.load_topology(name)
            args = topo.qemu_args()
            self.assertEqual(args[args.index("-machine") + 1], "q35", name)

    def test_uma(self):
        t = pq.load_topology("uma")
        self.assertEqual(pq.ktest_params(t),
                         "ktest.mem_mb=1024 ktest.cpus=2 ktest.nodes=1 "
                         "ktest.node_mem_mb=1024 ktest.cpu_nodes=0,0 "
                         "ktest.distances=10 ktest.hotplug_mb=none")
        self.assertFalse(any(a == "-numa" for a in t.qemu_args()))

    def test_2s(self):
        t = pq.load_topology("2s")
        f = t.facts()
        self.assertEqual((f["mem_mb"], f["cpus"], f["nodes"]), (2048, 4, 2))
        self.assertEqual(f["node_cpus"], [[0, 1], [2, 3]])
        self.assertEqual(f["distances"], [[10, 21], [21, 10]])
        args = " ".join(t.qemu_args())
        self.assertIn("-numa cpu,node-id=1,socket-id=1", args)
        self.assertIn("-object memory-backend-ram,id=m1,size=1024M "
                      "-numa node,nodeid=1,memdev=m1", args)
        self.assertIn("-numa dist,src=0,dst=1,val=21", args)

    def test_4n_ring(self):
        d = pq.load_topology("4n").facts()["distances"]
        for a in range(4):
            self.assertEqual(d[a][a], 10)
            self.assertEqual(d[a][(a + 1) % 4], 16)
            self.assertEqual(d[a][(a + 3) % 4], 16)
            self.assertEqual(d[a][(a + 2) % 4], 22)

    def test_memless_and_cpuless(self):
        m = pq.load_topology("memless").facts()
        self.assertEqual(m["node_mem_mb"][1], 0)
        self.assertTrue(m["node_cpus"][1])
        self.assertIn("node,nodeid=1", pq.load_topology("memless").qemu_args())
        c = pq.load_topology("cpuless").facts()
        self.assertEqual(c["node_cpus"][1], [])
        self.assertGreater(c["node_mem_mb"][1], 0)

    def test_highmem_splits_node0_around_the_pci_hole(self):
        f = pq.load_topology("highmem").facts()
        self.assertEqual(f["mem_mb"], 6144)
        self.assertEqual(f["memory_ranges"], [(0, 0, 2 * GiB), (0, 4 * GiB, 5 * GiB),
                                              (1, 5 * GiB, 8 * GiB)])

    def test_hotplug_range(self):
        t = pq.load_topology("hotplug")
        self.assertIn("2048M,slots=4,maxmem=6144M", t.qemu_args())
        # 4 GiB of maxmem headroom + 1 GiB per slot, from 4 GiB, on node 1.
        self.assertEqual(t.hotplug_range(), (1, 4 * GiB, 12 * GiB))

    def test_64n_splits_at_2g(self):
        # 4 GiB of RAM: q35 keeps 2 GiB below the PCI hole, so nodes 0-31
        # are below 2 GiB and nodes 32-63 start at 4 GiB.
        f = pq.load_topology("64n").facts()
        self.assertEqual((f["nodes"], f["cpus"], f["mem_mb"]), (64, 4, 4096))
        r = f["memory_ranges"]
        self.assertEqual(len(r), 64)
        self.assertEqual(r[31], (31, 31 * 64 * MiB, 2 * GiB))
        self.assertEqual(r[32], (32, 4 * GiB, 4 * GiB + 64 * MiB))
        self.assertEqual(f["cpu_nodes"], [0, 1, 2, 3])

    def test_tiny_nodes(self):
        f = pq.load_topology("tiny-nodes").facts()
        self.assertEqual(f["node_mem_mb"], [256] + [2] * 16)
        self.assertEqual(f["memory_ranges"][1], (1, 256 * MiB, 258 * MiB))
        self.assertEqual(f["memory_ranges"][16], (16, 286 * MiB, 288 * MiB))

    def test_smp_matrix_has_1_2_4_8_and_64_cpus(self):
        # The SMP suites run on machines of each of these CPU counts.
        counts = {pq.load_topology(n).cpu_count() for n in pq.list_topologies()}
        self.assertLessEqual({1, 2, 4, 8, 64}, counts)

    def test_1cpu(self):
        t = pq.load_topology("1cpu")
        f = t.facts()
        self.assertEqual((f["cpus"], f["nodes"]), (1, 2))
        self.assertEqual(f["node_cpus"], [[0], []])
        self.assertIn("cpus=1,sockets=1,cores=1,threads=1", t.qemu_args())

    def test_smt_threads(self):
        t = pq.load_topology("smt")
        f = t.facts()
        self.assertIn("cpus=8,sockets=2,cores=2,threads=2", t.qemu_args())
        self.assertEqual(f["cpu_nodes"], [0, 0, 0, 0, 1, 1, 1, 1])
        # CPU 5: socket 1, core 0, thread 1 (QEMU's order: thread fastest).
        self.assertEqual(t.cpu_location(5), (1, 0, 1))
        self.assertEqual(f["cpu_apic_ids"], list(range(8)))
        self.assertIn("ktest.cpus=8 ", pq.ktest_params(t))
        self.assertIn("ktest.cpu_nodes=0*4,1*4 ", pq.ktest_params(t))

    def test_split_socket(self):
        t = pq.load_topology("split-socket")
        f = t.facts()
        self.assertEqual(f["node_cpus"], [[0, 1], [2, 3], [4, 5, 6, 7]])
        self.assertEqual(f["cpu_nodes"], [0, 0, 1, 1, 2, 2, 2, 2])
        args = t.qemu_args()
        cpu_opts = [args[i + 1] for i, a in enumerate(args)
                    if a == "-numa" and args[i + 1].startswith("cpu,")]
        self.assertEqual(cpu_opts, [
            "cpu,node-id=0,socket-id=0,core-id=0",
            "cpu,node-id=0,socket-id=0,core-id=1",
            "cpu,node-id=1,socket-id=0,core-id=2",
            "cpu,node-id=1,socket-id=0,core-id=3",
            "cpu,node-id=2,socket-id=1"])

    def test_split_cores_with_threads(self):
        # A core listed by a node brings all its threads.
        t = pq.Topology("x", {
            "smp": {"sockets": 1, "cores": 3, "threads": 2},
            "nodes": [{"id": 0, "mem_mb": 64, "cores": [[0, 0], [0, 2]]},
                      {"id": 1, "mem_mb": 64, "cores": [[0, 1]]}]})
        self.assertEqual(t.node_cpus(0), [0, 1, 4, 5])
        self.assertEqual(t.node_cpus(1), [2, 3])
        self.assertEqual(t.cpu_nodes(), [0, 0, 1, 1, 0, 0])
        # 3 cores need 2 bits: core 2 thread 1 is APIC ID 0b101.
        self.assertEqual(t.cpu_apic_ids(), [0, 1, 2, 3, 4, 5])
        t3 = pq.Topology("y", {"smp": {"sockets": 2, "cores": 3, "threads": 1},
                               "nodes": [{"id": 0, "mem_mb": 64, "sockets": [0, 1]}]})
        self.assertEqual(t3.cpu_apic_ids(), [0, 1, 2, 4, 5, 6])

    def test_apic_holes(self):
        # 3 cores need a 2-bit core field: APIC IDs 0 1 2 | 4 5 6.
        t = pq.load_topology("apic-holes")
        f = t.facts()
        self.assertEqual(f["cpu_apic_ids"], [0, 1, 2, 4, 5, 6])
        self.assertEqual(f["cpu_nodes"], [0, 0, 0, 1, 1, 1])
        self.assertIn("ktest.cpus=6 ", pq.ktest_params(t))

    def test_64cpu(self):
        t = pq.load_topology("64cpu")
        f = t.facts()
        self.assertEqual((f["cpus"], f["nodes"], f["mem_mb"]), (64, 64, 4096))
        self.assertEqual(f["cpu_nodes"], list(range(64)))
        self.assertEqual(f["distances"][5][5], 10)
        self.assertEqual(f["distances"][5][6], 20)
        words = pq.ktest_params(t)
        self.assertIn("ktest.cpus=64 ", words)
        self.assertIn("ktest.cpu_nodes=" + ",".join(map(str, range(64))) + " ", words)
        # The kernel's buffers: ktest_cpu_nodes[512], ktest_distances[1024].
        values = dict(w.split("=", 1) for w in words.split())
        self.assertLess(len(values["ktest.cpu_nodes"]), 512)
        self.assertLess(len(values["ktest.distances"]), 1024)
        self.assertLess(len(words), 1500)

    def test_bad_topologies_are_refused(self):
        bad = [
            {"smp": {"sockets": 2}, "nodes": [{"id": 0, "mem_mb": 1, "sockets": [0]}]},
            {"smp": {"sockets": 1}, "nodes": [{"id": 1, "mem_mb": 1, "sockets": [0]}]},
            {"smp": {"sockets": 1}, "nodes": [{"id": 0, "mem_mb": 1, "sockets": [0]}],
             "distances": [[10, 20]]},
            # a core given twice, as a core and inside its whole socket
            {"smp": {"sockets": 1, "cores": 2},
             "nodes": [{"id": 0, "mem_mb": 1, "sockets": [0]},
                       {"id": 1, "mem_mb": 1, "cores": [[0, 1]]}]},
            # a core nobody owns
            {"smp": {"sockets": 1, "cores": 2},
             "nodes": [{"id": 0, "mem_mb": 1, "cores": [[0, 0]]}]},
            # no such core
            {"smp": {"sockets": 1, "cores": 2},
             "nodes": [{"id": 0, "mem_mb": 1, "cores": [[0, 0], [0, 1], [0, 2]]}]},
        ]
        for data in bad:
            with self.assertRaises(pq.ToolError):
                pq.Topology("bad", data)
        with self.assertRaises(pq.ToolError):
            pq.load_topology("no-such-preset")

    def test_fact_lists_run_length(self):
        # Runs of three or more equal values shorten to v*n; shorter runs,
        # and matrices, are written out value by value, row by row.
        self.assertEqual(pq.format_fact([1024, 1024]), "1024,1024")
        self.assertEqual(pq.format_fact([64] * 5), "64*5")
        self.assertEqual(pq.format_fact([[10, 20, 20], [20, 10, 20],
                                         [20, 20, 10]]),
                         "10,20*3,10,20*3,10")
        self.assertEqual(pq.format_fact([0, 0, 1, 1, 1, 2]), "0,0,1*3,2")
        self.assertEqual(pq.format_fact("none"), "none")

    def test_64_nodes_fit_the_command_line(self):
        t = pq.load_topology("64n")
        words = pq.ktest_params(t)
        self.assertLess(len(words), 1500)
        self.assertIn("ktest.node_mem_mb=64*64", words)

    # Without an initrd: its ktest.initrd_files word is tested in
    # test_mkinitrd.py, and depends on what the build made.
    @unittest.mock.patch.object(pq, "default_initrd", lambda: None)
    def test_ktest_params_only_with_ktest(self):
        t = pq.load_topology("2s")
        self.assertEqual(pq.with_ktest_params("quiet", t), "quiet")
        self.assertEqual(pq.with_ktest_params("ktest=pgtable", t),
                         "ktest=pgtable lock_debug=on ktest.mem_mb=2048 ktest.cpus=4 "
                         "ktest.nodes=2 ktest.node_mem_mb=1024,1024 ktest.cpu_nodes=0,0,1,1 "
                         "ktest.distances=10,21,21,10 ktest.hotplug_mb=none")
        # A command line that chooses lock debugging keeps its choice.
        self.assertTrue(pq.with_ktest_params("ktest=a lock_debug=off", t)
                        .startswith("ktest=a lock_debug=off ktest.mem_mb="))

    def test_grub_quoting(self):
        self.assertEqual(pq.grub_quote_cmdline("ktest=all  a=$x;b"),
                         "ktest=all a=\\$x\\;b")


def monitor(args, commands):
    """Start QEMU paused with `args`, run monitor commands, return the output."""
    argv = [pq.QEMU, "-S", "-display", "none", "-nodefaults", "-monitor", "stdio"] + args
    text = "".join(c + "\n" for c in commands) + "quit\n"
    proc = subprocess.run(argv, input=text, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=60)
    if proc.returncode != 0:
        raise AssertionError(f"QEMU refused the preset:\n{proc.stdout}")
    return proc.stdout


def ram_ranges(mtree, backend):
    """Merged guest-physical RAM ranges of one memory backend, from `info mtree -f`.

    The legacy area 0xc0000-0x100000 (option ROMs, BIOS) is counted as RAM so
    that the result compares with Topology.memory_ranges()."""
    found = []
    for m in re.finditer(r"^\s*([0-9a-f]+)-([0-9a-f]+) \(prio \d+, ram\): (\S+)",
                         mtree, re.M):
        if m.group(3) == backend:
            found.append((int(m.group(1), 16), int(m.group(2), 16) + 1))
    merged = []
    for start, end in sorted(set(found)):
        if merged and (start <= merged[-1][1] or
                       (merged[-1][1] == 0xc0000 and start == 0x100000)):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@unittest.skipUnless(shutil.which(pq.QEMU), "QEMU is not installed")
class TopologyInQemuTest(unittest.TestCase):

    def test_every_preset_starts_and_matches_its_facts(self):
        for name in pq.list_topologies():
            with self.subTest(topology=name):
                topo = pq.load_topology(name)
                out = monitor(topo.qemu_args(), ["info numa", "info mtree -f"])
                tree = monitor(topo.qemu_args(), ["info mtree"])
                facts = topo.facts()
                nodes = int(re.search(r"^(\d+) nodes", out, re.M).group(1))
                if not topo.numa:
                    self.assertEqual(nodes, 0)      # QEMU's way to say "no NUMA"
                    self.assertEqual(ram_ranges(out, "pc.ram"),
                                     [(0, facts["mem_mb"] * MiB)])
                    continue
                self.assertEqual(nodes, len(topo.nodes))
                for node in topo.nodes:
                    i = node["id"]
                    cpus = re.search(rf"^node {i} cpus:(.*)$", out, re.M).group(1)
                    self.assertEqual([int(c) for c in cpus.split()], facts["node_cpus"][i])
                    size = re.search(rf"^node {i} size: (\d+) MB", out, re.M).group(1)
                    self.assertEqual(int(size), node["mem_mb"])
                    expected = [(s, e) for n, s, e in facts["memory_ranges"] if n == i]
                    if node["mem_mb"]:
                        self.assertEqual(ram_ranges(out, f"m{i}"), expected)
                hot = facts["hotplug_range"]
                window = re.search(r"^\s*([0-9a-f]+)-([0-9a-f]+) \(prio \d+, i/o\): "
                                   r"device-memory", tree, re.M)
                if hot:
                    self.assertEqual((int(window.group(1), 16), int(window.group(2), 16) + 1),
                                     hot[1:])
                else:
                    self.assertIsNone(window)


if __name__ == "__main__":
    unittest.main()
