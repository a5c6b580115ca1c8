"""Linux 6.1's per-CPU page list sizes, checked against Linux itself.

mm/page_alloc_pcp.c computes each zone's pcp `batch` and `high` with the
rule below, and mm/pcp_test.c checks the C code against a sample of
Linux's figures.  This test checks the rule itself against every
`pagesets` entry Linux printed in tests/linux/*/zoneinfo.txt (every CPU
of every zone of every machine), with the node's CPUs from nodes.txt:

  batch = rounddown_pow2(1.5 q) - 1, q = max(1, min(managed/1024, 256)/4),
          at least 1
  high  = max(low / (CPUs of the zone's node, or all CPUs if none), 4 batch)

A rule that any of Linux's lines contradicts fails here, whatever
Pagoda does.
"""

import re
import unittest
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent.parent / "linux"


def rounddown_pow2(n):
    p = 1
    while p * 2 <= n:
        p *= 2
    return p


def batch_rule(managed):
    q = max(1, min(managed >> 10, (1 << 20) // 4096) // 4)
    return max(1, rounddown_pow2(q + q // 2) - 1)


def high_rule(low, batch, node_cpus, online):
    return max(low // (node_cpus or online), 4 * batch)


def cpulist(text):
    cpus = set()
    for part in filter(None, (p.strip() for p in text.split(","))):
        a, _, b = part.partition("-")
        cpus |= set(range(int(a), int(b or a) + 1))
    return cpus


def node_cpus(config):
    out = {}
    for line in (config / "nodes.txt").read_text().splitlines():
        m = re.match(r"node(\d+) cpulist: ?(.*)$", line)
        if m:
            out[int(m.group(1))] = len(cpulist(m.group(2)))
    return out


def zones(config):
    """[(node, zone, managed, low, [(batch, high) per CPU])]

    low is the low watermark without the boost: zoneinfo's low includes
    the zone's current watermark boost (Linux's low_wmark_pages()), which
    grew after boot, when high was computed (64cpu's node 0 DMA: boost 512).
    """
    out, cur = [], None
    for line in (config / "zoneinfo.txt").read_text().splitlines():
        m = re.match(r"Node (\d+), zone\s+(\w+)", line)
        if m:
            cur = [int(m.group(1)), m.group(2), None, None, []]
            out.append(cur)
            continue
        m = re.match(r"\s+(managed|low|boost)\s+(\d+)$", line)
        if m and cur is not None:
            if m.group(1) == "boost":
                cur.append(int(m.group(2)))
            else:
                cur[2 if m.group(1) == "managed" else 3] = int(m.group(2))
        if re.match(r"\s+cpu: \d+$", line):
            cur[4].append([None, None])
        m = re.match(r"\s+(batch|high):\s+(\d+)$", line)
        if m:
            cur[4][-1][1 if m.group(1) == "high" else 0] = int(m.group(2))
    for z in out:
        boost = z.pop() if len(z) > 5 else 0
        if z[3] is not None:
            z[3] -= boost
    return [z for z in out if z[4]]


class PcpGolden(unittest.TestCase):
    def test_every_pageset_follows_the_rule(self):
        checked = 0
        for config in sorted(p for p in GOLDEN.iterdir() if p.is_dir()):
            cpus = node_cpus(config)
            online = sum(cpus.values())
            for nid, zone, managed, low, sets in zones(config):
                # (numa=off: nodes.txt already shows one node, every CPU)
                batch = batch_rule(managed)
                high = high_rule(low, batch, cpus.get(nid, 0), online)
                for got in sets:
                    with self.subTest(config=config.name, node=nid, zone=zone):
                        self.assertEqual(tuple(got), (batch, high))
                    checked += 1
        self.assertGreater(checked, 500)    # 560 when written

    def test_rule_by_hand(self):
        # 2s, node 0 DMA32: 242462 managed pages -> 236 -> 59 -> 88 -> 63;
        # low 917 shared by 2 CPUs -> 458.
        self.assertEqual(batch_rule(242462), 63)
        self.assertEqual(high_rule(917, 63, 2, 4), 458)
        # A tiny zone: at least 1, and high at least 4 batches.
        self.assertEqual(batch_rule(469), 1)
        self.assertEqual(high_rule(3, 1, 0, 2), 4)


if __name__ == "__main__":
    unittest.main()
