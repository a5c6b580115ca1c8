/*
 * tests/host/mb_build.h - build Multiboot 1/2 information structures and
 * ACPI RSDPs byte by byte, as a boot loader or firmware would.
 *
 * Teaches: the layouts here are written from the Multiboot 1 (0.6.96) and
 * Multiboot 2 (2.0) specifications and the ACPI specification, not copied
 * from boot/multiboot.c, so the tests check the parser against the
 * documents rather than against itself.
 *
 * Used by tests/host/test_multiboot1.c, test_multiboot2.c, test_rsdp.c,
 * fuzz_bootinfo.c and the seed generator fuzz_bootinfo_seeds.c (a plain host program: this
 * header needs nothing but kernel/types.h and the compiler's builtins).
 */
#ifndef PAGODA_TESTS_HOST_MB_BUILD_H
#define PAGODA_TESTS_HOST_MB_BUILD_H

#include "kernel/types.h"

/* ---- Multiboot 1: "Boot information format", spec section 3.3 ---- */

#define MBT1_MAGIC		0x2badb002
#define MBT1_F_MEMORY		(1u << 0)	/* mem_lower, mem_upper */
#define MBT1_F_BOOTDEV		(1u << 1)
#define MBT1_F_CMDLINE		(1u << 2)
#define MBT1_F_MODS		(1u << 3)
#define MBT1_F_MMAP		(1u << 6)
#define MBT1_F_LOADER_NAME	(1u << 9)

struct mbt1_info {
	u32 flags;			/* offset 0 */
	u32 mem_lower;			/* 4: KiB from 0 */
	u32 mem_upper;			/* 8: KiB from 1 MiB */
	u32 boot_device;		/* 12 */
	u32 cmdline;			/* 16: physical address */
	u32 mods_count;			/* 20 */
	u32 mods_addr;			/* 24 */
	u32 syms[4];			/* 28..43 */
	u32 mmap_length;		/* 44: bytes */
	u32 mmap_addr;			/* 48 */
	u32 drives_length;		/* 52 */
	u32 drives_addr;		/* 56 */
	u32 config_table;		/* 60 */
	u32 boot_loader_name;		/* 64 */
	u32 apm_table;			/* 68 */
	u8 vbe_and_framebuffer[48];	/* 72..119, unused here */
} __attribute__((packed));

/* "size" counts the bytes after itself: 20 for the basic entry. */
struct mbt1_mmap_entry {
	u32 size;
	u64 base_addr;
	u64 length;
	u32 type;
} __attribute__((packed));

struct mbt1_module {
	u32 mod_start, mod_end, string, reserved;
} __attribute__((packed));

/* ---- Multiboot 2: "Boot information format", spec section 3.6 ---- */

#define MBT2_MAGIC		0x36d76289
#define MBT2_TAG_END		0
#define MBT2_TAG_CMDLINE	1
#define MBT2_TAG_LOADER_NAME	2
#define MBT2_TAG_MODULE		3
#define MBT2_TAG_BASIC_MEMINFO	4
#define MBT2_TAG_BOOTDEV	5
#define MBT2_TAG_MMAP		6
#define MBT2_TAG_FRAMEBUFFER	8
#define MBT2_TAG_ACPI_OLD	14
#define MBT2_TAG_ACPI_NEW	15

struct mbt2_mmap_entry {
	u64 base_addr;
	u64 length;
	u32 type;
	u32 reserved;
} __attribute__((packed));

/*
 * Tags are appended to buf; each starts 8-byte aligned. The fixed part
 * (total_size, reserved) is written by mb2b_finish(), which also appends
 * the end tag unless told not to.
 */
struct mb2_builder {
	u8 *buf;
	u32 cap;
	u32 len;
	int overflow;			/* a tag did not fit: a test bug */
};

static inline void
mb2b_put32(u8 *p, u32 v)
{
	__builtin_memcpy(p, &v, 4);
}

static inline void
mb2b_init(struct mb2_builder *b, u8 *buf, u32 cap)
{
	b->buf = buf;
	b->cap = cap;
	b->len = 8;
	b->overflow = cap < 8;
	if (!b->overflow)
		__builtin_memset(buf, 0, 8);
}

/*
 * Append a tag whose size field says size_field (normally 8 + body_len;
 * tests lie here) with body_len bytes of body; pad to 8. Returns the
 * tag's offset in the structure.
 */
static inline u32
mb2b_tag_raw(struct mb2_builder *b, u32 type, u32 size_field,
	     const void *body, u32 body_len)
{
	u32 off = b->len;
	u32 padded = (8 + body_len + 7) & ~7u;

	if (b->overflow || padded > b->cap - off) {
		b->overflow = 1;
		return off;
	}
	__builtin_memset(b->buf + off, 0, padded);
	mb2b_put32(b->buf + off, type);
	mb2b_put32(b->buf + off + 4, size_field);
	if (body && body_len)	/* no body: zeros, for the caller to fill */
		__builtin_memcpy(b->buf + off + 8, body, body_len);
	b->len = off + padded;
	return off;
}

static inline u32
mb2b_tag(struct mb2_builder *b, u32 type, const void *body, u32 body_len)
{
	return mb2b_tag_raw(b, type, 8 + body_len, body, body_len);
}

static inline u32
mb2b_string(struct mb2_builder *b, u32 type, const char *s)
{
	return mb2b_tag(b, type, s, (u32)__builtin_strlen(s) + 1);
}

static inline u32
mb2b_module(struct mb2_builder *b, u32 start, u32 end, const char *name)
{
	u8 body[64];
	u32 n = (u32)__builtin_strlen(name) + 1;

	if (n > sizeof(body) - 8)
		n = sizeof(body) - 8;
	mb2b_put32(body, start);
	mb2b_put32(body + 4, end);
	__builtin_memcpy(body + 8, name, n);
	return mb2b_tag(b, MBT2_TAG_MODULE, body, 8 + n);
}

static inline u32
mb2b_meminfo(struct mb2_builder *b, u32 lower_kib, u32 upper_kib)
{
	u8 body[8];

	mb2b_put32(body, lower_kib);
	mb2b_put32(body + 4, upper_kib);
	return mb2b_tag(b, MBT2_TAG_BASIC_MEMINFO, body, 8);
}

/*
 * A memory map tag with n entries of entry_size bytes (>= 24 for a real
 * one; the bytes beyond the 24 are filled with 0xee).
 */
static inline u32
mb2b_mmap(struct mb2_builder *b, u32 entry_size,
	  const struct mbt2_mmap_entry *e, u32 n)
{
	u32 body_len = 8 + n * entry_size;
	u32 off = mb2b_tag(b, MBT2_TAG_MMAP, NULL, body_len);
	u8 *body;

	if (b->overflow)
		return off;
	body = b->buf + off + 8;
	mb2b_put32(body, entry_size);
	mb2b_put32(body + 4, 0);		/* entry_version */
	for (u32 i = 0; i < n; i++) {
		u8 *p = body + 8 + i * entry_size;
		u32 copy = entry_size < sizeof(*e) ? entry_size : sizeof(*e);

		__builtin_memset(p, 0xee, entry_size);
		__builtin_memcpy(p, &e[i], copy);
	}
	return off;
}

/* Finish: optionally an end tag, then total_size. Returns total_size. */
static inline u32
mb2b_finish_opt(struct mb2_builder *b, int end_tag)
{
	if (end_tag)
		mb2b_tag(b, MBT2_TAG_END, NULL, 0);
	if (!b->overflow)
		mb2b_put32(b->buf, b->len);
	return b->len;
}

static inline u32
mb2b_finish(struct mb2_builder *b)
{
	return mb2b_finish_opt(b, 1);
}

/* ---- ACPI RSDP: ACPI 6.5 section 5.2.5.3 ---- */

#define RSDP_V1_SIZE	20
#define RSDP_V2_SIZE	36

static inline u8
rsdp_sum(const u8 *p, u32 len)
{
	u8 s = 0;

	while (len--)
		s += *p++;
	return s;
}

/*
 * Fill out[36] with a valid RSDP: revision 0 (ACPI 1.0, 20 bytes
 * meaningful) or revision >= 2 (36 bytes, extended checksum). oem is up
 * to 6 characters, space padded.
 */
static inline void
rsdp_build(u8 *out, u8 revision, const char *oem, u32 rsdt, u64 xsdt)
{
	u32 length = RSDP_V2_SIZE;
	u32 i;

	__builtin_memset(out, 0, RSDP_V2_SIZE);
	__builtin_memcpy(out, "RSD PTR ", 8);
	for (i = 0; i < 6; i++)
		out[9 + i] = ' ';
	for (i = 0; i < 6 && oem[i]; i++)
		out[9 + i] = (u8)oem[i];
	out[15] = revision;
	__builtin_memcpy(out + 16, &rsdt, 4);
	out[8] = (u8)-rsdp_sum(out, RSDP_V1_SIZE);
	if (revision >= 2) {
		__builtin_memcpy(out + 20, &length, 4);
		__builtin_memcpy(out + 24, &xsdt, 8);
		out[32] = (u8)-rsdp_sum(out, RSDP_V2_SIZE);
	}
}

#endif /* PAGODA_TESTS_HOST_MB_BUILD_H */
