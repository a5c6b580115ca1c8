/*
 * drivers/acpi_madt.c - the MADT: which CPUs and interrupt controllers exist.
 *
 * Teaches: the Multiple APIC Description Table (signature "APIC") is how
 * an x86 kernel learns how many CPUs it may start and how to address
 * them.  After a small header (the local APIC's physical address and a
 * flag saying the legacy 8259 PICs exist) come variable-length entries,
 * each starting with a type and a length byte:
 *	type 0  a local APIC: ACPI processor id, 8-bit APIC id, flags
 *	type 9  an x2APIC: the same with a 32-bit APIC id
 *	type 1  an IOAPIC: id, MMIO address, first global interrupt (GSI)
 *	type 2  an interrupt source override: ISA IRQ n is GSI m, with
 *		its polarity and trigger mode (QEMU: the timer IRQ 0 is GSI 2)
 *	type 4  which LINT pin of the local APICs is wired to NMI
 *	type 5  a 64-bit local APIC address replacing the header's
 * A CPU entry's flags say whether the CPU is there (bit 0, enabled); from
 * MADT revision 5 on, bit 1 (online capable) says a disabled CPU can be
 * brought up later, and such a CPU is a possible (hot-pluggable) CPU.  A
 * disabled CPU that is not online capable is not a possible CPU at all;
 * in a table older than revision 5 bit 1 means nothing, so no disabled
 * CPU counts.  That is Linux 6.1's acpi_is_processor_usable(); Linux 6.5
 * went back to counting every disabled CPU of an old table as
 * hot-pluggable, which QEMU's CPU hotplug relies on.  Linux numbers the
 * present CPUs first, in table order, then the hot-pluggable ones; the
 * boot CPU is always CPU 0.
 *
 * The lengths come from the firmware: an entry of length 0 (an endless
 * loop), one that runs past the table, or one too short for its type
 * makes the whole table unusable, as in Linux ("Invalid BIOS MADT").
 *
 * Linux counterpart: arch/x86/kernel/acpi/boot.c (acpi_parse_madt,
 * acpi_parse_lapic, acpi_parse_x2apic, acpi_parse_ioapic,
 * acpi_parse_int_src_ovr), drivers/acpi/tables.c
 * (acpi_table_print_madt_entry), arch/x86/kernel/smpboot.c
 * (prefill_possible_map).
 */
#include "drivers/acpi_madt.h"

#include "lib/unaligned.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "lib/string.h"

#define MADT_HEADER_LEN		44	/* table header + address + flags */

struct madt_info madt_info;

/* The shortest entry of each type we read; 0 for types we skip. */
static u8
entry_min_len(u8 type)
{
	switch (type) {
	case ACPI_MADT_TYPE_LOCAL_APIC:		return 8;
	case ACPI_MADT_TYPE_IO_APIC:		return 12;
	case ACPI_MADT_TYPE_INTERRUPT_OVERRIDE:	return 10;
	case ACPI_MADT_TYPE_LOCAL_APIC_NMI:	return 6;
	case ACPI_MADT_TYPE_LOCAL_APIC_OVERRIDE: return 12;
	case ACPI_MADT_TYPE_LOCAL_X2APIC:	return 16;
	case ACPI_MADT_TYPE_LOCAL_X2APIC_NMI:	return 12;
	default:				return 0;
	}
}

/*
 * Pass 0 takes the present CPUs and every other entry, pass 1 the
 * hot-pluggable CPUs: so present CPUs get the low numbers, as in Linux.
 */
static void
add_cpu(struct madt_info *mi, u32 apic_id, u32 uid, u32 flags, bool x2apic,
	int pass)
{
	bool enabled = flags & ACPI_MADT_ENABLED;
	bool usable = enabled || (mi->revision >= 5 &&
				  (flags & ACPI_MADT_ONLINE_CAPABLE));

	/* 0xff and 0xffffffff are "no such APIC": ignored, as Linux does. */
	if (apic_id == (x2apic ? 0xffffffffU : 0xffU))
		return;
	if (!usable) {
		if (pass == 0)
			mi->nr_unusable++;
		return;
	}
	if (enabled != (pass == 0))
		return;
	for (unsigned int i = 0; i < mi->nr_cpus; i++) {
		if (mi->cpus[i].apic_id == apic_id) {
			pr_warn("ACPI: MADT: APIC id 0x%02x listed twice, ignored\n",
				apic_id);
			return;
		}
	}
	if (mi->nr_cpus >= NR_CPUS) {
		pr_warn("APIC: NR_CPUS/possible_cpus limit of %i reached. Processor %u/0x%x ignored.\n",
			NR_CPUS, mi->nr_cpus + mi->nr_excess, apic_id);
		mi->nr_excess++;
		return;
	}
	mi->cpus[mi->nr_cpus++] = (struct madt_cpu){
		.apic_id = apic_id, .acpi_uid = uid, .enabled = enabled,
		.x2apic = x2apic,
	};
	if (enabled)
		mi->nr_present++;
}

static void
add_entry(struct madt_info *mi, const u8 *e, int pass)
{
	switch (e[0]) {
	case ACPI_MADT_TYPE_LOCAL_APIC:
		add_cpu(mi, e[3], e[2], get_unaligned_le32(e + 4), false, pass);
		return;
	case ACPI_MADT_TYPE_LOCAL_X2APIC:
		add_cpu(mi, get_unaligned_le32(e + 4), get_unaligned_le32(e + 12), get_unaligned_le32(e + 8),
			true, pass);
		return;
	}
	if (pass)
		return;
	switch (e[0]) {
	case ACPI_MADT_TYPE_IO_APIC:
		if (mi->nr_ioapics >= MADT_MAX_IOAPICS) {
			pr_warn("ACPI: MADT: more than %d IOAPICs, id %u ignored\n",
				MADT_MAX_IOAPICS, e[2]);
			return;
		}
		mi->ioapics[mi->nr_ioapics++] = (struct madt_ioapic){
			.id = e[2], .address = get_unaligned_le32(e + 4),
			.gsi_base = get_unaligned_le32(e + 8),
		};
		return;
	case ACPI_MADT_TYPE_INTERRUPT_OVERRIDE:
		if (mi->nr_overrides >= MADT_MAX_OVERRIDES) {
			pr_warn("ACPI: MADT: more than %d interrupt overrides, IRQ %u ignored\n",
				MADT_MAX_OVERRIDES, e[3]);
			return;
		}
		mi->overrides[mi->nr_overrides++] = (struct madt_override){
			.bus = e[2], .source_irq = e[3],
			.global_irq = get_unaligned_le32(e + 4), .flags = get_unaligned_le16(e + 8),
		};
		return;
	case ACPI_MADT_TYPE_LOCAL_APIC_NMI:
	case ACPI_MADT_TYPE_LOCAL_X2APIC_NMI: {
		bool x2 = e[0] == ACPI_MADT_TYPE_LOCAL_X2APIC_NMI;

		if (mi->nr_nmis >= MADT_MAX_NMIS)
			return;
		mi->nmis[mi->nr_nmis++] = (struct madt_nmi){
			.acpi_uid = x2 ? get_unaligned_le32(e + 4) : e[2],
			.flags = get_unaligned_le16(e + (x2 ? 2 : 3)),
			.lint = e[x2 ? 8 : 5], .x2apic = x2,
		};
		return;
	}
	case ACPI_MADT_TYPE_LOCAL_APIC_OVERRIDE:
		mi->lapic_address = get_unaligned_le64(e + 4);
		return;
	}
}

/* Walk the entries; every length is checked before the entry is read. */
static int
walk_entries(const u8 *p, u32 len, struct madt_info *mi, int pass)
{
	u32 off = MADT_HEADER_LEN;
	unsigned int index = 0;

	while (off < len) {
		u8 type, elen;

		if (len - off < 2) {
			if (pass == 0)
				pr_warn("ACPI: MADT: %u stray byte at the end ignored\n",
					len - off);
			return 0;
		}
		type = p[off];
		elen = p[off + 1];
		if (elen < 2 || elen > len - off || elen < entry_min_len(type)) {
			pr_err("ACPI: MADT: entry %u (type %u) at offset %#x: length %u %s\n",
			       index, type, off, elen,
			       elen < 2 ? "is impossible" :
			       elen > len - off ? "runs past the table" :
			       "is too short for its type");
			return -EINVAL;
		}
		add_entry(mi, p + off, pass);
		off += elen;
		index++;
	}
	return 0;
}

/* Linux's names for the polarity and trigger bits of the MPS INTI flags. */
static const char *const inti_polarity[] = { "dfl", "high", "res", "low" };
static const char *const inti_trigger[] = { "dfl", "edge", "res", "level" };

static void
madt_print(const struct madt_info *mi)
{
	pr_debug("ACPI: Local APIC address 0x%08llx\n",
		 (unsigned long long)mi->lapic_address);
	for (unsigned int i = 0; i < mi->nr_nmis; i++) {
		const struct madt_nmi *n = &mi->nmis[i];

		pr_info("ACPI: %s (%s[0x%02x] %s %s lint[0x%x])\n",
			n->x2apic ? "X2APIC_NMI" : "LAPIC_NMI",
			n->x2apic ? "uid" : "acpi_id", n->acpi_uid,
			inti_polarity[n->flags & 3],
			inti_trigger[(n->flags >> 2) & 3], n->lint);
	}
	for (unsigned int i = 0; i < mi->nr_ioapics; i++)
		pr_info("IOAPIC[%u]: apic_id %u, address %#x, GSI %u\n", i,
			mi->ioapics[i].id, mi->ioapics[i].address,
			mi->ioapics[i].gsi_base);
	for (unsigned int i = 0; i < mi->nr_overrides; i++) {
		const struct madt_override *o = &mi->overrides[i];

		pr_info("ACPI: INT_SRC_OVR (bus %u bus_irq %u global_irq %u %s %s)\n",
			o->bus, o->source_irq, o->global_irq,
			inti_polarity[o->flags & 3],
			inti_trigger[(o->flags >> 2) & 3]);
	}
	pr_info("ACPI: Using ACPI (MADT) for SMP configuration information\n");
	pr_info("ACPI: MADT: %u CPUs, APIC ids:", mi->nr_cpus);
	for (unsigned int i = 0; i < mi->nr_cpus; i++)
		pr_cont(" 0x%02x", mi->cpus[i].apic_id);
	pr_cont("\n");
	if (mi->nr_unusable)
		pr_info("ACPI: MADT: %u disabled CPUs that are not online capable ignored\n",
			mi->nr_unusable);
	pr_info("smpboot: Allowing %u CPUs, %u hotplug CPUs\n", mi->nr_cpus,
		mi->nr_cpus - mi->nr_present);
}

/* Empty: the counts say how much of each array is meaningful. */
static void
madt_reset(struct madt_info *mi)
{
	mi->valid = false;
	mi->revision = 0;
	mi->flags = 0;
	mi->lapic_address = 0;
	mi->nr_cpus = mi->nr_present = mi->nr_unusable = mi->nr_excess = 0;
	mi->nr_ioapics = mi->nr_overrides = mi->nr_nmis = 0;
}

int
madt_parse(const struct acpi_table_header *madt, struct madt_info *mi)
{
	const u8 *p = (const u8 *)madt;
	u32 len = get_unaligned_le32(p + 4);

	madt_reset(mi);
	if (len < MADT_HEADER_LEN) {
		pr_err("ACPI: MADT: %u bytes, shorter than its header: not used\n",
		       len);
		return -EINVAL;
	}
	mi->revision = madt->revision;
	mi->lapic_address = get_unaligned_le32(p + 36);
	mi->flags = get_unaligned_le32(p + 40);
	if (walk_entries(p, len, mi, 0) || walk_entries(p, len, mi, 1)) {
		pr_err("ACPI: Invalid BIOS MADT: not used\n");
		madt_reset(mi);
		return -EINVAL;
	}
	mi->valid = true;
	madt_print(mi);
	return 0;
}

void
madt_numa_cpus(const struct madt_info *mi, struct numa_firmware *fw)
{
	fw->nr_cpus = mi->valid ? mi->nr_cpus : 0;
	for (unsigned int i = 0; i < fw->nr_cpus; i++)
		fw->cpus[i] = (struct numa_fw_cpu){
			.apic_id = mi->cpus[i].apic_id,
			.enabled = mi->cpus[i].enabled,
		};
}

/* ---- kernel side --------------------------------------------------------- */

void
acpi_boot_init(void)
{
	const struct acpi_table_header *madt;

	acpi_table_init(acpi_os_map_memory);
	madt = acpi_get_table("APIC", 0);
	if (!madt) {
		madt_reset(&madt_info);
		pr_warn("ACPI: no MADT: one CPU, no IOAPIC\n");
		return;
	}
	madt_parse(madt, &madt_info);
}
