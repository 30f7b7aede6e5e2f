#!/usr/bin/env python3
"""Generates src/triage/cvss4_tables.c from FIRST's CVSS v4.0 calculator data.

usage: scripts/gen-cvss4-tables.py [DATA_DIR] > src/triage/cvss4_tables.c

DATA_DIR holds cvss_lookup.json, max_composed.json, max_severity.json and
metrics_order.json (the FIRST calculator's JS objects as JSON; default
/work/shared/data/cvss/cvss4-first, see its PROVENANCE.md). Run by hand when
the data changes and commit the output: the build never needs python.
"""
import json
import os
import sys

DATA = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/cvss/cvss4-first"

# Table 23 order, as src/triage/internal.h's enum triage__cvss4_metric lists it.
ORDER = ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA",
         "E", "CR", "IR", "AR",
         "MAV", "MAC", "MAT", "MPR", "MUI", "MVC", "MVI", "MVA", "MSC", "MSI", "MSA",
         "S", "AU", "R", "V", "RE", "U"]
GROUP = {}
for m in ORDER[:11]:
    GROUP[m] = "TRIAGE__CVSS_BASE"
GROUP["E"] = "TRIAGE__CVSS_TEMPORAL"
for m in ORDER[12:26]:
    GROUP[m] = "TRIAGE__CVSS_ENVIRONMENTAL"
for m in ORDER[26:]:
    GROUP[m] = "TRIAGE__CVSS_SUPPLEMENTAL"

# Severity distance steps: the calculator's *_levels tables (cvss_score.js)
# times ten, so that distances are whole numbers.
LEVELS = {
    "AV": {"N": 0, "A": 1, "L": 2, "P": 3},
    "PR": {"N": 0, "L": 1, "H": 2},
    "UI": {"N": 0, "P": 1, "A": 2},
    "AC": {"L": 0, "H": 1},
    "AT": {"N": 0, "P": 1},
    "VC": {"H": 0, "L": 1, "N": 2},
    "VI": {"H": 0, "L": 1, "N": 2},
    "VA": {"H": 0, "L": 1, "N": 2},
    "SC": {"H": 1, "L": 2, "N": 3},
    "SI": {"S": 0, "H": 1, "L": 2, "N": 3},
    "SA": {"S": 0, "H": 1, "L": 2, "N": 3},
    "CR": {"H": 0, "M": 1, "L": 2},
    "IR": {"H": 0, "M": 1, "L": 2},
    "AR": {"H": 0, "M": 1, "L": 2},
    "E": {"A": 0, "P": 1, "U": 2},
}


def load(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return json.load(f)


def fail(msg):
    sys.stderr.write("gen-cvss4-tables: %s\n" % msg)
    sys.exit(1)


def parse_max(text, metrics):
    """'AV:N/PR:N/UI:N/' -> [0, 0, 0] in the order of metrics."""
    got = dict(part.split(":") for part in text.strip("/").split("/"))
    if sorted(got) != sorted(metrics):
        fail("unexpected max vector %r" % text)
    return [LEVELS[m][got[m]] for m in metrics]


def c_str(s):
    return '"%s"' % s


def main():
    lookup = load("cvss_lookup.json")
    composed = load("max_composed.json")
    severity = load("max_severity.json")
    order = load("metrics_order.json")

    if list(order) != ORDER:
        fail("metrics_order.json lists %r, expected the Table 23 order" % list(order))

    out = []
    w = out.append
    w("/* CVSS v4.0 scoring tables. GENERATED FILE: do not edit by hand.")
    w(" *")
    w(" * Made by scripts/gen-cvss4-tables.py from the JSON form of FIRST's CVSS v4.0")
    w(" * calculator data (github.com/FIRSTdotorg/cvss-v4-calculator at commit")
    w(" * c5b0d409ae9f57c44264c6ce5f27d89298e1d32a: cvss_lookup.js, max_composed.js,")
    w(" * max_severity.js, metrics.js, converted to JSON without changing a value):")
    w(" *   python3 scripts/gen-cvss4-tables.py DATA_DIR > src/triage/cvss4_tables.c")
    w(" * The data is Copyright FIRST.ORG, Inc., Red Hat, and contributors, under the")
    w(" * BSD-2-Clause license; the tables below are a mechanical translation of it.")
    w(" */")
    w('#include "triage/internal.h"')
    w("")

    # Metric definitions, in the order the specification requires.
    w("static const struct triage__cvss_metric metrics[CVSS4__MAX] = {")
    for name in ORDER:
        values = order[name]
        if GROUP[name] == "TRIAGE__CVSS_BASE":
            if "X" in values:
                fail("base metric %s has X" % name)
        elif values[0] != "X":
            fail("optional metric %s does not start with X" % name)
        if len(values) > 6:
            fail("metric %s has too many values" % name)
        w("\t{ %s, %d, %s, %d, { %s } }," % (c_str(name), len(name), GROUP[name], len(values),
                                          ", ".join(c_str(v) for v in values)))
    w("};")
    w("")
    w("const struct triage__cvss_spec triage__cvss4_spec = {")
    w('\tPSIRT_CVSS_V4_0, "CVSS:4.0/", 9, 1, CVSS4__MAX, metrics,')
    w("};")
    w("")

    # MacroVector scores in tenths.
    table = {}
    for key, score in lookup.items():
        if len(key) != 6 or not key.isdigit():
            fail("bad MacroVector %r" % key)
        tenths = round(score * 10)
        if abs(tenths - score * 10) > 1e-9 or not 0 <= tenths <= 100:
            fail("score %r of %s is not a whole number of tenths" % (score, key))
        table[key] = tenths
    dims = (3, 2, 3, 3, 3, 2)

    def cell(idx):
        return table.get("".join(str(i) for i in idx), -1)

    w("const signed char triage__cvss4_lookup[3][2][3][3][3][2] = {")
    count = 0
    for e1 in range(3):
        w("\t{")
        for e2 in range(2):
            w("\t\t{")
            for e3 in range(3):
                rows = []
                for e4 in range(3):
                    pairs = []
                    for e5 in range(3):
                        a, b = cell((e1, e2, e3, e4, e5, 0)), cell((e1, e2, e3, e4, e5, 1))
                        count += (a >= 0) + (b >= 0)
                        pairs.append("{ %d, %d }" % (a, b))
                    rows.append("{ " + ", ".join(pairs) + " }")
                w("\t\t\t{ " + ", ".join(rows) + " },")
            w("\t\t},")
        w("\t},")
    w("};")
    w("")
    if count != len(table):
        fail("MacroVector digit out of range")
    for key in table:
        for i, d in enumerate(key):
            if int(d) >= dims[i]:
                fail("MacroVector %s out of range" % key)

    # Highest-severity vectors per EQ level.
    def emit_max(cname, ctype, levels, metrics, cap):
        w("const struct %s %s[%d] = {" % (ctype, cname, len(levels)))
        for lv in levels:
            vecs = [parse_max(t, metrics) for t in lv]
            if len(vecs) > cap:
                fail("%s: %d max vectors, room for %d" % (cname, len(vecs), cap))
            w("\t{ %d, { %s } }," % (len(vecs), ", ".join(
                "{ " + ", ".join(str(x) for x in v) + " }" for v in vecs)))
        w("};")

    eq = composed
    emit_max("triage__cvss4_max_eq1", "triage__cvss4_max_eq1",
             [eq["eq1"][str(i)] for i in range(3)], ["AV", "PR", "UI"], 4)
    emit_max("triage__cvss4_max_eq2", "triage__cvss4_max_eq2",
             [eq["eq2"][str(i)] for i in range(2)], ["AC", "AT"], 4)
    emit_max("triage__cvss4_max_eq4", "triage__cvss4_max_eq4",
             [eq["eq4"][str(i)] for i in range(3)], ["SC", "SI", "SA"], 4)
    w("const struct triage__cvss4_max_eq36 triage__cvss4_max_eq36[3][2] = {")
    for e3 in range(3):
        parts = []
        for e6 in range(2):
            lv = eq["eq3"][str(e3)].get(str(e6), [])
            vecs = [parse_max(t, ["VC", "VI", "VA", "CR", "IR", "AR"]) for t in lv]
            if len(vecs) > 6:
                fail("eq3/eq6 %d%d: too many max vectors" % (e3, e6))
            parts.append("{ %d, { %s } }" % (len(vecs), ", ".join(
                "{ " + ", ".join(str(x) for x in v) + " }" for v in vecs) or "{ 0 }"))
        w("\t{ " + ", ".join(parts) + " },")
    w("};")
    # eq5 (E) has no distance: its max vectors are not needed (the
    # calculator leaves E's severity distance out).
    w("")

    sev = severity
    w("const unsigned char triage__cvss4_depth_eq1[3] = { %s };"
      % ", ".join(str(sev["eq1"][str(i)]) for i in range(3)))
    w("const unsigned char triage__cvss4_depth_eq2[2] = { %s };"
      % ", ".join(str(sev["eq2"][str(i)]) for i in range(2)))
    w("const unsigned char triage__cvss4_depth_eq36[3][2] = { %s };" % ", ".join(
        "{ %s }" % ", ".join(str(sev["eq3eq6"][str(e3)].get(str(e6), 0)) for e6 in range(2))
        for e3 in range(3)))
    w("const unsigned char triage__cvss4_depth_eq4[3] = { %s };"
      % ", ".join(str(sev["eq4"][str(i)]) for i in range(3)))

    # The scorer relies on these properties of the data; say so if they change.
    for key, v in table.items():
        d = [int(c) for c in key]
        lowers = []
        for i in (0, 1, 3, 4):
            n = list(d)
            n[i] += 1
            lowers.append("".join(map(str, n)))
        for lower in lowers:
            if lower in table and table[lower] > v:
                sys.stderr.write("note: %s (%d) has a higher next-lower %s (%d)\n"
                                 % (key, v, lower, table[lower]))
    sys.stdout.write("\n".join(out) + "\n")


main()
