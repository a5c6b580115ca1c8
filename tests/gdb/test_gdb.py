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
     first line on the serial console (gdb detaches and lets it boot);
  6. a second gdb attached after "Boot complete." finds the banner in the
     log buffer with pagoda-dmesg.

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
BOOT_COMPLETE = "Boot complete."
GDB_TIMEOUT = 60            # seconds for gdb to reach start_kernel and check
BOOT_TIMEOUT = 30           # seconds from detach to "Boot complete."
CHECKS = ["stops_at_start_kernel", "bt_names_start_kernel", "rip_is_higher_half",
          "ptwalk_finds_rip", "banner_matches_serial", "dmesg_shows_banner"]


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
        argv = pq.qemu_command(topo, "kernel", "", serial=f"file:{serial_log}",
                               gdb_port=port)
        out.diag("qemu: " + pq.shell_join(argv))
        # Same process group as us: whoever kills us can kill QEMU too.
        with open(log_dir / "gdb-qemu-stderr.log", "w") as errors:
            qemu = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                    stdout=errors, stderr=errors)

        # Phase 1: stop at start_kernel and look around.
        text, startup, part = run_gdb(
            port, ["bt", "info registers rip", "print pagoda_banner",
                   'printf "%s\\n", pagoda_banner', "pagoda-ptwalk $pc", "detach"],
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

        # Phase 2: the kernel goes on and prints the banner on the console.
        booted = wait_for(serial_log, BOOT_COMPLETE, BOOT_TIMEOUT)
        serial_banner = first_banner(serial_log)
        results["banner_matches_serial"] = bool(gdb_banner) and gdb_banner == serial_banner
        notes["banner_matches_serial"] = (f"gdb:    {gdb_banner!r}\n"
                                          f"serial: {serial_banner!r}")

        # Phase 3: attach again, read the log buffer.
        if booted and qemu.poll() is None:
            text, _, part = run_gdb(port, ["pagoda-dmesg", "kill"], GDB_TIMEOUT,
                                    nowait=True)
            dmesg = part["pagoda-dmesg"]
            results["dmesg_shows_banner"] = bool(gdb_banner) and gdb_banner in dmesg
            notes["dmesg_shows_banner"] = text
        else:
            notes["dmesg_shows_banner"] = "the kernel did not reach 'Boot complete.'"
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
