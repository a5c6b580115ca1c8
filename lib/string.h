/*
 * lib/string.h - memory and string primitives.
 *
 * Teaches: a freestanding kernel supplies its own memory and string
 * functions, including the four the compiler calls on its own; and a few
 * kernel-specific helpers (strscpy, escape_ctrl) that make copying and
 * printing untrusted strings safe.
 * Linux counterpart: include/linux/string.h.
 */
#ifndef PAGODA_LIB_STRING_H
#define PAGODA_LIB_STRING_H

#include "kernel/types.h"

/*
 * GCC emits calls to memcpy/memmove/memset/memcmp by these exact names
 * (structure copies, large initialisers) even in freestanding code, so
 * the kernel must provide them.
 */
void *memcpy(void *dest, const void *src, size_t n);
void *memmove(void *dest, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
/*
 * Walk a comma-separated list in place: returns the next item (not
 * NUL-terminated; *len is its length) and advances *cursor, or NULL at
 * the end.
 */
const char *next_list_item(const char **cursor, size_t *len);
/* Is word (len chars) one of the items of the comma-separated list? */
bool list_has_item(const char *list, const char *word, size_t len);

/*
 * Copy at most size-1 characters and always NUL-terminate (if size > 0).
 * Returns the length copied, or -E2BIG if src did not fit.
 */
ssize_t strscpy(char *dest, const char *src, size_t size);

/*
 * Copy src[0, len) into dst (size bytes, always NUL-terminated when
 * size > 0), writing control characters and bytes from 0x7f up as \xNN
 * so that a log line shows exactly what was there.  Stops before a
 * character whose text would not fit whole.  Returns the number of
 * source bytes copied, so that a caller can print a long string piece
 * by piece.  Linux counterpart: string_escape_mem() (ESCAPE_HEX).
 */
size_t escape_ctrl(char *dst, size_t size, const char *src, size_t len);

#endif /* PAGODA_LIB_STRING_H */
