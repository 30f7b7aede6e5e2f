/* The store's schema as numbered migrations (see docs/schema.md).
 *
 * Rules: a migration, once released, is never edited; a change is a new
 * entry. Each runs in its own transaction with its schema_version row, so a
 * failed upgrade leaves the previous version intact. Keep the SQL portable
 * where it costs nothing (a PostgreSQL backend will carry its own list).
 *
 * Layout choices, measured on the bench (320 k CVEs, 2 M CPE matches):
 * child rows are keyed by (record, seq) so one record's rows are adjacent and
 * a replaced record is deleted by key range; the small-row tables are
 * WITHOUT ROWID, which saves the separate key index.
 */
#include "store/internal.h"

/* One string per statement: C17 promises only 4095-byte literals. */
static const char *const schema_v1[] = {
	/* A vulnerability: what every source's record of it is joined to. name
	 * is its CVE id when it has one, else the first id it was seen under. */
	"CREATE TABLE vuln (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL UNIQUE\n"
	");\n",
	/* Every id a vulnerability is known by, its name included. */
	"CREATE TABLE vuln_alias (\n"
	"  name TEXT PRIMARY KEY,\n"
	"  vuln_id INTEGER NOT NULL REFERENCES vuln(id)\n"
	") WITHOUT ROWID;\n",
	"CREATE INDEX vuln_alias_vuln ON vuln_alias(vuln_id);\n",
	/* One source's record: an NVD CVE, a JVNDB entry, an OSV record. */
	"CREATE TABLE source_record (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  source TEXT NOT NULL CHECK (source IN ('nvd', 'jvn', 'osv', 'csaf')),\n"
	"  record_id TEXT NOT NULL,\n"
	"  vuln_id INTEGER NOT NULL REFERENCES vuln(id),\n"
	"  modified TEXT NOT NULL,\n"
	"  published TEXT,\n"
	"  assigner TEXT,\n"
	"  status TEXT,\n"
	"  withdrawn INTEGER NOT NULL DEFAULT 0,\n"
	"  withdrawn_at TEXT,\n"
	"  extra_json TEXT,\n"
	"  imported_at TEXT NOT NULL,\n"
	"  UNIQUE (source, record_id)\n"
	");\n",
	"CREATE INDEX source_record_vuln ON source_record(vuln_id);\n",
	/* The ids a record itself names as aliases or related. */
	"CREATE TABLE record_alias (\n"
	"  record INTEGER NOT NULL REFERENCES source_record(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('alias', 'related')),\n"
	"  name TEXT NOT NULL,\n"
	"  PRIMARY KEY (record, seq)\n"
	") WITHOUT ROWID;\n",
	/* Titles and descriptions, every language kept (JVN's are Japanese). */
	"CREATE TABLE record_text (\n"
	"  record INTEGER NOT NULL REFERENCES source_record(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('title', 'description')),\n"
	"  lang TEXT NOT NULL,\n"
	"  value TEXT NOT NULL,\n"
	"  PRIMARY KEY (record, seq)\n"
	");\n",
	/* Every metric block with its scorer; data is the whole block as JSON. */
	"CREATE TABLE score (\n"
	"  record INTEGER NOT NULL REFERENCES source_record(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL,\n"
	"  kind TEXT NOT NULL,\n"
	"  version TEXT,\n"
	"  vector TEXT,\n"
	"  base_score REAL,\n"
	"  severity TEXT,\n"
	"  source TEXT,\n"
	"  type TEXT,\n"
	"  data TEXT NOT NULL,\n"
	"  PRIMARY KEY (record, seq)\n"
	");\n",
	"CREATE TABLE weakness (\n"
	"  record INTEGER NOT NULL REFERENCES source_record(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL,\n"
	"  source TEXT,\n"
	"  type TEXT,\n"
	"  cwe TEXT NOT NULL,\n"
	"  PRIMARY KEY (record, seq)\n"
	") WITHOUT ROWID;\n",
	/* tags: JSON array of strings ("Exploit", "Patch", ...). */
	"CREATE TABLE reference (\n"
	"  record INTEGER NOT NULL REFERENCES source_record(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL,\n"
	"  url TEXT NOT NULL,\n"
	"  source TEXT,\n"
	"  tags TEXT NOT NULL DEFAULT '[]',\n"
	"  PRIMARY KEY (record, seq)\n"
	");\n",
	/* NVD configurations as a tree: configuration -> nodes -> CPE matches. */
	"CREATE TABLE config (\n"
	"  record INTEGER NOT NULL REFERENCES source_record(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL,\n"
	"  operator TEXT CHECK (operator IN ('AND', 'OR')),\n"
	"  negate INTEGER NOT NULL DEFAULT 0,\n"
	"  PRIMARY KEY (record, seq)\n"
	") WITHOUT ROWID;\n",
	"CREATE TABLE config_node (\n"
	"  record INTEGER NOT NULL,\n"
	"  config_seq INTEGER NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  operator TEXT NOT NULL CHECK (operator IN ('AND', 'OR')),\n"
	"  negate INTEGER NOT NULL DEFAULT 0,\n"
	"  PRIMARY KEY (record, config_seq, seq),\n"
	"  FOREIGN KEY (record, config_seq) REFERENCES config(record, seq) ON DELETE CASCADE\n"
	") WITHOUT ROWID;\n",
	/* part..cpe_update: the criteria's CPE 2.3 components (formatted-string
	 * escaping kept), NULL when it is not a well-formed CPE 2.3 name. */
	"CREATE TABLE cpe_match (\n"
	"  record INTEGER NOT NULL,\n"
	"  config_seq INTEGER NOT NULL,\n"
	"  node_seq INTEGER NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  vulnerable INTEGER NOT NULL,\n"
	"  criteria TEXT NOT NULL,\n"
	"  match_criteria_id TEXT,\n"
	"  part TEXT,\n"
	"  vendor TEXT,\n"
	"  product TEXT,\n"
	"  version TEXT,\n"
	"  cpe_update TEXT,\n"
	"  version_start_including TEXT,\n"
	"  version_start_excluding TEXT,\n"
	"  version_end_including TEXT,\n"
	"  version_end_excluding TEXT,\n"
	"  PRIMARY KEY (record, config_seq, node_seq, seq),\n"
	"  FOREIGN KEY (record, config_seq, node_seq)\n"
	"    REFERENCES config_node(record, config_seq, seq) ON DELETE CASCADE\n"
	") WITHOUT ROWID;\n",
	/* The matcher loads its index by vendor:product. */
	"CREATE INDEX cpe_match_product ON cpe_match(vendor, product);\n",
	/* OSV-style package statements: package -> ranges -> events; versions. */
	"CREATE TABLE package (\n"
	"  record INTEGER NOT NULL REFERENCES source_record(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL,\n"
	"  ecosystem TEXT,\n"
	"  name TEXT,\n"
	"  purl TEXT,\n"
	"  data TEXT,\n"
	"  PRIMARY KEY (record, seq)\n"
	");\n",
	"CREATE INDEX package_name ON package(ecosystem, name);\n",
	"CREATE INDEX package_purl ON package(purl);\n",
	"CREATE TABLE package_range (\n"
	"  record INTEGER NOT NULL,\n"
	"  package_seq INTEGER NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  type TEXT NOT NULL,\n"
	"  repo TEXT,\n"
	"  data TEXT,\n"
	"  PRIMARY KEY (record, package_seq, seq),\n"
	"  FOREIGN KEY (record, package_seq) REFERENCES package(record, seq) ON DELETE CASCADE\n"
	") WITHOUT ROWID;\n",
	"CREATE TABLE range_event (\n"
	"  record INTEGER NOT NULL,\n"
	"  package_seq INTEGER NOT NULL,\n"
	"  range_seq INTEGER NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  kind TEXT NOT NULL,\n"
	"  value TEXT NOT NULL,\n"
	"  PRIMARY KEY (record, package_seq, range_seq, seq),\n"
	"  FOREIGN KEY (record, package_seq, range_seq)\n"
	"    REFERENCES package_range(record, package_seq, seq) ON DELETE CASCADE\n"
	") WITHOUT ROWID;\n",
	"CREATE TABLE package_version (\n"
	"  record INTEGER NOT NULL,\n"
	"  package_seq INTEGER NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  version TEXT NOT NULL,\n"
	"  PRIMARY KEY (record, package_seq, seq),\n"
	"  FOREIGN KEY (record, package_seq) REFERENCES package(record, seq) ON DELETE CASCADE\n"
	") WITHOUT ROWID;\n",
	/* CISA KEV, one row per CVE; cwes is a JSON array. */
	"CREATE TABLE kev (\n"
	"  cve TEXT PRIMARY KEY,\n"
	"  vendor_project TEXT,\n"
	"  product TEXT,\n"
	"  name TEXT,\n"
	"  date_added TEXT NOT NULL,\n"
	"  short_description TEXT,\n"
	"  required_action TEXT,\n"
	"  due_date TEXT,\n"
	"  ransomware TEXT,\n"
	"  notes TEXT,\n"
	"  cwes TEXT NOT NULL DEFAULT '[]',\n"
	"  catalog_version TEXT,\n"
	"  catalog_date TEXT,\n"
	"  imported_at TEXT NOT NULL\n"
	");\n",
	/* FIRST EPSS: the latest score of each CVE. */
	"CREATE TABLE epss (\n"
	"  cve TEXT PRIMARY KEY,\n"
	"  score REAL NOT NULL,\n"
	"  percentile REAL,\n"
	"  model_version TEXT,\n"
	"  score_date TEXT NOT NULL,\n"
	"  imported_at TEXT NOT NULL\n"
	") WITHOUT ROWID;\n",
	/* Per feed source: when it was last imported and synced. */
	"CREATE TABLE feed_state (\n"
	"  source TEXT PRIMARY KEY,\n"
	"  last_import TEXT,\n"
	"  last_sync TEXT,\n"
	"  newest_record TEXT,\n"
	"  detail TEXT\n"
	");\n",
	/* Every change a person makes to a finding or case (DESIGN.md). */
	"CREATE TABLE audit_log (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  at TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  entity TEXT NOT NULL,\n"
	"  entity_id TEXT NOT NULL,\n"
	"  field TEXT,\n"
	"  old_value TEXT,\n"
	"  new_value TEXT,\n"
	"  comment TEXT\n"
	");\n",
	"CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);\n",
	NULL
};

/* The portfolio (issue 4): vendors, products, firmware versions and their
 * components, and the history of the SBOMs imported into each version.
 * Attribute vocabularies are CHECKed here as well as in the library, so that
 * a second front door cannot store a value the triage policy cannot read. */
static const char *const schema_portfolio[] = {
	"CREATE TABLE vendor (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL UNIQUE\n"
	");\n",
	/* safety: SSVC safety impact (PSIRT-PROCESS.md §5.1); cpe: the
	 * firmware's own CPE (part o); NULL everywhere means "not set". */
	"CREATE TABLE product (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL UNIQUE,\n"
	"  vendor_id INTEGER REFERENCES vendor(id),\n"
	"  safety TEXT CHECK (safety IN ('negligible', 'marginal', 'critical', 'catastrophic')),\n"
	"  weight TEXT CHECK (weight IN ('flagship', 'standard', 'legacy')),\n"
	"  exposure TEXT CHECK (exposure IN ('internet', 'local-network', 'adjacent',"
	" 'physical')),\n"
	"  update_mechanism TEXT CHECK (update_mechanism IN ('ota', 'user', 'dealer', 'none')),\n"
	"  cpe TEXT,\n"
	"  owner TEXT,\n"
	"  created_at TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL\n"
	");\n",
	"CREATE INDEX product_vendor ON product(vendor_id);\n",
	/* Hardware model numbers the firmware runs on, each with its CPE
	 * (part h) for the matcher: NVD lists hardware in AND configurations. */
	"CREATE TABLE product_hardware (\n"
	"  product INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,\n"
	"  model TEXT NOT NULL,\n"
	"  cpe TEXT,\n"
	"  PRIMARY KEY (product, model)\n"
	") WITHOUT ROWID;\n",
	/* Regulatory regimes, free tags: CRA, FDA, UN-R155, ... */
	"CREATE TABLE product_regime (\n"
	"  product INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,\n"
	"  regime TEXT NOT NULL,\n"
	"  PRIMARY KEY (product, regime)\n"
	") WITHOUT ROWID;\n",
	/* A firmware release. released, eos: YYYY-MM-DD; units: in the field;
	 * sbom_import: the import whose components are current. */
	"CREATE TABLE product_version (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  product INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,\n"
	"  version TEXT NOT NULL,\n"
	"  released TEXT,\n"
	"  eos TEXT,\n"
	"  units INTEGER CHECK (units >= 0),\n"
	"  sbom_import INTEGER,\n"
	"  created_at TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL,\n"
	"  UNIQUE (product, version)\n"
	");\n",
	/* Every SBOM stored into a version, kept when a later one replaces it:
	 * which document (format, serial, file, sha256), when, by whom. */
	"CREATE TABLE sbom_import (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  version_id INTEGER NOT NULL REFERENCES product_version(id) ON DELETE CASCADE,\n"
	"  at TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('import', 'scan')),\n"
	"  format TEXT NOT NULL,\n"
	"  spec_version TEXT,\n"
	"  serial TEXT,\n"
	"  file_name TEXT,\n"
	"  sha256 TEXT,\n"
	"  size INTEGER,\n"
	"  created TEXT,\n"
	"  root_ref TEXT,\n"
	"  root_name TEXT,\n"
	"  root_version TEXT,\n"
	"  components INTEGER NOT NULL,\n"
	"  warnings INTEGER NOT NULL,\n"
	"  replaced INTEGER NOT NULL\n"
	");\n",
	"CREATE INDEX sbom_import_version ON sbom_import(version_id);\n",
	/* The current components of a version, seq = position in the SBOM;
	 * parent_seq: the component it is nested in. hashes, licenses,
	 * properties, evidence: JSON arrays; flags: psirt_sbom_component_flags. */
	"CREATE TABLE component (\n"
	"  version_id INTEGER NOT NULL REFERENCES product_version(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL,\n"
	"  parent_seq INTEGER,\n"
	"  bom_ref TEXT,\n"
	"  type TEXT NOT NULL,\n"
	"  scope TEXT,\n"
	"  name TEXT NOT NULL,\n"
	"  version TEXT,\n"
	"  grp TEXT,\n"
	"  supplier TEXT,\n"
	"  description TEXT,\n"
	"  purl TEXT,\n"
	"  flags INTEGER NOT NULL DEFAULT 0,\n"
	"  hashes TEXT,\n"
	"  licenses TEXT,\n"
	"  properties TEXT,\n"
	"  evidence TEXT,\n"
	"  PRIMARY KEY (version_id, seq)\n"
	");\n",
	"CREATE INDEX component_purl ON component(purl);\n",
	"CREATE INDEX component_name ON component(name);\n",
	"CREATE TABLE component_cpe (\n"
	"  version_id INTEGER NOT NULL,\n"
	"  component_seq INTEGER NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  cpe TEXT NOT NULL,\n"
	"  valid INTEGER NOT NULL,\n"
	"  PRIMARY KEY (version_id, component_seq, seq),\n"
	"  FOREIGN KEY (version_id, component_seq) REFERENCES component(version_id, seq)\n"
	"    ON DELETE CASCADE\n"
	") WITHOUT ROWID;\n",
	"CREATE INDEX component_cpe_value ON component_cpe(cpe);\n",
	/* ref depends on depends_on (bom-refs / SPDX ids as the SBOM wrote them;
	 * the root's ref is sbom_import.root_ref). */
	"CREATE TABLE component_dependency (\n"
	"  version_id INTEGER NOT NULL REFERENCES product_version(id) ON DELETE CASCADE,\n"
	"  ref TEXT NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  depends_on TEXT,\n"
	"  PRIMARY KEY (version_id, ref, seq)\n"
	") WITHOUT ROWID;\n",
	NULL
};

/* JVN and OSV: what their importers need beyond the first schema.
 *   cpe_match.version_text: the source's own words for the affected
 *     versions (JVN VersionNumber, "2.13.0 から 2.15.0 より前のバージョン"),
 *     kept next to the bounds read from it, so that a matcher can tell "no
 *     bounds: every version" from "bounds unknown: the text could not be
 *     read".
 *   package.purl_type/purl_namespace/purl_name: the package-URL's identity,
 *     canonical (psirt/purl.h), from the record's purl or derived from its
 *     ecosystem and name; the matcher loads OSV ranges by them. The namespace
 *     is '' when the purl has none, so that one equality finds it.
 *   record_alias_name: `psirt vuln show` lists the records of other
 *     vulnerabilities that name one of its ids as related. */
static const char *const schema_jvn_osv[] = {
	"ALTER TABLE cpe_match ADD COLUMN version_text TEXT;\n",
	"ALTER TABLE package ADD COLUMN purl_type TEXT;\n",
	"ALTER TABLE package ADD COLUMN purl_namespace TEXT;\n",
	"ALTER TABLE package ADD COLUMN purl_name TEXT;\n",
	"CREATE INDEX package_purl_name ON package(purl_type, purl_namespace, purl_name);\n",
	/* The merged view finds the records that name an id as related. */
	"CREATE INDEX record_alias_name ON record_alias(name);\n",
	NULL
};

/* Users and access (issue 7, `psirt serve`): people with a role, the
 * products an engineer answers for, browser sessions, API tokens for CI,
 * login attempts for the rate limit, and embargoes on vulnerabilities.
 * Secrets are never stored: a session is found by the SHA-256 of its
 * cookie, a token by the SHA-256 of its text, a password is an Argon2id
 * string (libsodium crypto_pwhash_str). "app_user", not "user": USER is a
 * reserved word in PostgreSQL and SQL:2016. */
static const char *const schema_access[] = {
	"CREATE TABLE app_user (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL UNIQUE,\n"
	"  role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'engineer', 'viewer')),\n"
	"  password_hash TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL,\n"
	"  disabled INTEGER NOT NULL DEFAULT 0\n"
	");\n",
	/* The explicit product list of an engineer (besides product.owner). */
	"CREATE TABLE user_product (\n"
	"  user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,\n"
	"  product_id INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,\n"
	"  PRIMARY KEY (user_id, product_id)\n"
	") WITHOUT ROWID;\n",
	"CREATE TABLE session (\n"
	"  id_hash TEXT PRIMARY KEY,\n"
	"  user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,\n"
	"  csrf_token TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL,\n"
	"  expires_at TEXT NOT NULL,\n"
	"  last_seen TEXT NOT NULL,\n"
	"  client TEXT\n"
	") WITHOUT ROWID;\n",
	"CREATE INDEX session_user ON session(user_id);\n",
	"CREATE TABLE api_token (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  hash TEXT NOT NULL UNIQUE,\n"
	"  user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,\n"
	"  scope TEXT NOT NULL CHECK (scope IN ('upload')),\n"
	"  created_at TEXT NOT NULL,\n"
	"  last_used TEXT\n"
	");\n",
	"CREATE INDEX api_token_user ON api_token(user_id);\n",
	/* Every login attempt, kept for the rate limit's window (older rows are
	 * pruned at the next attempt). */
	"CREATE TABLE login_attempt (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  at TEXT NOT NULL,\n"
	"  user_name TEXT NOT NULL,\n"
	"  client TEXT NOT NULL,\n"
	"  ok INTEGER NOT NULL\n"
	");\n",
	"CREATE INDEX login_attempt_user ON login_attempt(user_name, at);\n",
	"CREATE INDEX login_attempt_client ON login_attempt(client, at);\n",
	"CREATE INDEX login_attempt_at ON login_attempt(at);\n",
	/* A vulnerability under embargo, by any id it is known by (not by
	 * vuln.id: vulnerabilities merge when a record links their ids). until
	 * NULL: until lifted. */
	"CREATE TABLE vuln_embargo (\n"
	"  name TEXT PRIMARY KEY,\n"
	"  until TEXT,\n"
	"  note TEXT,\n"
	"  set_by TEXT NOT NULL,\n"
	"  set_at TEXT NOT NULL\n"
	") WITHOUT ROWID;\n",
	NULL
};

/* Findings (issue 5) and the triage policy (issue 6).
 *   finding: one per (product version, component, vulnerability). component
 *     is the subject's key "NAME@VERSION" ('' for the product itself: found
 *     through its hardware or firmware CPE); evidence: JSON array of the
 *     matcher's evidence; seen_run: the match run that last found it (a run
 *     closes the open findings it no longer finds). Never deleted: closed as
 *     fixed or withdrawn. The triage columns are the last decision (policy:
 *     the fingerprint that made it).
 *   match_run: one row per `psirt match`.
 *   match_version: what a version was last matched against (the SBOM import
 *     and the product's updated_at): a difference means "match it again".
 *   match_record: each source record's modified/withdrawn as last matched:
 *     a difference means the vulnerability changed since.
 *   policy: every triage policy set, newest last. */
static const char *const schema_findings[] = {
	"CREATE TABLE match_run (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  at TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL,\n"
	"  versions INTEGER NOT NULL DEFAULT 0,\n"
	"  vulns INTEGER NOT NULL DEFAULT 0\n"
	");\n",
	"CREATE TABLE finding (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  version_id INTEGER NOT NULL REFERENCES product_version(id) ON DELETE CASCADE,\n"
	"  component TEXT NOT NULL,\n"
	"  component_name TEXT,\n"
	"  component_version TEXT,\n"
	"  component_purl TEXT,\n"
	"  vuln TEXT NOT NULL,\n"
	"  record TEXT NOT NULL,\n"
	"  source TEXT NOT NULL,\n"
	"  confidence TEXT NOT NULL,\n"
	"  evidence TEXT NOT NULL,\n"
	"  first_seen TEXT NOT NULL,\n"
	"  last_seen TEXT NOT NULL,\n"
	"  seen_run INTEGER NOT NULL,\n"
	"  kev INTEGER NOT NULL DEFAULT 0,\n"
	"  state TEXT NOT NULL DEFAULT 'in_triage' CHECK (state IN ('in_triage', 'affected',"
	" 'not_affected', 'fixed', 'false_positive', 'withdrawn')),\n"
	"  justification TEXT CHECK (justification IN ('component_not_present',"
	" 'vulnerable_code_not_present', 'vulnerable_code_not_in_execute_path',"
	" 'vulnerable_code_cannot_be_controlled_by_adversary',"
	" 'inline_mitigations_already_exist')),\n"
	"  comment TEXT,\n"
	"  closed_at TEXT,\n"
	"  ssvc TEXT,\n"
	"  ssvc_inputs TEXT,\n"
	"  priority INTEGER,\n"
	"  deadline TEXT,\n"
	"  response_class TEXT,\n"
	"  reason TEXT,\n"
	"  policy TEXT,\n"
	"  UNIQUE (version_id, component, vuln)\n"
	");\n",
	"CREATE INDEX finding_vuln ON finding(vuln);\n",
	"CREATE INDEX finding_state ON finding(state);\n",
	"CREATE TABLE match_version (\n"
	"  version_id INTEGER PRIMARY KEY REFERENCES product_version(id) ON DELETE CASCADE,\n"
	"  run INTEGER NOT NULL,\n"
	"  sbom_import INTEGER,\n"
	"  product_updated TEXT\n"
	");\n",
	"CREATE TABLE match_record (\n"
	"  record INTEGER PRIMARY KEY,\n"
	"  modified TEXT NOT NULL,\n"
	"  withdrawn INTEGER NOT NULL\n"
	");\n",
	"CREATE TABLE policy (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  at TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  name TEXT,\n"
	"  fingerprint TEXT NOT NULL,\n"
	"  file_name TEXT,\n"
	"  text TEXT NOT NULL\n"
	");\n",
	NULL
};

/* Migration: per-finding SSVC overrides. finding_ssvc_override: an
 * analyst's value for one decision point (its key, "E") of one finding (the
 * value's key, "A"), with the required reason, who and when; triage applies
 * it on top of the derived inputs. Dropping one deletes the row (the audit
 * log keeps the history). */
static const char *const schema_ssvc_override[] = {
	"CREATE TABLE finding_ssvc_override (\n"
	"  finding INTEGER NOT NULL REFERENCES finding(id) ON DELETE CASCADE,\n"
	"  point TEXT NOT NULL,\n"
	"  value TEXT NOT NULL,\n"
	"  reason TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  at TEXT NOT NULL,\n"
	"  PRIMARY KEY (finding, point)\n"
	");\n",
	NULL
};

/* Migration: revoking API tokens (issue 7). A revoked token is refused from
 * that moment but its row stays, so that `psirt user token list` and GET
 * /api/tokens show when and by whom (the audit log has it too). */
static const char *const schema_token_revoke[] = {
	"ALTER TABLE api_token ADD COLUMN revoked_at TEXT;\n",
	"ALTER TABLE api_token ADD COLUMN revoked_by TEXT;\n",
	NULL
};

/* Migration: findings per day (issue 7, the dashboard's trend). finding_day
 * holds, per UTC day, how many findings became open (opened) and how many
 * stopped being open (closed); open findings at the end of day D = sum over
 * days <= D of opened - closed. Open = in_triage or affected; closed =
 * every other state.
 *
 * Kept exact by triggers on finding, so that no writer of findings has to
 * know about it, one UPSERT each (cost: bench/bench_trend.c):
 *   insert (open): opened on the day of first_seen;
 *   insert (closed, rare): opened on first_seen, closed on closed_at (or
 *     last_seen), as the backfill counts it;
 *   state update, open <-> closed only (in_triage -> affected is no change):
 *     on the day of psirt_now(), the SQL function the store registers on
 *     its connection (store.c: the transaction's clock, PSIRT_NOW honoured);
 *   delete of an open finding (its product version deleted): closed.
 * No trigger watches other columns: the triage rewrites every open row's
 * decision (kev included) on each run, and any trigger on a column it sets
 * would make each of those single-row UPDATEs keep a statement journal.
 * So KEV-listed findings over time are not kept (kev changes while open).
 * A connection without psirt_now() (the sqlite3 shell) can insert findings
 * but not change their state: "no such function: psirt_now" refuses rather
 * than miscounts. Writers must not use INSERT OR REPLACE on finding (its
 * implicit delete fires no trigger).
 *
 * The backfill counts each existing finding opened on its first_seen day
 * and, when closed now, closed on closed_at's day (last_seen's without
 * one). Reopen-and-close histories before the migration are not rebuilt
 * (the audit log has them). */
#define OPEN_STATES "('in_triage', 'affected')"
#define DAY_UPSERT(day, o, c)                                                                 \
	"INSERT INTO finding_day (day, opened, closed) VALUES (" day ", " o ", " c ")"             \
	" ON CONFLICT (day) DO UPDATE SET opened = opened + excluded.opened,"                  \
	" closed = closed + excluded.closed;\n"
static const char *const schema_finding_day[] = {
	"CREATE TABLE finding_day (\n"
	"  day TEXT PRIMARY KEY,\n"
	"  opened INTEGER NOT NULL DEFAULT 0,\n"
	"  closed INTEGER NOT NULL DEFAULT 0\n"
	") WITHOUT ROWID;\n",
	"INSERT INTO finding_day (day, opened, closed)\n"
	"SELECT day, sum(o), sum(c) FROM (\n"
	"  SELECT substr(first_seen, 1, 10) AS day, 1 AS o, 0 AS c FROM finding\n"
	"  UNION ALL\n"
	"  SELECT substr(coalesce(closed_at, last_seen), 1, 10), 0, 1 FROM finding\n"
	"   WHERE state NOT IN " OPEN_STATES "\n"
	") GROUP BY day;\n",
	"CREATE TRIGGER finding_day_insert AFTER INSERT ON finding\n"
	" WHEN NEW.state IN " OPEN_STATES " BEGIN\n"
	DAY_UPSERT("substr(NEW.first_seen, 1, 10)", "1", "0")
	"END;\n",
	"CREATE TRIGGER finding_day_insert_closed AFTER INSERT ON finding\n"
	" WHEN NEW.state NOT IN " OPEN_STATES " BEGIN\n"
	DAY_UPSERT("substr(NEW.first_seen, 1, 10)", "1", "0")
	DAY_UPSERT("substr(coalesce(NEW.closed_at, NEW.last_seen), 1, 10)", "0", "1")
	"END;\n",
	"CREATE TRIGGER finding_day_state AFTER UPDATE OF state ON finding\n"
	" WHEN (OLD.state IN " OPEN_STATES ") <> (NEW.state IN " OPEN_STATES ") BEGIN\n"
	DAY_UPSERT("substr(psirt_now(), 1, 10)", "NEW.state IN " OPEN_STATES,
	           "OLD.state IN " OPEN_STATES)
	"END;\n",
	"CREATE TRIGGER finding_day_delete AFTER DELETE ON finding\n"
	" WHEN OLD.state IN " OPEN_STATES " BEGIN\n"
	DAY_UPSERT("substr(psirt_now(), 1, 10)", "0", "1")
	"END;\n",
	NULL
};
#undef DAY_UPSERT
#undef OPEN_STATES

/* Migration: indexes for the server's pages of findings
 * (src/store/findings_page.c) at the design's scale (hundreds of thousands
 * of findings): each sort's key as an index, so a page of 50 reads 50
 * index entries instead of sorting every finding — the expressions exactly
 * as the ORDER BY writes them (SQLite uses an index on expressions only for
 * the same expression); a state's findings in priority order (this index
 * also serves every lookup by state, so finding_state goes); the columns of
 * the dashboard's figures. */
static const char *const schema_findings_pages[] = {
	"CREATE INDEX finding_page_priority ON finding(coalesce(priority, 9),"
	" coalesce(deadline, '9999-12-31'));\n",
	"CREATE INDEX finding_page_state ON finding(state, coalesce(priority, 9),"
	" coalesce(deadline, '9999-12-31'));\n",
	"CREATE INDEX finding_page_deadline ON finding(coalesce(deadline, '9999-12-31'),"
	" coalesce(priority, 9));\n",
	"CREATE INDEX finding_page_first_seen ON finding(first_seen DESC);\n",
	/* every column the dashboard's figures read of an open finding: they
	 * count from this index alone, without reading the findings' rows
	 * (about 1 KB each, with their evidence) */
	"CREATE INDEX finding_figures ON finding(state, priority, kev, deadline, response_class,"
	" version_id, vuln);\n",
	"DROP INDEX IF EXISTS finding_state;\n",
	NULL
};
/* Migration: incremental matching and triage (issue 5).
 *   match_key: the lookup keys (psirt_match_subject_keys: 64-bit hashes) of
 *     each component (seq) of each version, and of the product's hardware
 *     and firmware CPEs (seq -1), as of the version's last full match: a
 *     feed delta finds the components its records can reach with one
 *     indexed query. Rewritten whenever a version is matched fully; every
 *     version is matched fully once after this migration (match_version is
 *     emptied), which writes them.
 *   triage_dirty_vuln / _version / _finding: what changed since the last
 *     triage (filled by the triggers below: KEV and EPSS rows, source
 *     records, product attributes and regimes, a version's units, a new
 *     finding, a finding's state, an SSVC override); triage reads only the
 *     open findings they name, then empties them.
 *   triage_state: the policy fingerprint of the last triage; another
 *     policy means every open finding is triaged again.
 *   match_dirty_record: source records inserted, updated or deleted since
 *     a run last noted them (match_record): only those are compared with
 *     match_record, not all 300,000 on every run. */
static const char *const schema_incremental[] = {
	"CREATE TABLE match_key (\n"
	"  key INTEGER NOT NULL,\n"
	"  version_id INTEGER NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  PRIMARY KEY (key, version_id, seq)\n"
	") WITHOUT ROWID;\n",
	"CREATE INDEX match_key_version ON match_key(version_id);\n",
	"CREATE TRIGGER match_key_version_gone AFTER DELETE ON product_version BEGIN\n"
	"  DELETE FROM match_key WHERE version_id = old.id;\n"
	"END;\n",
	"DELETE FROM match_version;\n",
	"CREATE TABLE triage_dirty_vuln (name TEXT PRIMARY KEY) WITHOUT ROWID;\n",
	"CREATE TABLE triage_dirty_version (id INTEGER PRIMARY KEY);\n",
	"CREATE TABLE triage_dirty_finding (id INTEGER PRIMARY KEY);\n",
	"CREATE TABLE triage_state (\n"
	"  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
	"  policy TEXT\n"
	");\n",
	"CREATE TRIGGER triage_kev_ins AFTER INSERT ON kev BEGIN\n"
	"  INSERT OR IGNORE INTO triage_dirty_vuln VALUES (new.cve);\n"
	"END;\n",
	"CREATE TRIGGER triage_kev_upd AFTER UPDATE ON kev BEGIN\n"
	"  INSERT OR IGNORE INTO triage_dirty_vuln VALUES (new.cve), (old.cve);\n"
	"END;\n",
	"CREATE TRIGGER triage_kev_del AFTER DELETE ON kev BEGIN\n"
	"  INSERT OR IGNORE INTO triage_dirty_vuln VALUES (old.cve);\n"
	"END;\n",
	"CREATE TRIGGER triage_epss_ins AFTER INSERT ON epss BEGIN\n"
	"  INSERT OR IGNORE INTO triage_dirty_vuln VALUES (new.cve);\n"
	"END;\n",
	"CREATE TRIGGER triage_epss_upd AFTER UPDATE ON epss BEGIN\n"
	"  INSERT OR IGNORE INTO triage_dirty_vuln VALUES (new.cve), (old.cve);\n"
	"END;\n",
	"CREATE TRIGGER triage_epss_del AFTER DELETE ON epss BEGIN\n"
	"  INSERT OR IGNORE INTO triage_dirty_vuln VALUES (old.cve);\n"
	"END;\n",
	/* records touched since the last run that noted them (every one, once) */
	"CREATE TABLE match_dirty_record (record INTEGER PRIMARY KEY);\n",
	"INSERT INTO match_dirty_record SELECT id FROM source_record;\n",
	/* a record's scores come and go with an update of the record */
	"CREATE TRIGGER triage_record_ins AFTER INSERT ON source_record BEGIN\n"
	"  INSERT OR IGNORE INTO triage_dirty_vuln SELECT name FROM vuln WHERE id = new.vuln_id;\n"
	"  INSERT OR IGNORE INTO match_dirty_record VALUES (new.id);\n"
	"END;\n",
	"CREATE TRIGGER triage_record_upd AFTER UPDATE ON source_record BEGIN\n"
	"  INSERT OR IGNORE INTO triage_dirty_vuln SELECT name FROM vuln"
	"  WHERE id IN (new.vuln_id, old.vuln_id);\n"
	"  INSERT OR IGNORE INTO match_dirty_record VALUES (new.id), (old.id);\n"
	"END;\n",
	"CREATE TRIGGER triage_record_del AFTER DELETE ON source_record BEGIN\n"
	"  INSERT OR IGNORE INTO triage_dirty_vuln SELECT name FROM vuln WHERE id = old.vuln_id;\n"
	"  INSERT OR IGNORE INTO match_dirty_record VALUES (old.id);\n"
	"END;\n",
	"CREATE TRIGGER triage_vuln_upd AFTER UPDATE OF name ON vuln BEGIN\n"
	"  INSERT OR IGNORE INTO triage_dirty_vuln VALUES (new.name), (old.name);\n"
	"END;\n",
	"CREATE TRIGGER triage_product_upd AFTER UPDATE ON product BEGIN\n"
	"  INSERT OR IGNORE INTO triage_dirty_version"
	"  SELECT id FROM product_version WHERE product = new.id;\n"
	"END;\n",
	"CREATE TRIGGER triage_regime_ins AFTER INSERT ON product_regime BEGIN\n"
	"  INSERT OR IGNORE INTO triage_dirty_version"
	"  SELECT id FROM product_version WHERE product = new.product;\n"
	"END;\n",
	"CREATE TRIGGER triage_regime_del AFTER DELETE ON product_regime BEGIN\n"
	"  INSERT OR IGNORE INTO triage_dirty_version"
	"  SELECT id FROM product_version WHERE product = old.product;\n"
	"END;\n",
	"CREATE TRIGGER triage_units_upd AFTER UPDATE OF units ON product_version BEGIN\n"
	"  INSERT OR IGNORE INTO triage_dirty_version VALUES (new.id);\n"
	"END;\n",
	"CREATE TRIGGER triage_finding_ins AFTER INSERT ON finding BEGIN\n"
	"  INSERT OR IGNORE INTO triage_dirty_finding VALUES (new.id);\n"
	"END;\n",
	"CREATE TRIGGER triage_finding_state AFTER UPDATE OF state ON finding BEGIN\n"
	"  INSERT OR IGNORE INTO triage_dirty_finding VALUES (new.id);\n"
	"END;\n",
	"CREATE TRIGGER triage_override_ins AFTER INSERT ON finding_ssvc_override BEGIN\n"
	"  INSERT OR IGNORE INTO triage_dirty_finding VALUES (new.finding);\n"
	"END;\n",
	"CREATE TRIGGER triage_override_upd AFTER UPDATE ON finding_ssvc_override BEGIN\n"
	"  INSERT OR IGNORE INTO triage_dirty_finding VALUES (new.finding);\n"
	"END;\n",
	"CREATE TRIGGER triage_override_del AFTER DELETE ON finding_ssvc_override BEGIN\n"
	"  INSERT OR IGNORE INTO triage_dirty_finding VALUES (old.finding);\n"
	"END;\n",
	NULL
};

/* Migration: the search box (include/psirt/search.h) finds components by
 * a name prefix without case; component_name (binary) cannot serve that,
 * so a NOCASE index, with the version so that matches come out ordered by
 * name then version straight from the index (25 million rows at design
 * scale: no sort, no scan). */
static const char *const schema_search[] = {
	"CREATE INDEX component_name_nocase ON component(name COLLATE NOCASE,"
	" version COLLATE NOCASE);\n",
	NULL
};

/* Migration: pages of open findings at any ratio of open to closed
 * (src/store/findings_page.c, open_index): partial indexes of the open
 * findings in the priority and deadline sorts' orders, so that such a page
 * reads 50 entries of its index whether 1 % or 99 % of the findings are
 * open (the sort's full index skips the closed ones one by one; the state
 * index needs a sort of every open one). */
static const char *const schema_open_pages[] = {
	"CREATE INDEX finding_page_open_priority ON finding(coalesce(priority, 9),"
	" coalesce(deadline, '9999-12-31')) WHERE state IN ('in_triage', 'affected');\n",
	"CREATE INDEX finding_page_open_deadline ON finding(coalesce(deadline, '9999-12-31'),"
	" coalesce(priority, 9)) WHERE state IN ('in_triage', 'affected');\n",
	NULL
};

/* Migration: the VCS commit a component was built from and its repository
 * (OSV GIT ranges): CycloneDX pedigree.commits[].uid and externalReferences
 * "vcs"; SPDX downloadLocation git+…@<commit>. NULL when the SBOM says
 * nothing. Stores before it have no commits: re-import to get them. */
static const char *const schema_component_vcs[] = {
	"ALTER TABLE component ADD COLUMN vcs_commit TEXT;\n",
	"ALTER TABLE component ADD COLUMN vcs_repo TEXT;\n",
	/* the match keys gained tag-list names and subject repositories: every
	 * version is matched fully once more and gets them (as migration 10) */
	"DELETE FROM match_version;\n",
	NULL
};

/* Migration: the versions a vulnerability reaches, a page at a time
 * (src/store/affected.c): its findings by version, with their state, from
 * the index alone (the totals of units in the field read every version a
 * vulnerability reaches: 5,000 for Log4Shell at the design's scale). */
static const char *const schema_affected_pages[] = {
	"CREATE INDEX finding_vuln_version ON finding(vuln, version_id, state);\n",
	NULL
};

/* Migration: finding_vuln (vuln) is the prefix of finding_vuln_version
 * (vuln, version_id, state): every lookup by vulnerability reads the
 * latter, and one index fewer is one write fewer for each of the millions
 * of findings a full match writes. */
static const char *const schema_drop_finding_vuln[] = {
	"DROP INDEX IF EXISTS finding_vuln;\n",
	NULL
};

/* Migration: product-wide analyses (`psirt finding set ID STATE --scope product`): the
 * state an analyst gave a (component NAME@VERSION, vulnerability) for every
 * version of a product, carried to the findings psirt match creates later
 * (or reopens) with that component version. finding: the finding it was
 * set through (its id names it in the carried findings' audit rows). Only
 * the states an analyst keeps (affected, not_affected, false_positive) are
 * rules. */
static const char *const schema_product_analysis[] = {
	"CREATE TABLE product_analysis (\n"
	"  product INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,\n"
	"  component TEXT NOT NULL,\n"
	"  vuln TEXT NOT NULL,\n"
	"  state TEXT NOT NULL CHECK (state IN ('affected', 'not_affected', 'false_positive')),\n"
	"  justification TEXT CHECK (justification IN ('component_not_present',"
	" 'vulnerable_code_not_present', 'vulnerable_code_not_in_execute_path',"
	" 'vulnerable_code_cannot_be_controlled_by_adversary',"
	" 'inline_mitigations_already_exist')),\n"
	"  comment TEXT,\n"
	"  actor TEXT NOT NULL,\n"
	"  at TEXT NOT NULL,\n"
	"  finding INTEGER NOT NULL,\n"
	"  PRIMARY KEY (product, component, vuln)\n"
	") WITHOUT ROWID;\n",
	/* psirt match now matches a product's firmware CPE with the version
	 * filled in (psirt_portfolio_firmware_cpe): versions of products with a
	 * firmware CPE are matched in full once more by the next run */
	"DELETE FROM match_version WHERE version_id IN (SELECT v.id FROM product_version v"
	" JOIN product p ON p.id = v.product WHERE p.cpe IS NOT NULL);\n",
	NULL
};

/* Migration: a generation of the source records (what the matcher's index
 * is built from), counted up by every insert, update and delete of a
 * record: a process that keeps an index in memory across runs (the server,
 * for SBOM uploads) uses it while the generation is the one it was loaded
 * at. Records' criteria and packages change only with their record's row
 * (the importer rewrites a record whole), as match_dirty_record (migration
 * 10) already relies on. */
static const char *const schema_record_generation[] = {
	"CREATE TABLE record_generation (\n"
	"  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
	"  n INTEGER NOT NULL\n"
	");\n",
	"INSERT INTO record_generation VALUES (1, 0);\n",
	"CREATE TRIGGER record_generation_ins AFTER INSERT ON source_record BEGIN\n"
	"  UPDATE record_generation SET n = n + 1 WHERE id = 1;\n"
	"END;\n",
	"CREATE TRIGGER record_generation_upd AFTER UPDATE ON source_record BEGIN\n"
	"  UPDATE record_generation SET n = n + 1 WHERE id = 1;\n"
	"END;\n",
	"CREATE TRIGGER record_generation_del AFTER DELETE ON source_record BEGIN\n"
	"  UPDATE record_generation SET n = n + 1 WHERE id = 1;\n"
	"END;\n",
	NULL
};

/* Migration: narrow finding rows (the findings' wide columns elsewhere).
 * A full match writes millions of findings; rebuilding each index of
 * finding reads the table whole, and so does a checkpoint of its pages.
 *   finding_evidence: a finding's evidence (JSON array, 0.6 KB on average,
 *     up to 20 KB), keyed by the finding's id: written with the finding
 *     (insert, refresh, reopen), deleted with it.
 *   finding_text: the texts of few values (the SSVC inputs, 0.26 KB, the
 *     triage reason and the policy fingerprint: a handful of distinct
 *     values among millions of findings), each once; the finding names them
 *     by id (ssvc_inputs_ref, reason_ref, policy_ref). Not a reference to
 *     policy: the default policy has no row there. A text's row is never
 *     deleted or changed (writers cache its id), so the ids are not declared
 *     as foreign keys: each would cost every insert a look-up.
 * The finding row keeps every column an index or a page's sort reads. The
 * table is built again (SQLite's way of changing a table: new table, copy,
 * drop, rename; the runner keeps its indexes and triggers, see
 * store__migration.rebuild), not altered column by column: DROP COLUMN
 * leaves each row's page as sparse as before. Its CHECKs compare with
 * = ... OR: SQLite evaluates a CHECK's IN list of more than two values by
 * building a temporary B-tree for every row written (measured: 5 µs of a
 * 6 µs insert). */
static const char *const schema_narrow_findings[] = {
	"CREATE TABLE finding_text (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  text TEXT NOT NULL UNIQUE\n"
	");\n",
	"INSERT INTO finding_text (text)"
	" SELECT ssvc_inputs FROM finding WHERE ssvc_inputs IS NOT NULL"
	" UNION SELECT reason FROM finding WHERE reason IS NOT NULL"
	" UNION SELECT policy FROM finding WHERE policy IS NOT NULL;\n",
	"CREATE TABLE finding_evidence (\n"
	"  finding INTEGER PRIMARY KEY REFERENCES finding(id) ON DELETE CASCADE,\n"
	"  evidence TEXT NOT NULL\n"
	");\n",
	"INSERT INTO finding_evidence (finding, evidence) SELECT id, evidence FROM finding"
	" ORDER BY id;\n",
	"CREATE TABLE finding_narrow (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  version_id INTEGER NOT NULL REFERENCES product_version(id) ON DELETE CASCADE,\n"
	"  component TEXT NOT NULL,\n"
	"  component_name TEXT,\n"
	"  component_version TEXT,\n"
	"  component_purl TEXT,\n"
	"  vuln TEXT NOT NULL,\n"
	"  record TEXT NOT NULL,\n"
	"  source TEXT NOT NULL,\n"
	"  confidence TEXT NOT NULL,\n"
	"  first_seen TEXT NOT NULL,\n"
	"  last_seen TEXT NOT NULL,\n"
	"  seen_run INTEGER NOT NULL,\n"
	"  kev INTEGER NOT NULL DEFAULT 0,\n"
	"  state TEXT NOT NULL DEFAULT 'in_triage' CHECK (state = 'in_triage'"
	" OR state = 'affected' OR state = 'not_affected' OR state = 'fixed'"
	" OR state = 'false_positive' OR state = 'withdrawn'),\n"
	"  justification TEXT CHECK (justification = 'component_not_present'"
	" OR justification = 'vulnerable_code_not_present'"
	" OR justification = 'vulnerable_code_not_in_execute_path'"
	" OR justification = 'vulnerable_code_cannot_be_controlled_by_adversary'"
	" OR justification = 'inline_mitigations_already_exist'),\n"
	"  comment TEXT,\n"
	"  closed_at TEXT,\n"
	"  ssvc TEXT,\n"
	"  priority INTEGER,\n"
	"  deadline TEXT,\n"
	"  response_class TEXT,\n"
	"  ssvc_inputs_ref INTEGER,\n"
	"  reason_ref INTEGER,\n"
	"  policy_ref INTEGER,\n"
	"  UNIQUE (version_id, component, vuln)\n"
	");\n",
	"INSERT INTO finding_narrow SELECT f.id, f.version_id, f.component, f.component_name,"
	" f.component_version, f.component_purl, f.vuln, f.record, f.source, f.confidence,"
	" f.first_seen, f.last_seen, f.seen_run, f.kev, f.state, f.justification, f.comment,"
	" f.closed_at, f.ssvc, f.priority, f.deadline, f.response_class,"
	" (SELECT t.id FROM finding_text t WHERE t.text = f.ssvc_inputs),"
	" (SELECT t.id FROM finding_text t WHERE t.text = f.reason),"
	" (SELECT t.id FROM finding_text t WHERE t.text = f.policy)"
	" FROM finding f ORDER BY f.id;\n",
	"DROP TABLE finding;\n",
	"ALTER TABLE finding_narrow RENAME TO finding;\n",
	NULL
};

/* Migration: what a finding, and each version's findings, were as a match
 * run found and wrote them (psirt_findings_match, src/findings/digest.c):
 * finding.found_hash, a BLAKE2b-128 hash of every field a run compares
 * (the evidence text among them), so that a run compares 16 bytes instead
 * of reading and unpacking the evidence; match_version.found_digest, a
 * digest of the version's found hashes in order, as its last full match
 * wrote them. A full re-match that finds the same digest has nothing to
 * write for that version and reads none of its findings. It stays true
 * only while nothing else changes them: an incremental run that writes a
 * version's findings clears it
 * (psirt_store_match_version_forget), and so do these triggers for every
 * other change of a finding's state (an analyst's, a product-wide
 * analysis carried) and a finding deleted. NULL: unknown, compare
 * finding by finding. */
static const char *const schema_found_digest[] = {
	"ALTER TABLE match_version ADD COLUMN found_digest BLOB;\n",
	/* NULL for the findings written before: compared field by field, then
	 * given their hash */
	"ALTER TABLE finding ADD COLUMN found_hash BLOB;\n",
	"CREATE TRIGGER finding_state_digest AFTER UPDATE OF state ON finding BEGIN\n"
	"  UPDATE match_version SET found_digest = NULL\n"
	"   WHERE version_id = NEW.version_id AND found_digest IS NOT NULL;\n"
	"END;\n",
	"CREATE TRIGGER finding_delete_digest AFTER DELETE ON finding BEGIN\n"
	"  UPDATE match_version SET found_digest = NULL\n"
	"   WHERE version_id = OLD.version_id AND found_digest IS NOT NULL;\n"
	"END;\n",
	NULL
};

const struct store__migration store__migrations[] = {
	{ 1, "vulnerability knowledge base", schema_v1, NULL },
	{ 2, "portfolio: products, versions, components, SBOM history", schema_portfolio, NULL },
	{ 3, "JVN version text, OSV package-URL identity", schema_jvn_osv, NULL },
	{ 4, "users and access: users, sessions, API tokens, login attempts, embargoes",
	  schema_access, NULL },
	{ 5, "findings, match runs, triage policy", schema_findings, NULL },
	{ 6, "per-finding SSVC overrides", schema_ssvc_override, NULL },
	{ 7, "API token revocation", schema_token_revoke, NULL },
	{ 8, "findings per day (trend), kept by triggers", schema_finding_day, NULL },
	{ 9, "indexes for pages of findings", schema_findings_pages, NULL },
	{ 10, "incremental matching and triage: match keys, triage change marks",
	  schema_incremental, NULL },
	{ 11, "search: components by name without case", schema_search, NULL },
	{ 12, "partial indexes for pages of open findings", schema_open_pages, NULL },
	{ 13, "component VCS commit and repository", schema_component_vcs, NULL },
	{ 14, "index for the versions a vulnerability reaches", schema_affected_pages, NULL },
	{ 15, "one index of findings by vulnerability", schema_drop_finding_vuln, NULL },
	{ 16, "product-wide analyses; firmware CPEs matched with their version",
	  schema_product_analysis, NULL },
	{ 17, "generation of the source records (indexes kept in memory)",
	  schema_record_generation, NULL },
	{ 18, "narrow finding rows: evidence in its own table, few-valued texts by id",
	  schema_narrow_findings, "finding" },
	{ 19, "hash of each finding as found, digest of each version's as last fully matched",
	  schema_found_digest, NULL },
};
const size_t store__n_migrations = sizeof store__migrations / sizeof store__migrations[0];
