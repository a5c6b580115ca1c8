"""pagoda.py: gdb commands for looking inside a running Pagoda kernel.

Loaded by tools/gdb/pagoda.gdb (or by hand, from the repository root:
`python import sys; sys.path.insert(0, "tools/gdb"); import pagoda, pagoda_mm`).
This file holds what every command needs - the kernel's address-space
constants, reading registers and physical memory, finding kernel objects
by name - and the two commands about the CPU's view of the kernel:

    pagoda-ptwalk VADDR   walk the 4-level page tables from CR3 for VADDR,
                          as the MMU does, printing each entry and its flags
    pagoda-dmesg [N]      print the kernel log buffer (the last N lines)

The memory manager's commands are in pagoda_mm.py:

    pagoda-buddyinfo      free blocks per order of every zone (/proc/buddyinfo)
    pagoda-zoneinfo [NID] free pages, watermarks and sizes of every zone
                          (of node NID only), as /proc/zoneinfo
    pagoda-page PFN|ADDR  decode the struct page of a page frame: flags, node,
                          zone, refcount, buddy order, pageblock migrate type
    pagoda-numa           nodes, their memory blocks, distances, CPU -> node

Linux counterpart: scripts/gdb/linux/ (lx-dmesg in dmesg.py; a page table
walk in pgtable.py).
"""

import gdb

# --- Kernel symbols and constants this file depends on -----------------------
LOG_BUF = "log_buf"                 # char log_buf[]: the kernel log, a ring
LOG_HEAD = "log_next"               # bytes ever written to it (not wrapped)
DIRECT_MAP = 0xffff888000000000     # virtual address of physical address 0
                                    # (PAGE_OFFSET, mm/pgtable.h)
KERNEL_VMA = 0xffffffff80000000     # the image: KERNEL_VMA + physical
MAX_PHYSMEM_BITS = 46               # mm/page.h: 64 TiB of RAM at most

# --- x86-64 paging ----------------------------------------------------------------
PAGE_SHIFT = 12
ADDR_MASK = 0x000ffffffffff000      # bits 51:12 of an entry: the next table/page
LEVELS = [                          # name, shift of the index in the address
    ("PML4E", 39),
    ("PDPTE", 30),
    ("PDE", 21),
    ("PTE", 12),
]
# Flag bits, in the order a student reads them in the manuals.
FLAGS = [
    (0, "P"),       # present
    (1, "RW"),      # writable
    (2, "US"),      # user accessible
    (3, "PWT"),     # write-through
    (4, "PCD"),     # cache disabled
    (5, "A"),       # accessed
    (6, "D"),       # dirty (leaf entries only)
    (7, "PS"),      # page size: a huge page ends the walk (PAT in a PTE)
    (8, "G"),       # global (leaf entries only)
    (63, "NX"),     # no execute
]
PAGE_SIZES = {"PDPTE": 1 << 30, "PDE": 1 << 21, "PTE": 1 << 12}


def flag_words(entry, level):
    words = []
    for bit, name in FLAGS:
        if entry & (1 << bit):
            if bit == 7 and level == "PTE":
                name = "PAT"
            words.append(name)
    return " ".join(words) if words else "(none)"


def size_name(size):
    return {1 << 30: "1 GiB", 1 << 21: "2 MiB", 1 << 12: "4 KiB"}[size]


def to_int(value):
    """A gdb.Value (pointer, integer, register) as a Python unsigned int."""
    if value.type.strip_typedefs().code == gdb.TYPE_CODE_PTR:
        value = value.cast(gdb.lookup_type("unsigned long"))
    return int(value) & 0xffffffffffffffff


def read_cr3():
    """CR3 from the stub's system registers, else from `monitor info registers`."""
    try:
        return to_int(gdb.parse_and_eval("$cr3"))
    except gdb.error:
        pass
    text = gdb.execute("monitor info registers", to_string=True)
    for word in text.split():
        if word.startswith("CR3="):
            return int(word[4:], 16)
    raise gdb.GdbError("cannot read CR3 (neither $cr3 nor the QEMU monitor has it)")


class PhysicalMemory:
    """Read physical memory: through the kernel's direct map if it is there,
    else by switching QEMU's gdb stub to physical addresses for one read."""

    def __init__(self):
        self.inferior = gdb.selected_inferior()
        self.used_phys_mode = False

    def read_u64(self, paddr):
        try:
            data = self.inferior.read_memory(DIRECT_MAP + paddr, 8)
        except gdb.MemoryError:
            data = self._read_phys_mode(paddr, 8)
        return int.from_bytes(bytes(data), "little")

    def _read_phys_mode(self, paddr, size):
        self.used_phys_mode = True
        gdb.execute("maintenance packet Qqemu.PhyMemMode:1", to_string=True)
        try:
            return self.inferior.read_memory(paddr, size)
        except gdb.MemoryError:
            raise gdb.GdbError(f"cannot read physical address {paddr:#x}")
        finally:
            gdb.execute("maintenance packet Qqemu.PhyMemMode:0", to_string=True)


class PtWalk(gdb.Command):
    """Walk the page tables for a virtual address: pagoda-ptwalk VADDR

Starts at the PML4 table named by CR3 and follows PML4E, PDPTE, PDE and PTE,
printing each entry's index, raw value and flags, and stops at a huge page
(PS set in a PDPTE or PDE) or at an entry that is not present.  Tables are
read through the kernel's direct map (0xffff888000000000 + physical)."""

    def __init__(self):
        super().__init__("pagoda-ptwalk", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError("usage: pagoda-ptwalk VADDR")
        vaddr = to_int(gdb.parse_and_eval(arg))
        top = vaddr >> 47
        if top not in (0, 0x1ffff):
            print(f"warning: {vaddr:#018x} is not canonical (bits 63:47 differ)")
        cr3 = read_cr3()
        mem = PhysicalMemory()
        table = cr3 & ADDR_MASK
        print(f"VADDR {vaddr:#018x}")
        print(f"CR3   {cr3:#018x}  (PML4 table at physical {table:#x})")
        for level, shift in LEVELS:
            index = (vaddr >> shift) & 0x1ff
            entry = mem.read_u64(table + index * 8)
            print(f"{level:5} [{index:3}] = {entry:#018x}  {flag_words(entry, level)}")
            if not entry & 1:
                print(f"  -> not present: {vaddr:#x} is not mapped "
                      f"(an access would page-fault)")
                break
            huge = level in ("PDPTE", "PDE") and entry & (1 << 7)
            if huge or level == "PTE":
                size = PAGE_SIZES[level]
                base = entry & ADDR_MASK & ~(size - 1)
                phys = base + (vaddr & (size - 1))
                print(f"  -> {size_name(size)} page at physical {base:#x}; "
                      f"VADDR is physical {phys:#x}")
                break
            table = entry & ADDR_MASK
        if mem.used_phys_mode:
            print("(the direct map was not usable: tables read as physical memory)")


class Dmesg(gdb.Command):
    """Print the kernel log buffer: pagoda-dmesg [N]  (only the last N lines)

The log is the ring buffer LOG_BUF, of which LOG_HEAD bytes have been written
in total; once it has wrapped, the oldest text starts at LOG_HEAD modulo its
size."""

    def __init__(self):
        super().__init__("pagoda-dmesg", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        try:
            buf = gdb.parse_and_eval(LOG_BUF)
            head = int(gdb.parse_and_eval(LOG_HEAD))
        except gdb.error as e:
            raise gdb.GdbError(f"pagoda-dmesg: {e} (check LOG_BUF/LOG_HEAD "
                               "in tools/gdb/pagoda.py)")
        size = buf.type.sizeof
        address = to_int(buf.address)
        data = bytes(gdb.selected_inferior().read_memory(address, size))
        if head <= size:
            text = data[:head]
        else:
            start = head % size
            text = data[start:] + data[:start]
        text = text.replace(b"\0", b"").decode("utf-8", "replace")
        # Drop printk's level prefixes: "\001" followed by one character.
        lines = []
        for line in text.splitlines():
            while "\x01" in line:
                i = line.index("\x01")
                line = line[:i] + line[i + 2:]
            lines.append(line.rstrip("\r"))
        if arg.strip():
            lines = lines[-int(arg):]
        for line in lines:
            print(line)


# --- Finding and reading kernel objects (pagoda_mm.py uses these too) --------
def symbol(name, what):
    """The kernel object `name`, or a GdbError that says which one is missing."""
    try:
        value = gdb.parse_and_eval(name)
    except gdb.error as e:
        raise gdb.GdbError(f"{what}: {e} (is build/kernel.elf loaded?  The "
                           "names are set at the top of tools/gdb/pagoda_mm.py)")
    return value


def fetched(value, what):
    """value with its memory read now (one read for a whole structure)."""
    try:
        value.fetch_lazy()
    except gdb.MemoryError as e:
        raise gdb.GdbError(f"{what}: cannot read kernel memory ({e})")
    return value


def array_len(value):
    low, high = value.type.strip_typedefs().range()
    return high - low + 1


def enum_names(type_name):
    """{value: name} of a C enum, from the debug information."""
    try:
        enum = gdb.lookup_type(type_name).strip_typedefs()
    except gdb.error:
        return {}
    return {int(f.enumval): f.name for f in enum.fields()}


def read_u64(address):
    return int.from_bytes(bytes(gdb.selected_inferior().read_memory(address, 8)),
                          "little")


def read_u8(address):
    return bytes(gdb.selected_inferior().read_memory(address, 1))[0]


def c_string(pointer, default="?"):
    try:
        return pointer.string() if to_int(pointer) else default
    except gdb.error:
        return default


def parse_int(arg, usage):
    try:
        return to_int(gdb.parse_and_eval(arg))
    except gdb.error as e:
        raise gdb.GdbError(f"{e}\nusage: {usage}")


PtWalk()
Dmesg()
