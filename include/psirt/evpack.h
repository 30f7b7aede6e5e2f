/* psirt — the stored form of a finding's evidence (docs/schema.md,
 * finding_evidence).
 *
 * A finding's evidence is a JSON array of a few hundred bytes, written once
 * per finding by a match run: at the design's scale half of what a first
 * full match writes. The store keeps it packed: one format byte, then a
 * Zstandard frame (RFC 8878) compressed against a fixed raw-content
 * dictionary (the JSON skeleton of an evidence entry: key names, fixed
 * phrases), with the content size in the frame header, no checksum and no
 * dictionary id.
 *
 *   format 1 (PSIRT_EVPACK_ZSTD_V1): zstd frame, dictionary v1.
 *
 * The dictionary never changes once shipped: a new one is a new format
 * byte, and the old one stays to read what was written with it.
 *
 * A context (struct psirt_evpack) is for one thread at a time; the
 * dictionaries are prepared once per process (thread-safe) and shared.
 */
#ifndef PSIRT_EVPACK_H
#define PSIRT_EVPACK_H

#include <stddef.h>

#include "psirt/buf.h"
#include "psirt/error.h"

/* The format byte of a zstd frame compressed with dictionary v1. */
#define PSIRT_EVPACK_ZSTD_V1 1
/* The largest evidence text packed or unpacked (16 MiB): a finding's
 * evidence is a few KB at most; a stored blob declaring more is refused
 * before any memory is taken for it. */
#define PSIRT_EVPACK_MAX ((size_t)16 << 20)

struct psirt_evpack;

/* A new context. *out owned: free with psirt_evpack_free. ENOMEM;
 * EINTERNAL when the dictionary cannot be prepared. */
enum psirt_err psirt_evpack_new(struct psirt_evpack **out, struct psirt_diag *diag);
void psirt_evpack_free(struct psirt_evpack *p);

/* Packs text[0..len) (the evidence, any bytes) and APPENDS the blob to out
 * (format byte, then the frame). ETOOBIG past PSIRT_EVPACK_MAX; ENOMEM;
 * EINTERNAL on a compressor failure. */
enum psirt_err psirt_evpack_pack(struct psirt_evpack *p, const char *text, size_t len,
                                 struct psirt_buf *out, struct psirt_diag *diag);

/* Unpacks blob[0..len) and APPENDS the text to out (NUL-terminated as any
 * psirt_buf). Refuses, with EINVAL and what is wrong in diag: an empty
 * blob, an unknown format byte, anything but exactly one zstd frame
 * declaring its content size, a corrupt frame, a frame whose content is
 * not the size it declares; ETOOBIG: a declared size past
 * PSIRT_EVPACK_MAX. Outside input (a store file handed over): never
 * crashes, never takes more memory than the cap. */
enum psirt_err psirt_evpack_unpack(struct psirt_evpack *p, const void *blob, size_t len,
                                   struct psirt_buf *out, struct psirt_diag *diag);

#endif
