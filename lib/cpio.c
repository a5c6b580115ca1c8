/*
 * lib/cpio.c - a strict parser of "newc" cpio archives.
 *
 * Teaches: the newc layout.  Each member is a 110-byte header of text
 * (the magic "070701", then 13 fields of 8 hex digits: ino, mode, uid,
 * gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor,
 * namesize, check), the name with its NUL (namesize counts it), padding
 * to a multiple of 4 from the start of the header, the data, and padding
 * to 4 again.  The member named "TRAILER!!!" ends the archive.  All
 * arithmetic is done on offsets compared to the remaining length, so no
 * sum can overflow past the end of the buffer.
 * Linux counterpart: lib/earlycpio.c (find_cpio_data), init/initramfs.c.
 */
#include "kernel/compiler.h"
#include "kernel/errno.h"
#include "lib/cpio.h"
#include "lib/string.h"

#define NEWC_MAGIC	"070701"
#define NEWC_HDR_LEN	110
#define NEWC_FIELDS	13
#define F_MODE		1
#define F_FILESIZE	6
#define F_NAMESIZE	11
#define TRAILER		"TRAILER!!!"

void
cpio_iter_init(struct cpio_iter *it, const void *buf, size_t len)
{
	it->base = buf;
	it->len = len;
	it->off = 0;
	it->done = false;
	it->err = 0;
	it->why = NULL;
}

/* Eight hex digits, exactly: newc allows no spaces, signs or prefixes. */
static bool
parse_hex8(const u8 *s, u32 *out)
{
	u32 v = 0;

	for (int i = 0; i < 8; i++) {
		u8 c = s[i];
		u32 d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

/* Round an offset up to 4; false when that passes the end. */
static bool
align4(size_t *off, size_t len)
{
	size_t pad = (4 - (*off & 3)) & 3;

	if (pad > len - *off)
		return false;
	*off += pad;
	return true;
}

static int
fail(struct cpio_iter *it, int err, const char **why, const char *msg)
{
	it->done = true;
	it->err = err;
	it->why = msg;
	*why = msg;
	return err;
}

int
cpio_next(struct cpio_iter *it, struct cpio_entry *e, const char **why)
{
	u32 f[NEWC_FIELDS];
	size_t off = it->off, len = it->len;
	const u8 *h;

	*why = it->why;
	if (it->done)
		return it->err;
	if (len - off < NEWC_HDR_LEN)
		return fail(it, -EIO, why,
			    "the archive ends inside a header (no trailer)");
	h = it->base + off;
	if (memcmp(h, NEWC_MAGIC, 6))
		return fail(it, -EINVAL, why,
			    "bad magic: not a newc (070701) cpio header");
	for (int i = 0; i < NEWC_FIELDS; i++)
		if (!parse_hex8(h + 6 + 8 * i, &f[i]))
			return fail(it, -EINVAL, why,
				    "a header field is not 8 hex digits");
	off += NEWC_HDR_LEN;

	if (f[F_NAMESIZE] == 0)
		return fail(it, -EINVAL, why, "a name size of 0 (no NUL)");
	if (f[F_NAMESIZE] > len - off)
		return fail(it, -EIO, why,
			    "the archive ends inside a file name");
	e->name = (const char *)it->base + off;
	e->name_len = f[F_NAMESIZE] - 1;
	if (e->name[e->name_len] != '\0' ||
	    memchr(e->name, '\0', e->name_len))
		return fail(it, -EINVAL, why,
			    "a file name is not NUL-terminated where its size says");
	off += f[F_NAMESIZE];
	if (!align4(&off, len))
		return fail(it, -EIO, why,
			    "the archive ends inside the padding after a name");

	e->mode = f[F_MODE];
	e->size = f[F_FILESIZE];
	if (e->name_len == sizeof(TRAILER) - 1 &&
	    !memcmp(e->name, TRAILER, e->name_len)) {
		it->done = true;
		it->off = off;
		return 0;
	}
	if (e->size > len - off)
		return fail(it, -EIO, why,
			    "the archive ends inside a file's data");
	e->data = it->base + off;
	off += e->size;
	/* The last member's data may end the buffer without padding. */
	if (!align4(&off, len))
		off = len;
	it->off = off;
	return 1;
}

/* Skip the leading "/" and "./" that archives and callers may use. */
static const char *
skip_root(const char *p)
{
	for (;;) {
		if (p[0] == '/')
			p++;
		else if (p[0] == '.' && p[1] == '/')
			p += 2;
		else
			return p;
	}
}

int
cpio_find(const void *buf, size_t len, const char *path,
	  struct cpio_entry *e, const char **why)
{
	struct cpio_iter it;
	const char *want = skip_root(path);
	int ret;

	*why = NULL;
	cpio_iter_init(&it, buf, len);
	while ((ret = cpio_next(&it, e, why)) > 0)
		if (!strcmp(skip_root(e->name), want))
			return 0;
	return ret < 0 ? ret : -ENOENT;
}
