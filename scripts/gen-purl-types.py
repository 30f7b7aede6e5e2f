#!/usr/bin/env python3
"""Generates src/ident/purl_types.c from the purl-spec type definitions.

usage: scripts/gen-purl-types.py [DEFINITIONS_DIR] > src/ident/purl_types.c

DEFINITIONS_DIR defaults to tests/data/purl/types (a copy of purl-spec's
types/*-definition.json, see tests/data/purl/PROVENANCE.md). Run by hand when
the definitions change and commit the output: the build never runs python.

The machine-readable parts of a definition become table fields directly:
namespace requirement, case_sensitive (default true, per the type definition
schema) of each component, required qualifier keys. The free-text parts
(normalization_rules, permitted_characters regexes, notes) cannot be executed
as they stand, so each text we know is mapped below to a rule the C code
implements; an unknown text stops the generator, so that a new or changed
rule gets a human decision instead of being dropped silently.
"""
import glob
import json
import os
import sys

# permitted_characters regex -> C validator (enum ident__purl_chars).
PERMITTED = {
    "^[a-p]{32}$": "IDENT__CHARS_CHROME_ID",
    "^\\d+(\\.\\d+){0,3}$": "IDENT__CHARS_DOTTED4",
    # pub: the regex anchors only the first character, but the note says
    # "The only allowed characters are [a-z0-9_]": the whole name is checked.
    "^[a-z0-9_]": "IDENT__CHARS_PUB",
}

# normalization_rules text -> rule flag, or None when the rule needs no code.
NORMALIZATION = {
    # alpm namespace: same as case_sensitive=false, which already lowercases.
    "It is not case sensitive and shall be lowercased.": None,
    # alpm version: vercmp(8) is about ordering versions (src/version), the
    # purl keeps the version text as given.
    "normalize version as specified in vercmp(8) at "
    "https://man.archlinux.org/man/vercmp.8#DESCRIPTION as part of alpm.": None,
    # hackage: package names are kebab-case by construction; the name is
    # case sensitive and kept as given (the hackage tests expect that).
    "Apply kebab-case": None,
    # pub: enforced as the [a-z0-9_] check above (we do not transliterate).
    "Replace non-[a-z] letters, non-[0-9] digits with underscore _": None,
    # pypi
    "Replace underscore _ with dash -": "IDENT__NAME_DASH",
    # pypi: applies to distribution file names, not to the purl name.
    "Replace dot . with underscore _ when used in distribution (sdist, wheel) names": None,
}

# Rules that the definitions state only in prose (notes) or that the purl-spec
# test suite requires; each with the sentence it implements.
EXTRA = {
    # git name_definition: "The path on the host to the git repository";
    # tests/types/git-test.json parses pkg:git/codeberg.org/forgejo/forgejo
    # into namespace "codeberg.org" and name "forgejo/forgejo".
    "git": {"rules": ["IDENT__NAME_PATH"], "ns_max": 1},
    # cpan: "A distribution name shall not contain the string '::'" and the
    # namespace "represents the CPAN author/publisher ID (CPANID) and shall
    # be uppercase".
    "cpan": {"rules": ["IDENT__NAME_NO_DCOLON", "IDENT__NS_UPPER"]},
    # mlflow name_definition: "for Databricks, it is case insensitive and
    # shall be lowercased in the package URL".
    "mlflow": {"rules": ["IDENT__NAME_LOWER_DATABRICKS"]},
    # swid namespace_definition: "A maximum of two segments are supported."
    "swid": {"ns_max": 2},
}

REQ = {
    None: "IDENT__REQ_OPTIONAL",
    "optional": "IDENT__REQ_OPTIONAL",
    "required": "IDENT__REQ_REQUIRED",
    "prohibited": "IDENT__REQ_PROHIBITED",
}


def die(msg):
    sys.stderr.write("gen-purl-types: %s\n" % msg)
    sys.exit(1)


def component(d, key, lower_flag, fname):
    """Returns (flags, chars validator) for one component definition."""
    comp = d.get(key) or {}
    flags = []
    if comp.get("case_sensitive", True) is False:
        flags.append(lower_flag)
    chars = "IDENT__CHARS_ANY"
    rx = comp.get("permitted_characters")
    if rx is not None:
        if rx not in PERMITTED:
            die("%s: %s: unknown permitted_characters %r" % (fname, key, rx))
        chars = PERMITTED[rx]
    for rule in comp.get("normalization_rules") or []:
        if rule not in NORMALIZATION:
            die("%s: %s: unknown normalization rule %r" % (fname, key, rule))
        if NORMALIZATION[rule]:
            flags.append(NORMALIZATION[rule])
    return flags, chars


def c_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "tests/data/purl/types"
    files = sorted(glob.glob(os.path.join(src, "*-definition.json")))
    if not files:
        die("no *-definition.json in %s" % src)
    types = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            d = json.load(fh)
        name = d["type"]
        fname = os.path.basename(f)
        if name != name.lower() or not name[:1].isalpha() or \
                any(not (c.isalnum() or c in ".-") for c in name):
            die("%s: bad type name %r" % (fname, name))
        if len(name) > 16:
            die("%s: type names longer than 16 need IDENT__TYPE_MAX raised" % fname)
        ns = d.get("namespace_definition") or {}
        if ns.get("requirement") not in REQ:
            die("%s: unknown namespace requirement %r" % (fname, ns.get("requirement")))
        flags = []
        f1, ns_chars = component(d, "namespace_definition", "IDENT__NS_LOWER", fname)
        f2, name_chars = component(d, "name_definition", "IDENT__NAME_LOWER", fname)
        f3, version_chars = component(d, "version_definition", "IDENT__VERSION_LOWER", fname)
        f4, sub_chars = component(d, "subpath_definition", "IDENT__SUBPATH_LOWER", fname)
        if ns_chars != "IDENT__CHARS_ANY" or sub_chars != "IDENT__CHARS_ANY":
            die("%s: permitted_characters only implemented for name and version" % fname)
        flags = f1 + f2 + f3 + f4
        extra = EXTRA.get(name, {})
        flags += extra.get("rules", [])
        required = []
        for q in d.get("qualifiers_definition") or []:
            if q.get("requirement") not in (None, "optional", "recommended", "required"):
                die("%s: unknown qualifier requirement %r" % (fname, q.get("requirement")))
            if q.get("requirement") == "required":
                required.append(q["key"])
        types.append({
            "name": name,
            "file": fname,
            "ns": REQ[ns.get("requirement")],
            "ns_max": extra.get("ns_max", 0),
            "flags": flags,
            "name_chars": name_chars,
            "version_chars": version_chars,
            "required": sorted(required),
        })
    # bsearch needs byte order (memcmp on the type names).
    types.sort(key=lambda t: t["name"].encode())
    names = [t["name"] for t in types]
    if len(set(names)) != len(names):
        die("duplicate type names")

    out = []
    w = out.append
    w("/* GENERATED FILE - do not edit.")
    w(" *")
    w(" * Generated by scripts/gen-purl-types.py from the %d purl type definitions" % len(types))
    w(" * in tests/data/purl/types/ (purl-spec, MIT; see")
    w(" * tests/data/purl/PROVENANCE.md for the commit). To regenerate:")
    w(" *     python3 scripts/gen-purl-types.py > src/ident/purl_types.c")
    w(" * The table is sorted by type name for bsearch (ident__purl_type_find).")
    w(" */")
    w('#include "ident/internal.h"')
    w("")
    for t in types:
        if t["required"]:
            w("static const char *const required_%s[] = { %s, NULL };" % (
                t["name"].replace("-", "_").replace(".", "_"),
                ", ".join(c_string(k) for k in t["required"])))
    w("")
    w("const struct psirt_purl_type ident__purl_types[] = {")
    for t in types:
        flags = " | ".join(t["flags"]) if t["flags"] else "0"
        req = ("required_" + t["name"].replace("-", "_").replace(".", "_")) if t["required"] else "NULL"
        w("\t/* %s */" % t["file"])
        w("\t{ %s, %d, %s, %d, %s, %s," % (c_string(t["name"]), len(t["name"]), t["ns"],
                                           t["ns_max"], t["name_chars"], t["version_chars"]))
        w("\t  %s, %s }," % (flags, req))
    w("};")
    w("")
    w("const size_t ident__purl_types_count = sizeof ident__purl_types / sizeof ident__purl_types[0];")
    w("")
    w("/* Index of the first type whose name starts with a, b, ... z or later; [26]: the count. */")
    first = []
    for c in "abcdefghijklmnopqrstuvwxyz":
        first.append(next((i for i, t in enumerate(types) if t["name"][0] >= c), len(types)))
    first.append(len(types))
    w("const unsigned char ident__purl_type_first[27] = {")
    for k in range(0, 27, 9):
        w("\t" + " ".join("%d," % x for x in first[k:k + 9]))
    w("};")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
