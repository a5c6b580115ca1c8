/*
 * lib/string.c - memory and string primitives, written for clarity.
 *
 * Teaches: a kernel has no libc, so even memcpy() is the kernel's own code;
 * and the compiler itself relies on memcpy/memset/memmove/memcmp existing.
 * Every loop here works byte by byte: slow but obviously correct. (Linux
 * uses word-at-a-time or "rep movsb" versions in arch/x86/lib/.)
 * Linux counterpart: lib/string.c.
 */
#include "kernel/errno.h"
#include "lib/string.h"

/*
 * GCC's loop-distribution pass recognises a byte-copy loop and may replace
 * it with a call to memcpy() - which, inside memcpy() itself, would recurse
 * forever. -ffreestanding (mandatory for kernel code, see the Makefile)
 * switches that off; without it GCC really does turn memset() into a call
 * to itself at -O3.
 */
/*
 * memcpy and memset move 8 bytes at a time when both ends allow it: page
 * zeroing and copying are hot paths (__GFP_ZERO, page migration), and a
 * byte loop costs eight times the instructions.  The may_alias type keeps
 * the compiler from assuming these accesses don't touch other types.
 */
typedef u64 __attribute__((may_alias)) u64_alias;

void *
memcpy(void *dest, const void *src, size_t n)
{
	unsigned char *d = dest;
	const unsigned char *s = src;

	if ((((uintptr_t)d | (uintptr_t)s) & 7) == 0) {
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(u64_alias *)d = *(const u64_alias *)s;
	}
	while (n--)
		*d++ = *s++;
	return dest;
}

/* Like memcpy(), but the regions may overlap: copy in the safe direction. */
void *
memmove(void *dest, const void *src, size_t n)
{
	unsigned char *d = dest;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return dest;
	if ((uintptr_t)d < (uintptr_t)s) {
		while (n--)
			*d++ = *s++;
	} else {
		/* dest is above src: copy from the end so we never clobber */
		d += n;
		s += n;
		while (n--)
			*--d = *--s;
	}
	return dest;
}

void *
memset(void *s, int c, size_t n)
{
	unsigned char *p = s;

	if (((uintptr_t)p & 7) == 0) {
		u64 pattern = 0x0101010101010101ULL * (unsigned char)c;

		for (; n >= 8; n -= 8, p += 8)
			*(u64_alias *)p = pattern;
	}
	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

/* Bytes compare as unsigned char, as C requires. */
int
memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++) {
		if (*x != *y)
			return *x < *y ? -1 : 1;
	}
	return 0;
}

size_t
strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

/* Never looks at more than maxlen bytes: safe on unterminated buffers. */
size_t
strnlen(const char *s, size_t maxlen)
{
	size_t n = 0;

	while (n < maxlen && s[n])
		n++;
	return n;
}

int
strcmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;

	while (*x && *x == *y) {
		x++;
		y++;
	}
	if (*x == *y)
		return 0;
	return *x < *y ? -1 : 1;
}

int
strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;

	for (; n; n--, x++, y++) {
		if (*x != *y)
			return *x < *y ? -1 : 1;
		if (!*x)
			break;
	}
	return 0;
}

/* Searching for '\0' finds the terminator, as in C. */
char *
strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *
strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

/* The naive quadratic search: fine for command lines and log matching. */
char *
strstr(const char *haystack, const char *needle)
{
	size_t nlen = strlen(needle);

	if (!nlen)
		return (char *)haystack;
	for (; *haystack; haystack++) {
		if (*haystack == *needle && !strncmp(haystack, needle, nlen))
			return (char *)haystack;
	}
	return NULL;
}

/*
 * strscpy - copy a string into a sized buffer.
 *
 * Unlike strncpy() it always NUL-terminates and does not pad; unlike
 * strlcpy() it never reads src beyond what it copies, and it tells the
 * caller plainly about truncation (-E2BIG) instead of returning strlen(src).
 */
ssize_t
strscpy(char *dest, const char *src, size_t size)
{
	size_t i;

	if (size == 0 || size > (size_t)__LONG_MAX__)
		return -E2BIG;
	for (i = 0; i < size; i++) {
		dest[i] = src[i];
		if (!src[i])
			return (ssize_t)i;
	}
	/* no room for the terminator: truncate */
	dest[size - 1] = '\0';
	return -E2BIG;
}

/* The first byte equal to c among the first n of s, or NULL. */
void *
memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

const char *
next_list_item(const char **cursor, size_t *len)
{
	const char *item = *cursor, *comma;

	if (!*item)
		return NULL;
	comma = strchr(item, ',');
	*len = comma ? (size_t)(comma - item) : strlen(item);
	*cursor = comma ? comma + 1 : item + *len;
	return item;
}

bool
list_has_item(const char *list, const char *word, size_t len)
{
	const char *item;
	size_t n;

	while ((item = next_list_item(&list, &n)))
		if (n == len && !strncmp(item, word, len))
			return true;
	return false;
}

size_t
escape_ctrl(char *dst, size_t size, const char *src, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t in = 0, out = 0;

	if (!size)
		return 0;
	for (; in < len; in++) {
		unsigned char c = (unsigned char)src[in];
		bool plain = c >= 0x20 && c < 0x7f;
		size_t need = plain ? 1 : 4;

		if (out + need >= size)
			break;
		if (plain) {
			dst[out++] = (char)c;
			continue;
		}
		dst[out++] = '\\';
		dst[out++] = 'x';
		dst[out++] = hex[c >> 4];
		dst[out++] = hex[c & 15];
	}
	dst[out] = '\0';
	return in;
}
