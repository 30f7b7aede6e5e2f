#!/usr/bin/env python3
"""Generates src/triage/ssvc_tables.c and src/triage/ssvc_tables.h from SSVC data.

usage: scripts/gen-ssvc-tables.py [DATA_DIR]     (run from the repository root)

DATA_DIR (default tests/data/ssvc, a copy of CERT/CC's SSVC data; see its
PROVENANCE.md) holds the decision tables in SSVC's JSON format under
json/decision_tables/ and the decision points under json/decision_points/.
Run by hand when the data changes and commit both outputs: the build never
needs python.

What it checks before writing anything (and refuses the data otherwise):
- each table's embedded decision points equal the published decision-point
  files (same namespace, key, version, names, keys and definitions);
- each table maps every combination of its input values exactly once and
  only to values of its outcome point, so that evaluation is one lookup;
- each input of a table is computed by at most one other table (its sub-table).
Names, keys, versions and definitions are copied as SSVC publishes them.
"""
import itertools
import json
import os
import re
import sys

DATA = sys.argv[1] if len(sys.argv) > 1 else "tests/data/ssvc"
OUT_C = "src/triage/ssvc_tables.c"
OUT_H = "src/triage/ssvc_tables.h"

# Every table psirt evaluates: the three trees' tables and the tables that
# compute their composite inputs. Order = order of psirt_ssvc_table_at().
TABLES = [
    "ssvc/supplier_patch_development_priority_1_0_0",
    "ssvc/deployer_patch_application_priority_1_0_0",
    "cisa/cisa_coordinator_2_0_3",
    "ssvc/utility_1_0_0",
    "ssvc/public_safety_impact_1_0_0",
    "ssvc/human_impact_1_0_0",
    "x_psirt/mission_and_well_being_impact_1_0_0",
]

# The trees psirt offers: (name, table id, one-line summary).
TREES = [
    ("supplier", "ssvc:DT_SP:1.0.0",
     "a supplier's patch development priority (CERT/CC SSVC); psirt's main tree"),
    ("deployer", "ssvc:DT_DP:1.0.0",
     "a deployer's patch application priority (CERT/CC SSVC)"),
    ("cisa", "cisa:DT_CO:2.0.3",
     "CISA's coordinator decision: Track, Track*, Attend or Act"),
]

MAX_POINTS = 32  # PSIRT_SSVC_MAX_POINTS in include/psirt/ssvc.h
MAX_STEPS = 32   # PSIRT_SSVC_MAX_STEPS


def fail(msg):
    sys.stderr.write("gen-ssvc-tables: %s\n" % msg)
    sys.exit(1)


def load(rel):
    path = os.path.join(DATA, rel)
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except OSError as e:
        fail("%s: %s" % (path, e))


def pid(p):
    return "%s:%s:%s" % (p["namespace"], p["key"], p["version"])


def cstr(s):
    """A C string literal; non-ASCII kept as UTF-8 through octal escapes."""
    out = []
    for b in s.encode("utf-8"):
        c = chr(b)
        if c == "\\" or c == '"':
            out.append("\\" + c)
        elif 32 <= b < 127:
            out.append(c)
        else:
            out.append("\\%03o" % b)
    return '"' + "".join(out) + '"'


def ident(s):
    s = s.replace("*", "_star")
    return re.sub(r"[^A-Za-z0-9]+", "_", s).strip("_").upper()


def point_file(p):
    name = re.sub(r"[^a-z0-9]+", "_", p["name"].lower()).strip("_")
    return "json/decision_points/%s/%s_%s.json" % (
        p["namespace"], name, p["version"].replace(".", "_"))


points = {}   # id -> decision point
order = []    # point ids in first-seen order
tables = []
for rel in TABLES:
    t = load("json/decision_tables/%s.json" % rel)
    t["_id"] = pid(t)
    for key, p in t["decision_points"].items():
        if key != pid(p):
            fail("%s: decision point %s is filed under %s" % (rel, pid(p), key))
        published = load(point_file(p))
        if published != p:
            fail("%s: %s differs from %s" % (rel, key, point_file(p)))
        if key in points:
            if points[key] != p:
                fail("%s: two definitions of %s" % (rel, key))
        else:
            points[key] = p
            order.append(key)
    if t["outcome"] not in t["decision_points"]:
        fail("%s: outcome %s is not one of its points" % (rel, t["outcome"]))
    t["_inputs"] = [k for k in t["decision_points"] if k != t["outcome"]]
    tables.append(t)

if len(order) > MAX_POINTS:
    fail("%d decision points, more than PSIRT_SSVC_MAX_POINTS" % len(order))
keys = [points[k]["key"] for k in order]
if len(set(keys)) != len(keys):
    fail("two decision points share a key: %s" % keys)

# Dense lookup: index = mixed radix over the inputs, first input most
# significant; every cell must be filled exactly once.
for t in tables:
    ins = [points[k] for k in t["_inputs"]]
    out = points[t["outcome"]]
    vidx = [{v["key"]: i for i, v in enumerate(p["values"])} for p in ins]
    oidx = {v["key"]: i for i, v in enumerate(out["values"])}
    size = 1
    for p in ins:
        size *= len(p["values"])
    lookup = [None] * size
    for n, row in enumerate(t["mapping"]):
        if set(row) != set(t["_inputs"]) | {t["outcome"]}:
            fail("%s row %d: points %s" % (t["_id"], n, sorted(row)))
        i = 0
        for k, m in zip(t["_inputs"], vidx):
            if row[k] not in m:
                fail("%s row %d: unknown value %s of %s" % (t["_id"], n, row[k], k))
            i = i * len(m) + m[row[k]]
        if lookup[i] is not None:
            fail("%s row %d: combination given twice" % (t["_id"], n))
        if row[t["outcome"]] not in oidx:
            fail("%s row %d: unknown outcome %s" % (t["_id"], n, row[t["outcome"]]))
        lookup[i] = oidx[row[t["outcome"]]]
    if None in lookup:
        missing = lookup.index(None)
        fail("%s: combination %d has no row" % (t["_id"], missing))
    t["_lookup"] = lookup

# The sub-table of an input is the table computing it; an input two tables
# compute would be ambiguous (two tables may share an outcome that no table
# reads, as the supplier and deployer trees do).
computers = {}
for n, t in enumerate(tables):
    computers.setdefault(t["outcome"], []).append(n)
by_outcome = {}
for t in tables:
    for k in t["_inputs"]:
        if len(computers.get(k, [])) > 1:
            fail("%s: input %s is computed by %s" % (
                t["_id"], k, ", ".join(tables[n]["_id"] for n in computers[k])))
        if k in computers:
            by_outcome[k] = computers[k][0]
tindex = {t["_id"]: n for n, t in enumerate(tables)}


def steps(t, seen):
    """Length of the longest decision path of table t (inputs, recursively)."""
    if t["_id"] in seen:
        fail("%s computes itself" % t["_id"])
    n = 0
    for k in t["_inputs"]:
        n += 1
        if k in by_outcome:
            n += steps(tables[by_outcome[k]], seen | {t["_id"]})
    return n


for name, tid, _ in TREES:
    if tid not in tindex:
        fail("tree %s: no table %s" % (name, tid))
    if steps(tables[tindex[tid]], frozenset()) > MAX_STEPS:
        fail("tree %s: path longer than PSIRT_SSVC_MAX_STEPS" % name)

pix = {k: i for i, k in enumerate(order)}
head = ("/* Generated by scripts/gen-ssvc-tables.py from %s; do not edit.\n"
        " * Data: CERT/CC SSVC (https://github.com/CERTCC/SSVC, data/ at commit\n"
        " * e3b00a25615845960cec9caa1388064739f17728), MIT (SEI)-style license,\n"
        " * Copyright 2026 Carnegie Mellon University (tests/data/ssvc/LICENSE-data.txt);\n"
        " * x_psirt:DT_MWI is psirt's transcription (tests/data/ssvc/PROVENANCE.md). */\n"
        "/* clang-format off */\n"
        % DATA)

h = [head,
     "#ifndef PSIRT_TRIAGE_SSVC_TABLES_H\n#define PSIRT_TRIAGE_SSVC_TABLES_H\n\n",
     '#include "psirt/ssvc.h"\n\n',
     "/* Decision points, by index into triage__ssvc_points. */\n",
     "enum triage__ssvc_point {\n"]
for k in order:
    h.append("\tSSVC_P_%s, /* %s %s */\n" % (ident(points[k]["key"]), k, points[k]["name"]))
h.append("\tSSVC_P__MAX\n};\n\n")
h.append("/* Value indexes of each point, in published order. */\n")
for k in order:
    p = points[k]
    names = ", ".join("SSVC_%s_%s" % (ident(p["key"]), ident(v["name"])) for v in p["values"])
    h.append("enum { %s };\n" % names)
h.append("\nenum triage__ssvc_table {\n")
for t in tables:
    h.append("\tSSVC_T_%s, /* %s */\n" % (ident(t["key"]), t["_id"]))
h.append("\tSSVC_T__MAX\n};\n\nenum triage__ssvc_tree {\n")
for name, tid, _ in TREES:
    h.append("\tSSVC_TREE_%s,\n" % ident(name))
h.append("\tSSVC_TREE__MAX\n};\n\n")
h.append("extern const struct psirt_ssvc_point triage__ssvc_points[SSVC_P__MAX];\n")
h.append("extern const struct psirt_ssvc_table triage__ssvc_tables[SSVC_T__MAX];\n")
h.append("extern const struct psirt_ssvc_tree triage__ssvc_trees[SSVC_TREE__MAX];\n\n")
h.append("#endif\n")

c = [head, '#include "triage/ssvc_tables.h"\n\n',
     "_Static_assert(SSVC_P__MAX <= PSIRT_SSVC_MAX_POINTS, \"too many points\");\n\n"]
for k in order:
    p = points[k]
    c.append("static const struct psirt_ssvc_value values_%s[] = {\n" % ident(p["key"]))
    for v in p["values"]:
        c.append("\t{ %s, %s,\n\t  %s },\n" % (cstr(v["key"]), cstr(v["name"]), cstr(v["definition"])))
    c.append("};\n\n")
c.append("const struct psirt_ssvc_point triage__ssvc_points[SSVC_P__MAX] = {\n")
for k in order:
    p = points[k]
    c.append("\t{ SSVC_P_%s, %d, %s, %s, %s, %s, %s,\n\t  %s,\n\t  values_%s },\n" % (
        ident(p["key"]), len(p["values"]), cstr(k), cstr(p["namespace"]), cstr(p["key"]),
        cstr(p["version"]), cstr(p["name"]), cstr(p["definition"]), ident(p["key"])))
c.append("};\n\n")
for t in tables:
    tk = ident(t["key"])
    c.append("static const struct psirt_ssvc_point *const inputs_%s[] = {\n" % tk)
    for k in t["_inputs"]:
        c.append("\t&triage__ssvc_points[SSVC_P_%s],\n" % ident(points[k]["key"]))
    c.append("};\n\nstatic const struct psirt_ssvc_table *const sub_%s[] = {\n" % tk)
    for k in t["_inputs"]:
        if k in by_outcome:
            c.append("\t&triage__ssvc_tables[SSVC_T_%s],\n" % ident(tables[by_outcome[k]]["key"]))
        else:
            c.append("\tNULL,\n")
    c.append("};\n\n/* %d rows */\nstatic const unsigned char lookup_%s[] = {" % (len(t["_lookup"]), tk))
    for i, v in enumerate(t["_lookup"]):
        c.append(("\n\t" if i % 24 == 0 else " ") + "%d," % v)
    c.append("\n};\n\n")
c.append("const struct psirt_ssvc_table triage__ssvc_tables[SSVC_T__MAX] = {\n")
for t in tables:
    tk = ident(t["key"])
    c.append("\t{ %s, %s, %s, %s, %s,\n\t  %s,\n\t  %d, inputs_%s, sub_%s, "
             "&triage__ssvc_points[SSVC_P_%s], %d, lookup_%s },\n" % (
                 cstr(t["_id"]), cstr(t["namespace"]), cstr(t["key"]), cstr(t["version"]),
                 cstr(t["name"]), cstr(t["definition"]), len(t["_inputs"]), tk, tk,
                 ident(points[t["outcome"]]["key"]), len(t["_lookup"]), tk))
c.append("};\n\nconst struct psirt_ssvc_tree triage__ssvc_trees[SSVC_TREE__MAX] = {\n")
for name, tid, summary in TREES:
    c.append("\t{ %s, %s, &triage__ssvc_tables[SSVC_T_%s] },\n" % (
        cstr(name), cstr(summary), ident(tables[tindex[tid]]["key"])))
c.append("};\n")

with open(OUT_H, "w", encoding="utf-8") as f:
    f.write("".join(h))
with open(OUT_C, "w", encoding="utf-8") as f:
    f.write("".join(c))
sys.stderr.write("gen-ssvc-tables: %d points, %d tables, %d trees\n" % (
    len(order), len(tables), len(TREES)))
