/*
 * tests/host/fuzz_cpio.c - libFuzzer target for lib/cpio.c.
 *
 * Teaches: the archive comes from the boot loader, so any bytes at all
 * must give entries that lie inside the buffer, or an error; the fuzzer
 * copies each input into a buffer of exactly its size so that
 * AddressSanitizer sees any read past the end.  Run: make host-fuzz-cpio.
 * Linux counterpart: none.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/errno.h"
#include "lib/cpio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *buf = malloc(size ? size : 1);
	struct cpio_iter it;
	struct cpio_entry e;
	const char *why;
	int ret;

	memcpy(buf, data, size);
	cpio_iter_init(&it, buf, size);
	while ((ret = cpio_next(&it, &e, &why)) > 0) {
		const uint8_t *d = e.data;

		/* Every entry lies inside the buffer; touch its ends. */
		if (e.name < (const char *)buf || d < buf || d + e.size > buf + size ||
		    strlen(e.name) != e.name_len)
			abort();
		if (e.size)
			(void)*(volatile const uint8_t *)(d + e.size - 1);
	}
	if (ret < 0 && (ret != -EINVAL && ret != -EIO))
		abort();
	if (ret < 0 && (!why || !*why))
		abort();
	cpio_find(buf, size, "/bin/init", &e, &why);
	free(buf);
	return 0;
}
