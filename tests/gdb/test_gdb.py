#!/usr/bin/env python3
"""test_gdb.py: check that students can debug the kernel with gdb.

Drives the real gdb, in batch mode, against the real kernel under QEMU (the
default topology, `-kernel` boot, TCG, serial console to a file), with the
same tools/gdb/pagoda.gdb that `make debug` uses:

  1. gdb stops at start_kernel on the hardware breakpoint;
  2. `bt` names start_kernel;
  3. `info registers rip` shows a higher-half address (>= 0xffffffff80000000);
  4. pagoda-ptwalk on rip finds the page that holds it;
  5. `print pagoda_banner` gives the banner the kernel then prints as its
     first line on the serial console;
  6. the memory-manager commands (pagoda-zoneinfo, pagoda-page,
     pagoda-numa), asked before the memory manager exists, say so (a gdb
     error, no Python traceback anywhere in the session);
then gdb runs on to a hardware breakpoint on mm_report_boot(), the last
step of start_kernel before the kernel prints the reports it was asked
for with mm_report=buddyinfo,zoneinfo.  Nothing allocates between that
breakpoint and the kernel's show_buddyinfo()/show_zoneinfo(), so
  7. pagoda-buddyinfo prints exactly the kernel's buddyinfo lines;
  8. pagoda-zoneinfo prints exactly the kernel's zoneinfo block, and
     `pagoda-zoneinfo 1` node 1's part of it;
  9. pagoda-page of the pfn of start_kernel (its address from `nm`, minus
     0xffffffff80000000) says PG_reserved, node 0;
 10. pagoda-page of the first block on node 1's DMA32 order-10 Movable free
     list (found with a plain gdb expression) says PG_buddy, order 10, that
     pfn, node 1 (the topology puts node 1's memory at 1-2 GiB), DMA32 and
     a Movable pageblock;
 11. pagoda-numa's `numactl --hardware` view equals the one the kernel
     prints at boot;
 12. pagoda-numa's nodes, distances, CPU -> node map and memory blocks are
     the topology file's;
gdb detaches and lets the kernel boot, and
 13. a second gdb attached after "Boot complete." finds the banner in the
     log buffer with pagoda-dmesg.
A second QEMU boots with `panic=halt lkdtm=EXCEPTION` (a NULL pointer
write in lkdtm_EXCEPTION(), called by lkdtm_run() from start_kernel());
gdb stops on a hardware breakpoint on die(), the fatal-trap path that
ends in panic(), and
 14. `bt` lists die/do_trap, then lkdtm_EXCEPTION, lkdtm_run and
     start_kernel, in that order, with no `??` frame before start_kernel:
     gdb unwinds through the trap entry (arch/x86/entry.S's call-frame
     information) into the interrupted code;
 15. in lkdtm_EXCEPTION's frame the unwound RIP and RSP equal the values
     the CPU saved in struct pt_regs (regs->rip, regs->rsp, read from
     memory by gdb, not unwound).

Prints KTAP, one result per check; exits 0 only if all pass.  QEMU is killed
in every case; every step has a timeout.  Run from anywhere:
    tests/gdb/test_gdb.py
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import ktap  # noqa: E402
import pagoda_qemu as pq  # noqa: E402

HIGHER_HALF = 0xffffffff80000000
VMEMMAP = 0xffffea0000000000       # struct page of pfn N is vmemmap[N]
BOOT_COMPLETE = "Boot complete."
GDB_TIMEOUT = 60            # seconds for gdb to reach start_kernel and check
BOOT_TIMEOUT = 30           # seconds from detach to "Boot complete."
# A CMA area of MIGRATE_CMA pageblocks, so zoneinfo's `cma` line counts
# pages inside a normal zone (the case gdb once printed as 0).
CMDLINE = "mm_report=buddyinfo,zoneinfo cma=64M cma_policy=migratetype"
# The panic boot: a kernel-mode page fault, then panic() and halt.
PANIC_CMDLINE = "panic=halt lkdtm=EXCEPTION"
# bt's frames, from the interrupted code back: their function names in order.
PANIC_CALLERS = ["lkdtm_EXCEPTION", "lkdtm_run", "start_kernel"]
# Node 1's first free order-10 block on the Movable list of its DMA32 zone,
# as a struct page pointer (container_of in gdb's own expression language).
FREE_HEAD = ("((struct page *)((char *)node_data[1]->node_zones[ZONE_DMA32]"
             ".free_area[10].free_list[MIGRATE_MOVABLE].next"
             " - (unsigned long)&((struct page *)0)->lru))")
CHECKS = ["stops_at_start_kernel", "bt_names_start_kernel", "rip_is_higher_half",
          "ptwalk_finds_rip", "banner_matches_serial", "mm_commands_before_mm_init",
          "buddyinfo_matches_serial", "zoneinfo_matches_serial",
          "page_of_kernel_image", "page_of_free_block", "numa_matches_serial",
          "numa_matches_topology", "dmesg_shows_banner", "bt_through_trap",
          "unwound_regs_match_pt_regs"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_gdb(port, commands, timeout, nowait=False):
    """Run gdb in batch mode with pagoda.gdb, then `commands`.

    Returns (all output, startup output, {command: its output}): each
    command's output follows a marker line "@@N", so that the answers can
    be told apart.
    """
    argv = ["gdb", "-batch", "-nx", "-ex", f"set $pagoda_port = {port}",
            "-ex", f'set $pagoda_elf = "{pq.kernel_elf()}"']
    if nowait:
        argv += ["-ex", "set $pagoda_nowait = 1"]
    argv += ["-x", "tools/gdb/pagoda.gdb"]
    for i, command in enumerate(commands):
        argv += ["-ex", f"echo @@{i}\\n", "-ex", command]
    proc = subprocess.run(argv, cwd=ROOT, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=timeout)
    parts, current = {-1: []}, -1
    for line in proc.stdout.splitlines():
        m = re.fullmatch(r"@@(\d+)", line)
        if m:
            current = int(m.group(1))
            parts[current] = []
        else:
            parts[current].append(line)
    assert len(set(commands)) == len(commands), "answers are keyed by command"
    answers = {c: "\n".join(parts.get(i, [])) for i, c in enumerate(commands)}
    return proc.stdout, "\n".join(parts[-1]), answers


def first_banner(serial_log):
    """The first line the kernel printed that holds the banner, cleaned."""
    if not serial_log.exists():
        return None
    for raw in serial_log.read_text(errors="replace").splitlines():
        line = ktap.clean_line(raw)
        if "Pagoda version" in line:
            return line.rstrip()
    return None


def serial_lines(serial_log):
    if not serial_log.exists():
        return []
    return [ktap.clean_line(raw)
            for raw in serial_log.read_text(errors="replace").splitlines()]


def symbol_address(name):
    """A symbol's address from the ELF symbol table, by nm (not by gdb)."""
    nm = os.environ.get("CROSS_COMPILE", "") + "nm"
    out = subprocess.run([nm, str(pq.kernel_elf())], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True, timeout=20).stdout
    for line in out.splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[2] == name:
            return int(fields[0], 16)
    return None


BUDDY_RE = re.compile(r"Node \d+, zone +\S+ (?: *\d+ ){11}")


def serial_buddyinfo(lines):
    return [line for line in lines if BUDDY_RE.fullmatch(line)]


def serial_zoneinfo(lines):
    """The kernel's zoneinfo block: from the first zone header without
    counts, zone headers and their indented fields (an empty zone's end
    at its protection line, so the block need not end with start_pfn)."""
    heads = [i for i, line in enumerate(lines)
             if re.fullmatch(r"Node \d+, zone +\S+", line)]
    if not heads:
        return []
    block = []
    for line in lines[heads[0]:]:
        if not (line.startswith(" ") or
                re.fullmatch(r"Node \d+, zone +\S+", line)):
            break
        block.append(line)
    return block


def serial_numactl(lines):
    """The `numactl --hardware` view: "available:" to the last distance row."""
    start = next((i for i, line in enumerate(lines)
                  if line.startswith("available:")), None)
    if start is None:
        return []
    block = []
    for line in lines[start:]:
        if block and block[-1] != "node distances:" and not re.match(
                r"(node |available|\s*\d+: )", line):
            break
        block.append(line)
    return block


def check_numa_topology(text, topo):
    """pagoda-numa against the topology's facts; returns problems."""
    facts = topo.facts()
    problems = []
    online = re.search(r"^available: (\d+) nodes", text, re.M)
    if not online or int(online.group(1)) != facts["nodes"]:
        problems.append(f"expected {facts['nodes']} nodes online")
    rows = {int(m.group(1)): [int(x) for x in m.group(2).split()]
            for m in re.finditer(r"^ *(\d+): ((?: +\d+)+) *$", text, re.M)}
    if [rows.get(n) for n in range(facts["nodes"])] != facts["distances"]:
        problems.append(f"distances {rows}, expected {facts['distances']}")
    cpus = {int(m.group(1)): int(m.group(2)) for m in
            re.finditer(r"^ *(\d+) +0x[0-9a-f]+ +(\d+)$", text, re.M)}
    if [cpus.get(c) for c in range(facts["cpus"])] != facts["cpu_nodes"] or \
            len(cpus) != facts["cpus"]:
        problems.append(f"cpu -> node {cpus}, expected {facts['cpu_nodes']}")
    section = text.split("memory blocks (numa_topology.meminfo)", 1)[-1]
    section = re.split(r"\n(?! )", section.split("\n", 1)[-1])[0]
    blocks = [(int(m.group(1)), int(m.group(2), 16), int(m.group(3), 16) + 1)
              for m in re.finditer(r"node (\d+) \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\]",
                                   section)]
    ranges = facts["memory_ranges"]
    for nid, start, end in blocks:
        # A node's blocks are merged across holes (the PCI hole), as Linux
        # does: a block lies between the node's first and last RAM bytes.
        mine = [(s, e) for n, s, e in ranges if n == nid]
        if not mine or not min(mine)[0] <= start < end <= max(e for _, e in mine):
            problems.append(f"block node {nid} [{start:#x}-{end:#x}) is outside "
                            f"node {nid}'s memory in the topology {ranges}")
    if sorted({b[0] for b in blocks}) != sorted({r[0] for r in ranges}):
        problems.append(f"nodes with memory blocks {sorted({b[0] for b in blocks})}, "
                        f"topology: {sorted({r[0] for r in ranges})}")
    return problems


def backtrace_functions(bt):
    """The function names of a `bt`, one per frame: "??" for an unknown
    one, "<signal handler called>" for gdb's name of an exception frame."""
    names = []
    for line in bt.splitlines():
        m = re.match(r"#\d+\s+(?:0x[0-9a-f]+ in )?(<signal handler called>|\S+)",
                     line)
        if m:
            names.append(m.group(1))
    return names


def check_panic_backtrace(bt):
    """Problems with a `bt` taken in die(): empty if it goes from the trap
    handler through the exception into the code that faulted."""
    names = backtrace_functions(bt)
    problems = []
    if not names or names[0] not in ("die", "do_trap"):
        problems.append("frame #0 is not die() or do_trap()")
    wanted = ["do_trap"] + PANIC_CALLERS
    pos = [names.index(f) if f in names else None for f in wanted]
    if None in pos or pos != sorted(pos):
        problems.append(f"expected {' -> '.join(wanted)} in this order")
    end = names.index("start_kernel") if "start_kernel" in names else len(names)
    if "??" in names[:end]:
        problems.append("a ?? frame before start_kernel")
    return problems


def panic_boot(topo, log_dir, results, notes):
    """Boot with PANIC_CMDLINE, stop in die(), check bt and its registers."""
    serial = log_dir / "gdb-panic-serial.log"
    port = free_port()
    argv = pq.qemu_command(topo, "kernel", PANIC_CMDLINE, serial=f"file:{serial}",
                           gdb_port=port)
    with open(log_dir / "gdb-panic-qemu-stderr.log", "w") as errors:
        qemu = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                stdout=errors, stderr=errors)
    try:
        # die() is inlined into do_trap(): hbreak plants all its copies.
        frame = "frame function lkdtm_EXCEPTION"
        text, _, part = run_gdb(
            port, ["delete", "hbreak die", "continue", "bt", "p/x regs->rip",
                   "p/x regs->rsp", frame, "p/x $pc", "p/x $sp", "kill"],
            GDB_TIMEOUT)
    finally:
        qemu.kill()
        qemu.wait()
    stopped = bool(re.search(r"Breakpoint \d+(\.\d+)?, .*\bdie\b", part["continue"]))
    problems = check_panic_backtrace(part["bt"]) if stopped else [
        "gdb did not stop in die()"]
    results["bt_through_trap"] = not problems
    notes["bt_through_trap"] = "\n".join(problems) + f"\n{text}\nserial log: {serial}"

    def value(command):
        m = re.search(r"^\$\d+ = (0x[0-9a-f]+)$", part[command], re.M)
        return int(m.group(1), 16) if m else None

    saved = (value("p/x regs->rip"), value("p/x regs->rsp"))
    unwound = (value("p/x $pc"), value("p/x $sp"))
    results["unwound_regs_match_pt_regs"] = bool(
        stopped and "lkdtm_EXCEPTION" in part[frame] and None not in saved
        and saved == unwound)
    notes["unwound_regs_match_pt_regs"] = (
        f"pt_regs rip, rsp: {[hex(v) for v in saved if v is not None]}\n"
        f"unwound in lkdtm_EXCEPTION: {[hex(v) for v in unwound if v is not None]}\n"
        f"{part[frame]}")


def wait_for(path, text, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if path.exists() and text in path.read_text(errors="replace"):
            return True
        time.sleep(0.2)
    return False


def main():
    # Let `kill` (ktest's timeout) end us through the finally clauses below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    out = ktap.KtapWriter(len(CHECKS))
    results = {}
    notes = {}
    qemu = None
    log_dir = pq.build_dir() / "test-logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    serial_log = log_dir / "gdb-serial.log"
    if serial_log.exists():
        serial_log.unlink()
    try:
        pq.require_program("gdb", "gdb")
        pq.require_file(pq.kernel_elf(), None, hint="build the kernel first (make)")
        port = free_port()
        topo = pq.load_topology(pq.DEFAULT_TOPOLOGY)
        start_kernel = symbol_address("start_kernel")
        image_pfn = (start_kernel - HIGHER_HALF) >> 12 if start_kernel else 0
        argv = pq.qemu_command(topo, "kernel", CMDLINE, serial=f"file:{serial_log}",
                               gdb_port=port)
        out.diag("qemu: " + pq.shell_join(argv))
        # Same process group as us: whoever kills us can kill QEMU too.
        with open(log_dir / "gdb-qemu-stderr.log", "w") as errors:
            qemu = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                    stdout=errors, stderr=errors)

        # Phase 1: stop at start_kernel and look around; then run on to
        # mm_report_boot() and read the memory manager.
        page_image = f"pagoda-page {image_pfn}"
        page_free = f"pagoda-page {FREE_HEAD}"
        free_pfn = f"print/d {FREE_HEAD} - (struct page *){VMEMMAP}"
        # Distinct from the commands asked later: answers are keyed by command
        # (gdb ignores the trailing blank of "pagoda-numa ").
        early = ["pagoda-zoneinfo 0", "pagoda-page 0x100", "pagoda-numa "]
        text, startup, part = run_gdb(
            port, ["bt", "info registers rip", "print pagoda_banner",
                   'printf "%s\\n", pagoda_banner', "pagoda-ptwalk $pc"] + early +
                  ["hbreak mm_report_boot", "continue", "pagoda-buddyinfo",
                   "pagoda-zoneinfo", "pagoda-zoneinfo 1", page_image, free_pfn,
                   page_free, "pagoda-numa", "detach"],
            GDB_TIMEOUT)
        notes["gdb"] = text
        results["stops_at_start_kernel"] = bool(
            re.search(r"Breakpoint 1, .*start_kernel", startup))
        results["bt_names_start_kernel"] = bool(
            re.search(r"^#0\s.*\bstart_kernel\b", part["bt"], re.M))
        m = re.search(r"^rip\s+(0x[0-9a-f]+)", part["info registers rip"], re.M)
        rip = int(m.group(1), 16) if m else None
        results["rip_is_higher_half"] = rip is not None and rip >= HIGHER_HALF
        m = re.search(r"VADDR is physical (0x[0-9a-f]+)", part["pagoda-ptwalk $pc"])
        results["ptwalk_finds_rip"] = bool(
            m and rip is not None and int(m.group(1), 16) & 0xfff == rip & 0xfff)
        gdb_banner = part['printf "%s\\n", pagoda_banner'].rstrip()
        results["mm_commands_before_mm_init"] = all(
            "memory manager is not set up" in part[c]
            for c in early) and "Python Exception" not in text
        notes["mm_commands_before_mm_init"] = "\n".join(part[c] for c in early)
        stopped = bool(re.search(r"Breakpoint 2, .*mm_report_boot", part["continue"]))

        page = part[page_image]
        results["page_of_kernel_image"] = bool(
            stopped and start_kernel and re.search(rf"^pfn {image_pfn} ", page, re.M)
            and re.search(r"^  flags: .*\bPG_reserved\b", page, re.M)
            and re.search(r"^  node: +0$", page, re.M))
        notes["page_of_kernel_image"] = (f"nm: start_kernel at {start_kernel:#x}, "
                                         f"pfn {image_pfn}\n{page}"
                                         if start_kernel else "nm found no start_kernel")

        m = re.search(r"^\$\d+ = (\d+)$", part[free_pfn], re.M)
        pfn = int(m.group(1)) if m else None
        node1 = [(s, e) for n, s, e in topo.memory_ranges() if n == 1]
        page = part[page_free]
        results["page_of_free_block"] = bool(       # below 4 GiB: DMA32
            stopped and pfn is not None and node1
            and any(s >> 12 <= pfn < e >> 12 for s, e in node1) and pfn < 1 << 20
            and re.search(rf"^pfn {pfn} ", page, re.M)
            and re.search(r"^  flags: .*\bPG_buddy\b", page, re.M)
            and not re.search(r"^  flags: .*\bPG_reserved\b", page, re.M)
            and re.search(r"^  node: +1$", page, re.M)
            and re.search(r"^  zone: +DMA32 ", page, re.M)
            and re.search(r"^  refcount: +0$", page, re.M)
            and re.search(rf"head of a free block of order 10: pfns {pfn}-", page)
            and re.search(r"^  pageblock: .*migrate type Movable$", page, re.M))
        notes["page_of_free_block"] = (f"gdb: first free order-10 block of node 1 "
                                       f"DMA32 at pfn {pfn}; topology: node 1 "
                                       f"at {node1}\n{page}")

        # Phase 2: the kernel goes on and prints the banner and the reports
        # on the console.
        booted = wait_for(serial_log, BOOT_COMPLETE, BOOT_TIMEOUT)
        serial_banner = first_banner(serial_log)
        results["banner_matches_serial"] = bool(gdb_banner) and gdb_banner == serial_banner
        notes["banner_matches_serial"] = (f"gdb:    {gdb_banner!r}\n"
                                          f"serial: {serial_banner!r}")
        lines = serial_lines(serial_log)

        def same(name, gdb_text, serial):
            mine = gdb_text.splitlines()
            results[name] = stopped and bool(serial) and mine == serial
            notes[name] = ("gdb:\n" + "\n".join(mine) +
                           "\nserial:\n" + "\n".join(serial))

        same("buddyinfo_matches_serial", part["pagoda-buddyinfo"],
             serial_buddyinfo(lines))
        zoneinfo = serial_zoneinfo(lines)
        same("zoneinfo_matches_serial", part["pagoda-zoneinfo"], zoneinfo)
        # `pagoda-zoneinfo 1`: node 1's zones, the last ones of the block.
        first = next((i for i, line in enumerate(zoneinfo)
                      if line.startswith("Node 1,")), None)
        node1_zones = zoneinfo[first:] if first is not None else []
        if results["zoneinfo_matches_serial"] and \
                part["pagoda-zoneinfo 1"].splitlines() != node1_zones:
            results["zoneinfo_matches_serial"] = False
            notes["zoneinfo_matches_serial"] = ("pagoda-zoneinfo 1:\n" +
                                                part["pagoda-zoneinfo 1"])
        numa = part["pagoda-numa"]
        numactl = serial_numactl(lines)
        same("numa_matches_serial", "\n".join(numa.splitlines()[:len(numactl)]),
             numactl)
        problems = check_numa_topology(numa, topo)
        results["numa_matches_topology"] = stopped and not problems
        notes["numa_matches_topology"] = "\n".join(problems) + "\n" + numa

        # Phase 3: attach again, read the log buffer.
        if booted and qemu.poll() is None:
            text, _, part = run_gdb(port, ["pagoda-dmesg", "kill"], GDB_TIMEOUT,
                                    nowait=True)
            dmesg = part["pagoda-dmesg"]
            results["dmesg_shows_banner"] = bool(gdb_banner) and gdb_banner in dmesg
            notes["dmesg_shows_banner"] = text
        else:
            notes["dmesg_shows_banner"] = "the kernel did not reach 'Boot complete.'"
        qemu.kill()
        qemu.wait()
        qemu = None

        # Phase 4: a second boot that panics on a page fault.
        panic_boot(topo, log_dir, results, notes)
    except subprocess.TimeoutExpired as e:
        notes["gdb"] = f"gdb timed out after {e.timeout} s:\n{e.output or ''}"
    except pq.ToolError as e:
        notes["gdb"] = str(e)
    finally:
        if qemu is not None:
            qemu.kill()
            qemu.wait()

    for name in CHECKS:
        ok = results.get(name, False)
        why = notes.get(name) or (notes.get("gdb", "") if not ok else None)
        if not ok and serial_log.exists():
            why = (why or "") + f"\nserial log: {serial_log}"
        out.result(name, ok, diagnostics=why)
    return 0 if out.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
