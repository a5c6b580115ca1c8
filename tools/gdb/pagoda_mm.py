"""pagoda_mm.py: gdb commands for the memory manager of a running Pagoda.

Loaded by tools/gdb/pagoda.gdb after pagoda.py, whose helpers it imports:

    pagoda-buddyinfo      free blocks per order of every zone (/proc/buddyinfo)
    pagoda-zoneinfo [NID] free pages, watermarks and sizes of every zone
                          (of node NID only), as /proc/zoneinfo
    pagoda-page PFN|ADDR  decode the struct page of a page frame: flags, node,
                          zone, refcount, buddy order, pageblock migrate type
    pagoda-numa           nodes, their memory blocks, distances, CPU -> node

The memory-manager commands only read memory: they never call a kernel
function, so they work on a stopped, hung or crashed kernel alike.  They
find structures and fields by name in build/kernel.elf's debug information
(node_data[], struct zone, struct page, enum pageflags, numa_topology...),
so a field added to or moved in a kernel structure needs no change here.
What the debug information cannot tell - address-space constants and
#define'd bit layouts - is set at the top of this file (the address-space
constants at the top of pagoda.py), next to the names of the kernel
objects the commands read: a change in the kernel is a one-line change.

Linux counterpart: scripts/gdb/linux/mm.py; /proc/buddyinfo and
/proc/zoneinfo (mm/vmstat.c); numactl --hardware.
"""

import gdb

from pagoda import (DIRECT_MAP, KERNEL_VMA, MAX_PHYSMEM_BITS, PAGE_SHIFT,
                    array_len, c_string, enum_names, fetched, parse_int,
                    read_u64, read_u8, symbol, to_int)

# --- Kernel symbols and constants this file depends on -----------------------
# Memory manager (mm/mmzone.h, mm/page.h, mm/numa.h, mm/sparse.h).  Types and
# field offsets come from the debug information; only #defines are here.
NODE_DATA = "node_data"             # pg_data_t *node_data[MAX_NUMNODES]
VMEMMAP_START = 0xffffea0000000000  # struct page of pfn N: vmemmap[N]
NODES_SHIFT = 6                     # page->flags: node id in the top 6 bits,
ZONES_SHIFT = 3                     #   zone index in the 3 bits below them
PAGEBLOCK_ORDER = 9                 # pageblock_order: 2 MiB pageblocks
SECTION_PRESENT = "section_present"  # mm/sparse.c: bitmap behind pfn_valid()
SECTION_SIZE_BITS = 27              # mm/sparse.h: 128 MiB memory sections
MIGRATETYPE_NAMES = "migratetype_names"
NUMA_TOPOLOGY = "numa_topology"     # struct numa_topology (mm/numa.h): the
                                    # one copy of nodes, blocks, CPUs
LOCAL_DISTANCE, REMOTE_DISTANCE = 10, 20    # without a SLIT (mm/numa.h)

PAGE_SIZE = 1 << PAGE_SHIFT
NODES_PGSHIFT = 64 - NODES_SHIFT
ZONES_PGSHIFT = NODES_PGSHIFT - ZONES_SHIFT
DIRECT_MAP_END = DIRECT_MAP + (1 << MAX_PHYSMEM_BITS)
NOT_SET_UP = ("no node has a pg_data_t yet: the memory manager is not set up "
              "(try `hbreak mm_report_boot` then `continue`)")


def node_list(nids):
    """[0, 1, 2, 5] -> "0-2,5", as numactl and the kernel write node sets."""
    runs = []
    for nid in sorted(nids):
        if runs and nid == runs[-1][1] + 1:
            runs[-1][1] = nid
        else:
            runs.append([nid, nid])
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in runs) or "none"


def size_text(size):
    """Bytes as whole MiB, else MiB with a decimal, or KiB below 1 MiB."""
    if size % (1 << 20) == 0:
        return f"{size >> 20} MiB"
    return f"{size / (1 << 20):.1f} MiB" if size >= 1 << 20 else f"{size >> 10} KiB"


def pgdats():
    """(nid, pg_data_t) for every node that has one, in node order."""
    node_data = fetched(symbol(NODE_DATA, "node_data[]"), "node_data[]")
    found = []
    for nid in range(array_len(node_data)):
        pointer = node_data[nid]
        if to_int(pointer):
            found.append((nid, fetched(pointer.dereference(), f"NODE_DATA({nid})")))
    return found


def zones_of(pgdat):
    zones = pgdat["node_zones"]
    return [zones[i] for i in range(array_len(zones))]


def shown_zones(nid=None, empty=False):
    """The zones the kernel's reports list, as for_each_zone() visits
    them; only node nid's if nid is not None.  buddyinfo lists the zones
    with a span; zoneinfo (empty=True) lists every zone, as Linux does,
    but for an empty ZONE_CMA, which Linux does not have."""
    nodes = pgdats()
    if not nodes:
        raise gdb.GdbError(NOT_SET_UP)
    zones = []
    for node, pgdat in nodes:
        if nid is None or node == nid:
            zones += [z for z in zones_of(pgdat) if int(z["spanned_pages"])
                      or (empty and zone_label(z) != "CMA")]
    if nid is not None and nid not in [n for n, _ in nodes]:
        raise gdb.GdbError(f"node {nid} has no pg_data_t (nodes with one: "
                           f"{node_list([n for n, _ in nodes])})")
    return zones


def zone_label(zone):
    return c_string(zone["name"], f"zone{int(zone['idx'])}")


def migratetype_names():
    """The kernel's own names (migratetype_names[]), else the enum's."""
    names = dict(enum_names("enum migratetype"))
    try:
        table = fetched(gdb.parse_and_eval(MIGRATETYPE_NAMES), "migratetype_names")
        for i in range(array_len(table)):
            names[i] = c_string(table[i], names.get(i, str(i)))
    except gdb.error:
        pass
    return {k: v for k, v in names.items() if not v.startswith("MIGRATE_TYPES")}


def list_length(head, limit):
    """Entries of the list_head `head` (a gdb.Value in memory), following
    next pointers; None for a corrupt list: more than limit entries, or a
    pointer that cannot be followed."""
    next_offset = next(f.bitpos // 8 for f in head.type.strip_typedefs().fields()
                       if f.name == "next")
    start = to_int(head.address)
    entry = to_int(head["next"])
    count = 0
    while entry != start:
        count += 1
        if count > limit or not entry:
            return None
        try:
            entry = read_u64(entry + next_offset)
        except gdb.MemoryError:
            return None
    return count


class MmCommand(gdb.Command):
    """A command that reads kernel memory: an unreadable address (a wild
    pointer in a stopped kernel) becomes a gdb error, not a traceback."""

    def invoke(self, arg, from_tty):
        try:
            self.run(arg)
        except gdb.MemoryError as e:
            raise gdb.GdbError(f"{self._command}: cannot read kernel memory "
                               f"({e}): a corrupt pointer, or memory not yet mapped")

    def run(self, arg):
        raise NotImplementedError


# --- pagoda-buddyinfo, pagoda-zoneinfo --------------------------------------------
class BuddyInfo(MmCommand):
    """Free blocks of each order in every zone: pagoda-buddyinfo

Prints /proc/buddyinfo: for every zone with a span (node order, then zone
order), the number of free blocks of order 0, 1, ... (a block of order n is
2^n pages: 4 KiB ... 4 MiB), read from node_data[nid]->node_zones[z]
.free_area[order].nr_free.  The kernel prints the same lines with
mm_report=buddyinfo."""

    def __init__(self):
        super().__init__("pagoda-buddyinfo", gdb.COMMAND_DATA)
        self._command = "pagoda-buddyinfo"

    def run(self, arg):
        if arg.strip():
            raise gdb.GdbError("usage: pagoda-buddyinfo")
        for zone in shown_zones():
            areas = zone["free_area"]
            counts = "".join(f"{int(areas[o]['nr_free']):6d} "
                             for o in range(array_len(areas)))
            print(f"Node {int(zone['node'])}, zone {zone_label(zone):>8} {counts}")


class ZoneInfo(MmCommand):
    """Free pages, watermarks and sizes of every zone: pagoda-zoneinfo [NID]

Prints /proc/zoneinfo's fields for every zone with a span (of node NID
only, if given), in the layout of the kernel's mm_report=zoneinfo:
  pages free   free pages in the zone (zone->free_pages)
  min/low/high the watermarks (zone->_watermark[]): below low kswapd is
               woken, below min only atomic requests may allocate
  spanned      pages from the first to the last pfn, holes included
  present      pages of RAM in the span
  managed      pages given to the buddy allocator (present - reserved)
  protection   lowmem_reserve[]: pages kept back from requests that could
               have used a higher zone, by the request's highest zone
  nr_free_T    free pages on the free lists of migrate type T (counted by
               walking the lists; a mismatch with nr_free is reported)
  start_pfn    the first pfn of the zone"""

    def __init__(self):
        super().__init__("pagoda-zoneinfo", gdb.COMMAND_DATA)
        self._command = "pagoda-zoneinfo"

    def run(self, arg):
        usage = "pagoda-zoneinfo [NID]"
        nid = parse_int(arg, usage) if arg.strip() else None
        mt_names = migratetype_names()
        # WMARK_MIN, WMARK_LOW, WMARK_HIGH: indexes of zone->_watermark[].
        wmarks = {name[len("WMARK_"):].lower(): value for value, name in
                  enum_names("enum zone_watermarks").items()}
        for zone in shown_zones(nid, empty=True):
            fields = {f.name for f in zone.type.strip_typedefs().fields()}
            wmark = zone["_watermark"]
            managed = int(zone["managed_pages"])
            print(f"Node {int(zone['node'])}, zone {zone_label(zone):>8}")
            print(f"  pages free     {int(zone['free_pages'])}")
            for label in ("min", "low", "high"):
                print(f"        {label:8} {int(wmark[wmarks.get(label, 0)])}")
            print(f"        spanned  {int(zone['spanned_pages'])}")
            print(f"        present  {int(zone['present_pages'])}")
            print(f"        managed  {managed}")
            print(f"        cma      {int(zone['cma_pages'])}")
            if "lowmem_reserve" in fields:
                reserve = zone["lowmem_reserve"]
                print("        protection: (" + ", ".join(
                    str(int(reserve[z])) for z in range(array_len(reserve))) + ")")
            if not int(zone["present_pages"]):
                continue        # an empty zone: no counters (as the kernel)
            print(f"      nr_free_pages {int(zone['free_pages'])}")
            if "free_cma_pages" in fields:
                print(f"      nr_free_cma  {int(zone['free_cma_pages'])}")
            areas = zone["free_area"]
            per_mt = {mt: 0 for mt in mt_names}
            problems = []
            for order in range(array_len(areas)):
                lists = areas[order]["free_list"]
                nr_free = int(areas[order]["nr_free"])
                blocks = 0
                for mt in per_mt:
                    n = list_length(lists[mt], nr_free)
                    if n is None:
                        problems.append(f"order {order} {mt_names[mt]}: broken "
                                        "free list (a pointer that cannot be "
                                        f"followed, or more than nr_free={nr_free} "
                                        "blocks)")
                        n = 0
                    blocks += n
                    per_mt[mt] += n << order
                if blocks != nr_free and not problems:
                    problems.append(f"order {order}: {blocks} blocks on the "
                                    f"lists, nr_free says {nr_free}")
            for mt, pages in per_mt.items():
                print(f"      nr_free_{mt_names[mt]} {pages}")
            print_pagesets(zone, fields)
            print(f"  start_pfn:           {int(zone['zone_start_pfn'])}")
            for problem in problems:
                print(f"  warning: {problem}")


def online_cpus():
    """The CPUs set in cpu_online_mask (just CPU 0 before it exists)."""
    try:
        words = gdb.parse_and_eval("cpu_online_mask")["bits"]
    except gdb.error:
        return [0]
    return [w * 64 + b for w in range(array_len(words))
            for b in range(64) if int(words[w]) >> b & 1]


def per_cpu_address(symbol, cpu):
    """The address of CPU cpu's instance of a DEFINE_PER_CPU variable."""
    base = int(gdb.parse_and_eval(f"(unsigned long)&{symbol}"))
    return base + int(gdb.parse_and_eval(f"__per_cpu_offset[{cpu}]"))


def print_pagesets(zone, fields):
    """zoneinfo's pagesets: each online CPU's list of the zone (pcp)."""
    if "pcp_slot" not in fields:
        return
    slot = int(zone["pcp_slot"])
    print("  pagesets")
    if not slot:
        return
    nr_cpus = int(gdb.parse_and_eval("pcp_nr_cpus"))
    for cpu in online_cpus():
        if cpu >= nr_cpus:
            continue
        area = gdb.parse_and_eval("*(struct per_cpu_pages **)"
                                  f"{per_cpu_address('pcp_area', cpu)}")
        if not int(area):
            continue
        pcp = area[slot]
        print(f"    cpu: {cpu}")
        print(f"              count: {int(pcp['count'])}")
        print(f"              high:  {int(pcp['high'])}")
        print(f"              batch: {int(pcp['batch'])}")


# --- pagoda-page -------------------------------------------------------------------
def page_type():
    try:
        return gdb.lookup_type("struct page")
    except gdb.error as e:
        raise gdb.GdbError(f"struct page: {e} (is build/kernel.elf loaded?)")


def pfn_valid(pfn):
    """mm/sparse.c's pfn_valid(): is the pfn's memory section present?
    None if the bitmap cannot be read."""
    try:
        bitmap = gdb.parse_and_eval(SECTION_PRESENT)
        nr = pfn >> (SECTION_SIZE_BITS - PAGE_SHIFT)
        if nr >= array_len(bitmap) * 8:
            return False
        return bool(read_u8(to_int(bitmap.address) + nr // 8) >> (nr % 8) & 1)
    except (gdb.error, gdb.MemoryError):
        return None


def arg_to_pfn(arg):
    """PFN, or an address: direct map, kernel image, or a struct page."""
    usage = "pagoda-page PFN|ADDR"
    try:
        value = gdb.parse_and_eval(arg)
    except gdb.error as e:
        raise gdb.GdbError(f"{e}\nusage: {usage}")
    number = to_int(value)
    page_size = page_type().sizeof
    vmemmap_end = VMEMMAP_START + (1 << (MAX_PHYSMEM_BITS - PAGE_SHIFT)) * page_size
    target = value.type.strip_typedefs()
    if target.code == gdb.TYPE_CODE_PTR and \
            target.target().strip_typedefs().tag == "page":
        how = "struct page pointer"
    elif VMEMMAP_START <= number < vmemmap_end:
        how = "address in the memmap (vmemmap)"
    elif number >= KERNEL_VMA:
        return (number - KERNEL_VMA) >> PAGE_SHIFT, \
            f"kernel image address {number:#x} = physical {number - KERNEL_VMA:#x}"
    elif DIRECT_MAP <= number < DIRECT_MAP_END:
        return (number - DIRECT_MAP) >> PAGE_SHIFT, \
            f"direct-map address {number:#x} = physical {number - DIRECT_MAP:#x}"
    elif number < 1 << (MAX_PHYSMEM_BITS - PAGE_SHIFT):
        return number, None
    else:
        raise gdb.GdbError(f"{number:#x} is neither a pfn nor an address in the "
                           "direct map, the kernel image or the memmap\n"
                           f"usage: {usage}   (a physical address P: "
                           "pagoda-page P >> 12)")
    offset = number - VMEMMAP_START
    if offset % page_size:
        print(f"note: {number:#x} is inside a struct page, not at its start")
    return offset // page_size, f"{how} {number:#x}"


def read_page(pfn):
    pointer = gdb.Value(VMEMMAP_START + pfn * page_type().sizeof) \
        .cast(page_type().pointer())
    try:
        return fetched(pointer.dereference(), f"struct page of pfn {pfn:#x}")
    except gdb.GdbError:
        return None


def flag_names(flags):
    """The PG_* bits set in flags (names from enum pageflags), and the
    other set bits below the zone field, by number."""
    names = {v: n for v, n in enum_names("enum pageflags").items()
             if not n.startswith("__")}
    words, others = [], []
    for bit in range(ZONES_PGSHIFT):
        if flags >> bit & 1:
            if bit in names:
                words.append(names[bit])
            else:
                others.append(str(bit))
    if others:
        words.append("bits " + ",".join(others))
    return words


class Page(MmCommand):
    """Decode the struct page of a page frame: pagoda-page PFN|ADDR

The argument is any gdb expression: a page frame number, or an address in
the direct map (0xffff888000000000 + physical), in the kernel image
(0xffffffff80000000 + physical, e.g. &start_kernel), or of a struct page
(a `struct page *`, or an address in the memmap at 0xffffea0000000000).
For a physical address P write `pagoda-page P >> 12`.

Reads vmemmap[pfn] and prints: the flags word and its PG_* bits (names from
enum pageflags); the node and zone encoded in the top bits of flags
(node in the top 6 bits, zone index in the 3 below); the refcount; for
the head of a free buddy block (PG_buddy) its order, else the free block
that contains the page, if any; for a slab page its cache; and the
pageblock's migrate type (zone->pageblock_flags)."""

    def __init__(self):
        super().__init__("pagoda-page", gdb.COMMAND_DATA)
        self._command = "pagoda-page"

    def run(self, arg):
        if not arg.strip():
            raise gdb.GdbError("usage: pagoda-page PFN|ADDR")
        pfn, how = arg_to_pfn(arg)
        if how:
            print(f"{how}")
        address = VMEMMAP_START + pfn * page_type().sizeof
        print(f"pfn {pfn} ({pfn:#x}), physical {pfn << PAGE_SHIFT:#x}, "
              f"struct page at {address:#x}")
        if pfn_valid(pfn) is False:
            node_data = fetched(symbol(NODE_DATA, "node_data[]"), "node_data[]")
            if not any(to_int(node_data[n]) for n in range(array_len(node_data))):
                raise gdb.GdbError(NOT_SET_UP)
            raise gdb.GdbError(f"pfn_valid({pfn:#x}) is false: no memory section "
                               "there (a hole or beyond RAM), so no struct page")
        page = read_page(pfn)
        if page is None:
            raise gdb.GdbError(f"cannot read the struct page at {address:#x}: the "
                               "memmap is not mapped there (no RAM, or before "
                               "sparse_init())")
        flags = to_int(page["flags"])
        nid = flags >> NODES_PGSHIFT & ((1 << NODES_SHIFT) - 1)
        zid = flags >> ZONES_PGSHIFT & ((1 << ZONES_SHIFT) - 1)
        words = flag_names(flags)
        print(f"  flags:     {flags:#018x}  {' '.join(words) or '(no PG_ flags)'}")
        print(f"  node:      {nid}")
        zone = self.zone(nid, zid)
        if zone is None:
            print(f"  zone:      index {zid} (node {nid} has no pg_data_t)")
        else:
            start = int(zone["zone_start_pfn"])
            end = start + int(zone["spanned_pages"])
            span = f"pfns {start}-{end - 1}" if end > start else "empty"
            print(f"  zone:      {zone_label(zone)} (index {zid}, {span})")
            if not start <= pfn < end:
                print("  note:      the pfn is outside that zone: not RAM a zone "
                      "manages (a hole in a memory section), so only the node "
                      "and the flags mean something")
        print(f"  refcount:  {int(page['_refcount'])}")
        print(f"  private:   {int(page['private'])}")
        if "PG_buddy" in words:
            order = int(page["private"])
            print(f"  buddy:     head of a free block of order {order}: pfns "
                  f"{pfn}-{pfn + (1 << order) - 1} ({1 << order} pages)")
        else:
            self.containing_block(pfn, zone)
        if "PG_slab" in words:
            self.slab(pfn, int(page["private"]))
        elif "PG_head" in words:
            order = int(page["private"])
            print(f"  kmalloc:   first page of a page-backed kmalloc of order "
                  f"{order} ({PAGE_SIZE << order} bytes)")
        if zone is not None:
            self.pageblock(zone, pfn)

    @staticmethod
    def zone(nid, zid):
        node_data = symbol(NODE_DATA, "node_data[]")
        if nid >= array_len(node_data) or not to_int(node_data[nid]):
            return None
        zones = node_data[nid].dereference()["node_zones"]
        if zid >= array_len(zones):
            return None
        return fetched(zones[zid], f"zone {zid} of node {nid}")

    @staticmethod
    def containing_block(pfn, zone):
        """The free block that holds pfn, found as the kernel would: a
        PG_buddy head at pfn rounded down to 2^order, of at least that order."""
        buddy_bit = next((v for v, n in enum_names("enum pageflags").items()
                          if n == "PG_buddy"), None)
        if buddy_bit is None or zone is None:
            return
        max_order = array_len(zone["free_area"])
        for order in range(1, max_order):
            head = pfn & ~((1 << order) - 1)
            page = read_page(head)
            if page is None:
                break
            if to_int(page["flags"]) >> buddy_bit & 1 and int(page["private"]) >= order:
                size = 1 << int(page["private"])
                if head + size > pfn:
                    print(f"  buddy:     free, inside the block of order "
                          f"{int(page['private'])} headed by pfn {head}")
                    return
        print("  buddy:     not in a free block (allocated or reserved)")

    @staticmethod
    def slab(pfn, order):
        """The slab header sits at the start of the slab's block."""
        head = pfn & ~((1 << order) - 1)
        try:
            slab = gdb.Value(DIRECT_MAP + (head << PAGE_SHIFT)).cast(
                gdb.lookup_type("struct slab").pointer()).dereference()
            cache = slab["cache"]
            name = cache.dereference()["name"].string()
            print(f"  slab:      order {order}, header at pfn {head}, cache "
                  f"{name}, {int(slab['inuse'])} objects in use")
        except (gdb.error, gdb.MemoryError) as e:
            print(f"  slab:      order {order}, header at pfn {head} "
                  f"(unreadable: {e})")

    @staticmethod
    def pageblock(zone, pfn):
        names = migratetype_names()
        block = pfn >> PAGEBLOCK_ORDER
        first = block << PAGEBLOCK_ORDER
        start = int(zone["zone_start_pfn"])
        if not start <= pfn < start + int(zone["spanned_pages"]):
            return
        where = f"  pageblock: {block} (pfns {first}-{first + (1 << PAGEBLOCK_ORDER) - 1})"
        table = to_int(zone["pageblock_flags"])
        if not table:
            print(f"{where}, zone has no pageblock_flags yet")
            return
        mt = read_u8(table + block - (start >> PAGEBLOCK_ORDER))
        print(f"{where}, migrate type {names.get(mt, mt)}")


# --- pagoda-numa -------------------------------------------------------------------
class Numa(MmCommand):
    """NUMA nodes, memory blocks, distances and CPUs: pagoda-numa

Reads numa_topology (what mm/numa.c made of the firmware's description:
the ACPI SRAT, SLIT and MADT) and node_data[]: first the
`numactl --hardware` view the kernel prints at boot (nodes online, each
node's CPUs, size and free memory, the distance matrix), then the node
states, the memory blocks of each node, and the CPU -> node map with
APIC ids.  Distances are read as node_distance() computes them: the
SLIT's value, else 10 locally and 20 remotely.  Before the memory
manager is set up (no node has a pg_data_t yet) it says so instead:
numa_topology then still holds its build-time placeholder, one node 0."""

    def __init__(self):
        super().__init__("pagoda-numa", gdb.COMMAND_DATA)
        self._command = "pagoda-numa"

    def run(self, arg):
        if arg.strip():
            raise gdb.GdbError("usage: pagoda-numa")
        # As the other helpers: nothing to show before the pg_data_ts exist
        # (the placeholder topology would claim one node on any machine).
        nodes = pgdats()
        if not nodes:
            raise gdb.GdbError(NOT_SET_UP)
        topo = fetched(symbol(NUMA_TOPOLOGY, "numa_topology"), "numa_topology")
        states = topo["node_states"]
        state_names = enum_names("enum node_states")
        by_name = {n: v for v, n in state_names.items()}

        def nodes_in(state):
            mask = to_int(states[by_name[state]])
            return [n for n in range(64) if mask >> n & 1]

        online = nodes_in("N_ONLINE")
        nr_cpus = int(topo["nr_cpus"])
        cpu_node = [int(topo["cpu_node"][c]) for c in range(nr_cpus)]
        cnt = int(topo["distance_cnt"])

        def distance(a, b):
            if a >= cnt or b >= cnt:
                return LOCAL_DISTANCE if a == b else REMOTE_DISTANCE
            return int(topo["distance"][a][b])

        free = {}
        for nid, pgdat in nodes:
            free[nid] = sum(int(z["free_pages"]) for z in zones_of(pgdat))

        print(f"available: {len(online)} nodes ({node_list(online)})")
        for nid in online:
            print(f"node {nid} cpus:" + "".join(
                f" {c}" for c in range(nr_cpus) if cpu_node[c] == nid))
            size = to_int(topo["present_pages"][nid]) << PAGE_SHIFT >> 20
            print(f"node {nid} size: {size} MB")
            print(f"node {nid} free: {free.get(nid, 0) << PAGE_SHIFT >> 20} MB")
        print("node distances:")
        print("node " + "".join(f"{n: 3d} " for n in online))
        for a in online:
            print(f"{a: 3d}: " + "".join(f"{distance(a, b): 3d} " for b in online))

        print()
        source = "from the SRAT" if topo["numa"] else "one fake node (no SRAT, or numa=off)"
        slit = "from the SLIT" if topo["slit_used"] else "default (no SLIT)"
        print(f"NUMA: {source}; distances {slit}; nr_node_ids {int(topo['nr_node_ids'])}")
        for value in sorted(state_names):
            name = state_names[value]
            if not name.startswith("NR_"):
                print(f"  {name:10} {node_list(nodes_in(name))}")
        pxm = {n: int(topo["node_to_pxm"][n]) for n in nodes_in("N_POSSIBLE")}
        if any(p >= 0 for p in pxm.values()):
            print("  PXM        " + ", ".join(f"node {n} = PXM {p}"
                                             for n, p in pxm.items() if p >= 0))
        for field, title in (("meminfo", "memory blocks"),
                             ("reserved", "SRAT ranges without RAM"),
                             ("hotplug", "hot-pluggable SRAT ranges")):
            if field == "meminfo" or int(topo[field]["nr_blks"]):
                self.meminfo(f"{title} (numa_topology.{field})", topo[field])
        print("cpu  apic  node")
        for cpu in range(nr_cpus):
            print(f"{cpu:3d}  {int(topo['cpu_apic'][cpu]):#4x}  {cpu_node[cpu]:4d}")

    @staticmethod
    def meminfo(title, info):
        info = fetched(info, title)
        n = int(info["nr_blks"])
        print(f"{title}: {n}")
        for i in range(n):
            blk = info["blk"][i]
            start, end = to_int(blk["start"]), to_int(blk["end"])
            hot = " hotpluggable" if bool(blk["hotpluggable"]) else ""
            print(f"  node {int(blk['nid'])} [mem {start:#018x}-{end - 1:#018x}] "
                  f"{size_text(end - start)}{hot}")


BuddyInfo()
ZoneInfo()
Page()
Numa()
