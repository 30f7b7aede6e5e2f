/* The shared libraries an ELF file needs (DT_NEEDED), read from the file's
 * bytes with every offset checked (System V ABI, "Dynamic Section"; the ELF
 * header and program headers of the gABI, 32- and 64-bit, either byte
 * order). Used to tell a copy of a library inside a program from the
 * compile-time version text of a library the program links at run time. */
#include <string.h>

#include "fwscan/internal.h"

/* Entries read from a dynamic section: real ones have ~30. */
#define ELF_MAX_DYN 4096
#define ELF_MAX_PHDR 256

struct elf_rd {
	const unsigned char *p;
	size_t len;
	int is64, be;
};

static int rd(const struct elf_rd *e, size_t off, size_t size, unsigned long long *out)
{
	unsigned long long v = 0;
	size_t i;

	if (off > e->len || size > e->len - off)
		return -1;
	for (i = 0; i < size; i++) {
		size_t k = e->be ? i : size - 1 - i;
		v = (v << 8) | e->p[off + k];
	}
	*out = v;
	return 0;
}

size_t fwscan__elf_needed(const unsigned char *p, size_t len, const char **names, size_t max)
{
	struct elf_rd e = { p, len, 0, 0 };
	unsigned long long phoff, phentsize, phnum, dyn_off = 0, dyn_size = 0, strtab = 0;
	unsigned long long loads[ELF_MAX_PHDR][3];
	unsigned long long needed[64];
	size_t n_loads = 0, n_needed = 0, i, w, out = 0;
	int have_dyn = 0, have_strtab = 0;

	if (len < 52 || memcmp(p, "\177ELF", 4) || (p[4] != 1 && p[4] != 2) ||
	    (p[5] != 1 && p[5] != 2))
		return 0;
	e.is64 = p[4] == 2;
	e.be = p[5] == 2;
	w = e.is64 ? 8 : 4;
	if (rd(&e, e.is64 ? 32 : 28, w, &phoff) || rd(&e, e.is64 ? 54 : 42, 2, &phentsize) ||
	    rd(&e, e.is64 ? 56 : 44, 2, &phnum))
		return 0;
	if (phnum > ELF_MAX_PHDR || phentsize < (e.is64 ? 56u : 32u))
		return 0;
	for (i = 0; i < phnum; i++) {
		unsigned long long base = phoff + i * phentsize, type, off, vaddr, filesz;

		if (phoff > len || base > len)
			return 0;
		if (rd(&e, (size_t)base, 4, &type))
			return 0;
		if (e.is64) {
			if (rd(&e, (size_t)base + 8, 8, &off) || rd(&e, (size_t)base + 16, 8, &vaddr) ||
			    rd(&e, (size_t)base + 32, 8, &filesz))
				return 0;
		} else {
			if (rd(&e, (size_t)base + 4, 4, &off) || rd(&e, (size_t)base + 8, 4, &vaddr) ||
			    rd(&e, (size_t)base + 16, 4, &filesz))
				return 0;
		}
		if (type == 1 && n_loads < ELF_MAX_PHDR) { /* PT_LOAD */
			loads[n_loads][0] = off;
			loads[n_loads][1] = vaddr;
			loads[n_loads][2] = filesz;
			n_loads++;
		} else if (type == 2) { /* PT_DYNAMIC */
			dyn_off = off;
			dyn_size = filesz;
			have_dyn = 1;
		}
	}
	if (!have_dyn || dyn_off > len)
		return 0;
	for (i = 0; i < ELF_MAX_DYN && (i + 1) * 2 * w <= dyn_size; i++) {
		unsigned long long tag, val;
		size_t at = (size_t)dyn_off + i * 2 * w;

		if (rd(&e, at, w, &tag) || rd(&e, at + w, w, &val))
			break;
		if (tag == 0) /* DT_NULL */
			break;
		if (tag == 1 && n_needed < 64) /* DT_NEEDED */
			needed[n_needed++] = val;
		else if (tag == 5) { /* DT_STRTAB, an address */
			strtab = val;
			have_strtab = 1;
		}
	}
	if (!have_strtab)
		return 0;
	/* The string table's address to a file offset through PT_LOAD. */
	for (i = 0; i < n_loads; i++) {
		if (strtab >= loads[i][1] && strtab - loads[i][1] < loads[i][2]) {
			strtab = strtab - loads[i][1] + loads[i][0];
			break;
		}
	}
	if (i == n_loads || strtab >= len)
		return 0;
	for (i = 0; i < n_needed && out < max; i++) {
		unsigned long long at = strtab + needed[i];

		if (needed[i] >= len || at >= len)
			continue;
		if (!memchr(p + at, '\0', len - (size_t)at))
			continue;
		names[out++] = (const char *)p + at;
	}
	return out;
}
