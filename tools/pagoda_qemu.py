"""pagoda_qemu: how Pagoda's host tools describe a machine and start QEMU.

Every tool that boots the kernel (tools/run-qemu, tools/debug, tools/ktest,
tests/gdb/test_gdb.py) imports this module, so that a machine is described in
one place and booted the same way everywhere.

A *topology* is a JSON file in tools/topologies/ describing the machine as
facts, not as QEMU arguments:

    {
      "description": "...",
      "machine": "q35",
      "numa": true,                      # false: no -numa options at all
      "smp": {"sockets": 2, "cores": 2, "threads": 1},
      "nodes": [                         # ids 0..N-1, in order
        {"id": 0, "mem_mb": 1024, "sockets": [0]},
        {"id": 1, "mem_mb": 1024, "sockets": [1]}   # mem_mb 0: memoryless,
      ],                                            # sockets []: CPU-less
      "distances": [[10, 21], [21, 10]], # optional SLIT, N x N
      "hotplug": {"slots": 4, "maxmem_mb": 6144}    # optional
    }

A node owns whole sockets ("sockets") and/or single cores of a socket
("cores": [[socket, core], ...], each with all its threads): a socket split
across nodes, as Intel's sub-NUMA clustering does, lists its cores in
several nodes.  Every core belongs to exactly one node.  QEMU gets one
`-numa cpu,node-id=N,socket-id=S` per whole socket and one
`-numa cpu,node-id=N,socket-id=S,core-id=C` per listed core.

CPU numbers are QEMU's CPU indexes, which are also the order of the
MADT's entries (and so Linux's logical CPU numbers): socket by socket,
core by core, thread by thread.  APIC IDs pack thread, core and socket
into bit fields each rounded up to a power of two (cpu_apic_ids), so
3 cores per socket leave holes.

From these facts the module derives both the QEMU command line
(Topology.qemu_args) and the values a test expects the kernel to find
(Topology.facts: CPUs per node, physical memory ranges, the hot-pluggable
range, ...).  The kernel is told some of them on its command line as
`ktest.KEY=VALUE` (KTEST_KEYS below); adding a key is one line.

A *boot method* says how the kernel gets loaded:
    kernel  qemu -kernel build/kernel -append CMDLINE (Multiboot 1, fastest)
    bios    a GRUB ISO (tools/mkiso) booted by SeaBIOS
    uefi    the same ISO booted by OVMF (read-only code + a per-run copy of
            the variable store)

Paths: the repository root is the parent of tools/; build outputs live in
$PAGODA_BUILD if set, else <root>/build.
"""

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOPOLOGY_DIR = ROOT / "tools" / "topologies"
DEFAULT_TOPOLOGY = "2s"
BOOT_METHODS = ("kernel", "bios", "uefi")

QEMU = "qemu-system-x86_64"

# Options present on every boot.  isa-debug-exit lets the kernel end QEMU
# with status (v << 1) | 1; -no-reboot turns a reset (triple fault) into an
# exit with status 0.
COMMON_ARGS = [
    "-no-reboot",
    "-display", "none",
    "-nodefaults",
    "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
]
DEFAULT_CPU = "max"

# QEMU exit statuses produced by the kernel through isa-debug-exit.
EXIT_PASS = (0x10 << 1) | 1     # 33: all tests passed
EXIT_FAIL = (0x11 << 1) | 1     # 35: some test failed
EXIT_PANIC = (0x12 << 1) | 1    # 37: kernel panic / fatal early-boot error


def explain_exit(status):
    """(sentence, exit status for a shell) for QEMU's exit status.

    The kernel's own verdicts become a sentence and 0 (tests passed) or 1;
    any other status passes through.  `make run CMDLINE=ktest=...` would
    otherwise end with "make: *** Error 33" after every test passed.
    """
    if status == EXIT_PASS:
        return "ktest: all passed", 0
    if status == EXIT_FAIL:
        return "ktest: some tests failed (the KTAP output above says which)", 1
    if status == EXIT_PANIC:
        return "the kernel panicked (or a fatal error stopped it early in boot)", 1
    if status == 0:
        return ("QEMU exited: you quit (Ctrl-A X), or the machine reset "
                "(-no-reboot: a triple fault?)"), 0
    if status < 0:
        return f"QEMU was killed by signal {-status}", 128 - status
    return f"QEMU exited with status {status}", status

# Which derived facts the kernel is told on a ktest command line, in order.
# Each name is a key of Topology.facts(); the value is printed with
# format_fact().
KTEST_KEYS = ("mem_mb", "cpus", "nodes", "node_mem_mb", "cpu_nodes",
              "distances", "hotplug_mb")

# OVMF firmware: (code, vars) pairs, first existing pair wins.  Debian 12's
# ovmf package ships both the 2 MiB and the 4 MiB builds; the code and the
# variable store must come from the same build.
OVMF_PAIRS = [
    ("/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF_VARS.fd"),
    ("/usr/share/OVMF/OVMF_CODE_4M.fd", "/usr/share/OVMF/OVMF_VARS_4M.fd"),
]

MiB = 1 << 20
GiB = 1 << 30


class ToolError(Exception):
    """A missing program or file, or a bad topology: a message for a human."""


# ----------------------------------------------------------------------------
# Paths and prerequisites
# ----------------------------------------------------------------------------

def build_dir():
    """The directory holding build outputs (kernel, kernel.elf, logs)."""
    return Path(os.environ.get("PAGODA_BUILD", ROOT / "build"))


def kernel_image():
    return build_dir() / "kernel"


def kernel_elf():
    return build_dir() / "kernel.elf"


def initrd_image():
    """The initial RAM disk `make initrd` builds (tools/mkinitrd)."""
    return build_dir() / "initrd.cpio"


def default_initrd():
    """The initrd to boot Pagoda with: build/initrd.cpio if it was built,
    else None (the kernel then runs without one; the initrd suite skips)."""
    path = initrd_image()
    return path if path.is_file() else None


def initrd_expected_files(initrd):
    """What the harness tells the initrd suite to find, independently of
    the archive: one "NAME:SIZE" per user/NAME.c source, SIZE being the
    byte size of the program the build made (build/user/NAME).  None when
    no initrd is booted or a program is missing (the suite then skips)."""
    if initrd is None:
        return None
    words = []
    for src in sorted((ROOT / "user").glob("*.c")):
        prog = build_dir() / "user" / src.stem
        if not prog.is_file():
            return None
        words.append(f"{src.stem}:{prog.stat().st_size}")
    return ",".join(words) if words else None


def require_program(name, package):
    """Return the full path of program `name`, or explain how to get it."""
    path = shutil.which(name)
    if path is None:
        raise ToolError(f"'{name}' not found in PATH: install the Debian package "
                        f"'{package}' (or run tools/install-deps)")
    return path


def require_file(path, package, hint=None):
    """Return `path` if it exists, or explain which package provides it."""
    path = Path(path)
    if not path.exists():
        where = f"install the Debian package '{package}'" if package else hint
        raise ToolError(f"{path}: no such file: {where}")
    return path


def require_kernel(path=None):
    return require_file(path or kernel_image(), None,
                        hint="build the kernel first (make)")


def ovmf_firmware():
    """Return (code, vars) paths of an installed OVMF build."""
    for code, nvram in OVMF_PAIRS:
        if os.path.exists(code) and os.path.exists(nvram):
            return Path(code), Path(nvram)
    raise ToolError(f"{OVMF_PAIRS[0][0]}: no such file: install the Debian "
                    "package 'ovmf' (UEFI firmware for QEMU)")


def kvm_usable():
    return os.access("/dev/kvm", os.R_OK | os.W_OK)


_warned = set()


def _warn_once(message):
    if message not in _warned:
        _warned.add(message)
        print(f"warning: {message}", file=sys.stderr)


# ----------------------------------------------------------------------------
# Topologies
# ----------------------------------------------------------------------------

def list_topologies():
    """Names of the presets in tools/topologies, sorted."""
    return sorted(p.stem for p in TOPOLOGY_DIR.glob("*.json"))


def load_topology(name_or_path):
    """Load a preset by name ("2s") or a JSON file by path."""
    path = Path(name_or_path)
    if path.suffix != ".json":
        path = TOPOLOGY_DIR / f"{name_or_path}.json"
    if not path.exists():
        raise ToolError(f"unknown topology '{name_or_path}': choose one of "
                        + ", ".join(list_topologies()))
    with open(path) as f:
        data = json.load(f)
    return Topology(path.stem, data)


class Topology:
    """A machine preset: the facts of a JSON file plus what follows from them."""

    def __init__(self, name, data):
        self.name = name
        self.data = data
        self.description = data.get("description", "")
        self.machine = data.get("machine", "q35")
        self.numa = bool(data.get("numa", True))
        smp = data["smp"]
        self.sockets = smp["sockets"]
        self.cores = smp.get("cores", 1)
        self.threads = smp.get("threads", 1)
        self.nodes = data["nodes"]
        self.distances = data.get("distances")
        self.hotplug = data.get("hotplug")
        self._validate()

    def _validate(self):
        def bad(msg):
            raise ToolError(f"topology {self.name}: {msg}")
        ids = [n["id"] for n in self.nodes]
        if ids != list(range(len(ids))):
            bad("node ids must be 0..N-1 in order")
        owners = {}                     # (socket, core) -> node
        for node in self.nodes:
            nid = node["id"]
            cores = [(s, c) for s in node.get("sockets", [])
                     for c in range(self.cores)]
            for pair in node.get("cores", []):
                if len(pair) != 2:
                    bad(f"node {nid}: a core is [socket, core], not {pair}")
                cores.append(tuple(pair))
            for s, c in cores:
                if not 0 <= s < self.sockets:
                    bad(f"node {nid} names socket {s}, "
                        f"but there are {self.sockets} sockets")
                if not 0 <= c < self.cores:
                    bad(f"node {nid} names core {c} of socket {s}, "
                        f"but sockets have {self.cores} cores")
                if (s, c) in owners:
                    bad(f"core {c} of socket {s} is in nodes "
                        f"{owners[(s, c)]} and {nid}")
                owners[(s, c)] = nid
        if len(owners) != self.sockets * self.cores:
            bad("every socket (or each of its cores) must belong to exactly "
                "one node")
        self._core_node = owners
        if self.total_mem_mb() <= 0:
            bad("the machine needs some memory")
        if not self.numa and len(self.nodes) != 1:
            bad('"numa": false allows only one node')
        if self.distances is not None:
            n = len(self.nodes)
            if len(self.distances) != n or any(len(r) != n for r in self.distances):
                bad(f"distances must be a {n} x {n} matrix")

    # -- facts -------------------------------------------------------------

    def total_mem_mb(self):
        return sum(n["mem_mb"] for n in self.nodes)

    def cpu_count(self):
        return self.sockets * self.cores * self.threads

    def node_count(self):
        """NUMA nodes the kernel should find: 1 when QEMU gets no -numa."""
        return len(self.nodes) if self.numa else 1

    def cpus_of_socket(self, socket):
        """QEMU numbers CPUs socket by socket, core by core, thread by thread."""
        per_socket = self.cores * self.threads
        return list(range(socket * per_socket, (socket + 1) * per_socket))

    def cpus_of_core(self, socket, core):
        first = (socket * self.cores + core) * self.threads
        return list(range(first, first + self.threads))

    def cpu_location(self, cpu):
        """(socket, core, thread) of a CPU number."""
        return (cpu // (self.cores * self.threads),
                cpu // self.threads % self.cores, cpu % self.threads)

    def node_cpus(self, node_id):
        return [cpu for cpu in range(self.cpu_count())
                if self._core_node[self.cpu_location(cpu)[:2]] == node_id]

    def cpu_apic_ids(self):
        """The APIC ID of each CPU as QEMU assigns it (x86 topology.h): the
        thread in the low bits, then the core, then the socket, each field
        as wide as its count needs (log2 rounded up; 0 bits for 1)."""
        thread_bits = (self.threads - 1).bit_length()
        core_bits = (self.cores - 1).bit_length()
        ids = []
        for cpu in range(self.cpu_count()):
            s, c, t = self.cpu_location(cpu)
            ids.append((s << (core_bits + thread_bits)) | (c << thread_bits) | t)
        return ids

    def distance(self, a, b):
        """The SLIT entry QEMU builds: given, or 10 locally and 20 remotely."""
        if self.distances is not None:
            return self.distances[a][b]
        return 10 if a == b else 20

    def below_4g_bytes(self):
        """RAM that q35 places below 4 GiB (the rest goes above 4 GiB).

        q35 keeps the PCI hole at 2.75 GiB for small machines, but from
        2.75 GiB of RAM on it lowers the hole to 2 GiB (QEMU pc_q35.c).
        """
        ram = self.total_mem_mb() * MiB
        limit = 0x80000000 if ram >= 0xB0000000 else 0xB0000000
        return min(ram, limit)

    def memory_ranges(self):
        """Guest-physical RAM ranges per node: a list of (node, start, end).

        Nodes' memory is laid out in node order; memory past the low limit
        continues at 4 GiB, which splits the node crossing it in two.  The
        legacy hole 0xa0000-0x100000 is not subtracted.
        """
        low = self.below_4g_bytes()
        ranges, offset = [], 0
        for node in self.nodes:
            size = node["mem_mb"] * MiB
            start, end = offset, offset + size
            if start < low:
                ranges.append((node["id"], start, min(end, low)))
            if end > low:
                s = max(start, low)
                ranges.append((node["id"], s - low + 4 * GiB, end - low + 4 * GiB))
            offset = end
        return [r for r in ranges if r[2] > r[1]]

    def hotplug_range(self):
        """(node, start, end) of the hot-pluggable SRAT range, or None.

        QEMU reserves a device-memory window starting at the first 1 GiB
        boundary above the RAM above 4 GiB, sized maxmem - ram plus 1 GiB of
        alignment slack per slot, and gives it to the last node in SRAT.
        """
        if not self.hotplug:
            return None
        ram = self.total_mem_mb() * MiB
        above = ram - self.below_4g_bytes()
        start = 4 * GiB + above
        start = (start + GiB - 1) // GiB * GiB
        size = self.hotplug["maxmem_mb"] * MiB - ram + self.hotplug["slots"] * GiB
        return (len(self.nodes) - 1, start, start + size)

    def cpu_nodes(self):
        """The node of each CPU, in CPU order (0 for all without NUMA)."""
        nodes = [0] * self.cpu_count()
        if self.numa:
            for node in self.nodes:
                for cpu in self.node_cpus(node["id"]):
                    nodes[cpu] = node["id"]
        return nodes

    def facts(self):
        """Everything a test may want to assert, as a plain dict."""
        n = self.node_count()
        hp = self.hotplug_range()
        return {
            "mem_mb": self.total_mem_mb(),
            "cpus": self.cpu_count(),
            "nodes": n,
            "node_mem_mb": [node["mem_mb"] for node in self.nodes],
            "node_cpus": [self.node_cpus(i) for i in range(len(self.nodes))],
            "distances": [[self.distance(a, b) for b in range(n)] for a in range(n)],
            "memory_ranges": self.memory_ranges(),
            "hotplug_range": hp,
            "cpu_nodes": self.cpu_nodes(),
            "cpu_apic_ids": self.cpu_apic_ids(),
            # node,start,end of the hot-pluggable window in MiB, or none
            "hotplug_mb": "none" if hp is None else
                          [hp[0], hp[1] // MiB, hp[2] // MiB],
        }

    # -- QEMU arguments ------------------------------------------------------

    def qemu_args(self):
        """-machine, -m, -smp and the -object/-numa options of this machine."""
        mem = f"{self.total_mem_mb()}M"
        if self.hotplug:
            mem += f",slots={self.hotplug['slots']},maxmem={self.hotplug['maxmem_mb']}M"
        args = ["-machine", self.machine, "-m", mem,
                "-smp", f"cpus={self.cpu_count()},sockets={self.sockets},"
                        f"cores={self.cores},threads={self.threads}"]
        if not self.numa:
            return args
        for node in self.nodes:
            i = node["id"]
            if node["mem_mb"] > 0:
                args += ["-object", f"memory-backend-ram,id=m{i},size={node['mem_mb']}M",
                         "-numa", f"node,nodeid={i},memdev=m{i}"]
            else:
                args += ["-numa", f"node,nodeid={i}"]       # memoryless node
        for node in self.nodes:
            for s in node.get("sockets", []):
                args += ["-numa", f"cpu,node-id={node['id']},socket-id={s}"]
            for s, c in node.get("cores", []):
                args += ["-numa", f"cpu,node-id={node['id']},socket-id={s},"
                                  f"core-id={c}"]
        if self.distances is not None:
            for a in range(len(self.nodes)):
                for b in range(len(self.nodes)):
                    if a != b:
                        args += ["-numa", f"dist,src={a},dst={b},val={self.distances[a][b]}"]
        return args


def flatten(value):
    if isinstance(value, (list, tuple)):
        return [x for v in value for x in flatten(v)]
    return [value]


def format_fact(value):
    """A fact as the kernel reads it (ktest_parse_list): lists, matrices
    row by row, become comma-separated, and three or more equal values in
    a row become "v*n", so 64 nodes' facts fit the 2047-byte command line
    (a 64 x 64 SLIT of 10s and 20s: 10,20*64,10,20*64,...)."""
    if not isinstance(value, (list, tuple)):
        return str(value)
    items, out = flatten(value), []
    i = 0
    while i < len(items):
        j = i
        while j < len(items) and items[j] == items[i]:
            j += 1
        out.append(f"{items[i]}*{j - i}" if j - i >= 3 else
                   ",".join([str(items[i])] * (j - i)))
        i = j
    return ",".join(out)


def ktest_params(topo):
    """The `ktest.KEY=VALUE` words telling the kernel the machine's facts."""
    facts = topo.facts()
    return " ".join(f"ktest.{k}={format_fact(facts[k])}" for k in KTEST_KEYS)


def with_ktest_params(cmdline, topo, boot=None):
    """Append the topology facts (and the boot method, if given) to a
    command line that asks for ktest.  Test boots also get lock_debug=on
    (kernel/locking/spinlock_debug.c: lock bugs must be loud in tests)
    unless the command line chooses lock_debug= itself."""
    if not any(w.startswith("ktest=") for w in cmdline.split()):
        return cmdline
    words = [cmdline]
    if not any(w.startswith("lock_debug=") for w in cmdline.split()):
        words.append("lock_debug=on")
    words.append(ktest_params(topo))
    if boot:
        words.append(f"ktest.boot={boot}")
    files = initrd_expected_files(default_initrd())
    if files:
        words.append(f"ktest.initrd_files={files}")
    return " ".join(words).strip()


# ----------------------------------------------------------------------------
# The QEMU command
# ----------------------------------------------------------------------------

def qemu_command(topo, boot="kernel", cmdline="", serial="stdio", *,
                 kernel=None, iso=None, ovmf_vars=None, cpu=DEFAULT_CPU,
                 kvm=False, gdb_port=None, extra_args=(), check_files=True,
                 initrd="auto"):
    """The full argument list (argv) to boot `topo` with boot method `boot`.

    kernel     the Multiboot image for boot="kernel" (default build/kernel)
    iso        the GRUB ISO for bios/uefi (build it with build_iso first)
    ovmf_vars  a writable copy of the OVMF variable store (uefi only; see
               make_ovmf_vars)
    serial     a QEMU -serial destination: "stdio", "mon:stdio", "file:PATH"
    gdb_port   start paused (-S) with the gdb stub on this TCP port
    kvm        use KVM if /dev/kvm is usable (otherwise TCG, the default)
    check_files  False: do not insist that the files exist (to show a command)
    initrd     the initial RAM disk for boot="kernel" (-initrd, the first
               Multiboot module); "auto": build/initrd.cpio if it exists
               and the kernel is Pagoda's own image, None: no initrd
    """
    argv = [require_program(QEMU, "qemu-system-x86") if check_files else QEMU]
    argv += ["-cpu", cpu] + COMMON_ARGS + topo.qemu_args()
    if kvm and kvm_usable():
        argv += ["-accel", "kvm"]
    else:
        if kvm:
            _warn_once("/dev/kvm is not usable here: using TCG (emulation)")
        argv += ["-accel", "tcg"]
    argv += ["-serial", serial]
    if boot == "kernel":
        if initrd == "auto":
            initrd = default_initrd() if kernel is None else None
        kernel = kernel or kernel_image()
        if check_files:
            require_kernel(kernel)
        argv += ["-kernel", str(kernel), "-append", cmdline]
        if initrd is not None and "-initrd" not in extra_args:
            argv += ["-initrd", str(initrd)]
    elif boot in ("bios", "uefi"):
        if iso is None:
            raise ToolError(f"boot method {boot} needs an ISO (tools/mkiso)")
        if check_files:
            require_file(iso, None, hint="build it with tools/mkiso")
        if boot == "uefi":
            code = ovmf_firmware()[0] if check_files else OVMF_PAIRS[0][0]
            if ovmf_vars is None:
                raise ToolError("uefi boot needs a writable OVMF_VARS copy")
            argv += ["-drive", f"if=pflash,format=raw,unit=0,readonly=on,file={code}",
                     "-drive", f"if=pflash,format=raw,unit=1,file={ovmf_vars}"]
        argv += ["-drive", f"file={iso},media=cdrom,format=raw,readonly=on"]
    else:
        raise ToolError(f"unknown boot method '{boot}': choose one of "
                        + ", ".join(BOOT_METHODS))
    if gdb_port is not None:
        argv += ["-S", "-gdb", f"tcp:127.0.0.1:{gdb_port}"]
    argv += list(extra_args)
    return argv


def make_ovmf_vars(dest):
    """Copy the pristine OVMF variable store to `dest` (one per run)."""
    _, nvram = ovmf_firmware()
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(nvram, dest)
    return dest


# ----------------------------------------------------------------------------
# GRUB ISO (used by tools/mkiso and by the bios/uefi boot methods)
# ----------------------------------------------------------------------------

GRUB_TEMPLATE = ROOT / "boot" / "grub.cfg"
GRUB_SPECIAL = set("\\\"'$;|&<>(){}[]#`*?~ \t")


def grub_quote_cmdline(cmdline):
    """Escape a kernel command line for GRUB's shell-like grub.cfg parser.

    Each word is escaped on its own, so GRUB hands the kernel the same words
    separated by single spaces.  (Values containing spaces are not
    supported on ISO boots.)
    """
    return " ".join("".join("\\" + c if c in GRUB_SPECIAL else c for c in word)
                    for word in cmdline.split())


def build_iso(kernel, cmdline, out, template=GRUB_TEMPLATE, force=False,
              initrd="auto"):
    """Build a BIOS+UEFI GRUB ISO booting `kernel` with `cmdline` at `out`.

    `initrd` ("auto": build/initrd.cpio if it exists; None: none) goes on
    the ISO as /boot/initrd.cpio, loaded by GRUB as the first module
    (@MODULES@ in the template).

    The staging directory is `out` + ".d".  A stamp file next to the ISO
    remembers the kernel's size and time and the command line, so an
    unchanged ISO is not rebuilt.  Returns the ISO path.
    """
    grub = require_program("grub-mkrescue", "grub-common")
    require_program("xorriso", "xorriso")
    require_program("mformat", "mtools")
    require_file("/usr/lib/grub/i386-pc", "grub-pc-bin")
    require_file("/usr/lib/grub/x86_64-efi", "grub-efi-amd64-bin")
    kernel = require_kernel(kernel)
    template = require_file(template, None, hint="the GRUB template is missing")
    out = Path(out)
    if initrd == "auto":
        initrd = default_initrd()
    st = kernel.stat()
    rd = None
    if initrd is not None:
        initrd = require_file(initrd, None, hint="build it with make initrd")
        rst = initrd.stat()
        rd = [str(initrd.resolve()), rst.st_size, rst.st_mtime_ns]
    stamp_text = json.dumps([str(kernel.resolve()), st.st_size, st.st_mtime_ns,
                             cmdline, template.read_text(), rd])
    stamp = out.with_name(out.name + ".stamp")
    if not force and out.exists() and stamp.exists() and stamp.read_text() == stamp_text:
        return out

    stage = out.with_name(out.name + ".d")
    shutil.rmtree(stage, ignore_errors=True)
    (stage / "boot" / "grub").mkdir(parents=True)
    shutil.copyfile(kernel, stage / "boot" / "pagoda")
    modules = ""
    if initrd is not None:
        shutil.copyfile(initrd, stage / "boot" / "initrd.cpio")
        modules = "module2 /boot/initrd.cpio initrd"
    cfg = template.read_text().replace("@CMDLINE@", grub_quote_cmdline(cmdline))
    cfg = cfg.replace("@MODULES@", modules)
    (stage / "boot" / "grub" / "grub.cfg").write_text(cfg)
    tmp = out.with_name(out.name + ".tmp")
    # No fonts, locales or themes: half the size, and GRUB needs none here.
    proc = subprocess.run([grub, "-o", str(tmp), "--fonts=", "--locales=",
                           "--themes=", str(stage)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        raise ToolError(f"grub-mkrescue failed (status {proc.returncode}):\n"
                        + proc.stdout)
    os.replace(tmp, out)
    stamp.write_text(stamp_text)
    shutil.rmtree(stage, ignore_errors=True)
    return out


def shell_join(argv):
    """A command as one line a person can paste into a shell."""
    return " ".join(shlex.quote(a) for a in argv)
