/*
 * lib/cpio.h - reading a "newc" cpio archive (the initial RAM disk format).
 *
 * Teaches: an archive handed over by the boot loader is untrusted input.
 * Every header field is text that must be all hex digits, every length
 * is checked against what is left of the buffer before it is used, and
 * the parser never reads past the end: a truncated or malformed archive
 * gives an error with a sentence, not a fault.
 * Linux counterpart: init/initramfs.c (the newc unpacker), lib/earlycpio.c.
 */
#ifndef PAGODA_LIB_CPIO_H
#define PAGODA_LIB_CPIO_H

#include "kernel/types.h"

#define CPIO_S_IFMT	0170000
#define CPIO_S_IFREG	0100000
#define CPIO_S_IFDIR	0040000

struct cpio_entry {
	const char *name;	/* NUL-terminated, inside the archive */
	size_t name_len;	/* without the NUL */
	u32 mode;		/* file type and permission bits */
	const void *data;	/* inside the archive; size bytes */
	size_t size;
};

struct cpio_iter {
	const u8 *base;
	size_t len;
	size_t off;		/* of the next header */
	bool done;		/* the trailer or an error was seen */
	int err;		/* what cpio_next() returns once done */
	const char *why;
};

void cpio_iter_init(struct cpio_iter *it, const void *buf, size_t len);

/*
 * The next entry: 1 and *e filled, 0 at the trailer ("TRAILER!!!"), or a
 * negative errno with *why set to a sentence (-EINVAL: malformed header,
 * -EIO: the archive ends early).  After 0 or an error it keeps
 * returning the same.
 */
int cpio_next(struct cpio_iter *it, struct cpio_entry *e, const char **why);

/*
 * Find a path ("/bin/init" or "bin/init"; a leading "/" or "./" in the
 * path or in archive names is ignored).  0 and *e filled, -ENOENT, or
 * the error that stopped the walk (with *why).
 */
int cpio_find(const void *buf, size_t len, const char *path,
	      struct cpio_entry *e, const char **why);

#endif
