/* psirt — embargoes: vulnerabilities that must not be shown to everyone
 * yet (ISO/IEC 29147 coordinated disclosure: details stay with those who
 * need them until the agreed publication date).
 *
 * An embargo names a vulnerability by any id it is known by (CVE-…,
 * GHSA-…, JVNDB-…, an internal case id): a vulnerability reported by a
 * finder is often embargoed before any feed has a record of it, and the id
 * keeps working when records later join or merge vulnerabilities. It lasts
 * until a given instant, or until lifted. Who may see embargoed data is
 * psirt_role_sees_embargoed() (user.h).
 *
 * Setting and lifting write the audit log (entity "vuln", id the name,
 * field "embargo").
 */
#ifndef PSIRT_EMBARGO_H
#define PSIRT_EMBARGO_H

#include "psirt/arena.h"
#include "psirt/error.h"
#include "psirt/store.h"

/* Ids: 1..64 bytes of letters, digits and '-', '_', '.', ':' (every
 * vulnerability id scheme psirt reads). CVE ids are stored upper-case. */
#define PSIRT_EMBARGO_MAX_ID 64
/* Notes: a line of text. */
#define PSIRT_EMBARGO_MAX_NOTE 1000

struct psirt_embargo {
	const char *name;   /* as stored */
	const char *until;  /* canonical instant; NULL: until lifted */
	const char *note;   /* may be NULL */
	const char *set_by;
	const char *set_at;
};

/* Embargoes id until until (a date YYYY-MM-DD — midnight UTC that day —
 * or an ISO 8601 instant; NULL or "": until lifted), replacing an earlier
 * embargo of that name. note may be NULL. One transaction with its audit
 * row. Errors: EINVAL (a bad id, a bad time), ETOOBIG, ESTORE. */
enum psirt_err psirt_embargo_set(struct psirt_store *store, const char *id, const char *until,
                                 const char *note, const char *actor, struct psirt_diag *diag);
/* Lifts the embargo of id. ENOTFOUND when there is none. */
enum psirt_err psirt_embargo_lift(struct psirt_store *store, const char *id, const char *actor,
                                  struct psirt_diag *diag);
/* The embargo in force now on view (any of its aliases), if any: *active 1
 * and *out filled (strings in arena), else *active 0. */
enum psirt_err psirt_embargo_of_view(struct psirt_store *store, const struct psirt_vuln_view *view,
                                     struct psirt_arena *arena, int *active,
                                     struct psirt_embargo *out, struct psirt_diag *diag);
/* The embargo in force now on the name id itself (not its aliases). */
enum psirt_err psirt_embargo_get(struct psirt_store *store, const char *id,
                                 struct psirt_arena *arena, int *active,
                                 struct psirt_embargo *out, struct psirt_diag *diag);
/* How many vulnerabilities of the store are under an embargo in force. */
enum psirt_err psirt_embargo_count(struct psirt_store *store, unsigned long long *count,
                                   struct psirt_diag *diag);

#endif
