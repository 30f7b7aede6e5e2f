/* CVSS v4.0 scoring tables. GENERATED FILE: do not edit by hand.
 *
 * Made by scripts/gen-cvss4-tables.py from the JSON form of FIRST's CVSS v4.0
 * calculator data (github.com/FIRSTdotorg/cvss-v4-calculator at commit
 * c5b0d409ae9f57c44264c6ce5f27d89298e1d32a: cvss_lookup.js, max_composed.js,
 * max_severity.js, metrics.js, converted to JSON without changing a value):
 *   python3 scripts/gen-cvss4-tables.py DATA_DIR > src/triage/cvss4_tables.c
 * The data is Copyright FIRST.ORG, Inc., Red Hat, and contributors, under the
 * BSD-2-Clause license; the tables below are a mechanical translation of it.
 */
#include "triage/internal.h"

static const struct triage__cvss_metric metrics[CVSS4__MAX] = {
	{ "AV", 2, TRIAGE__CVSS_BASE, 4, { "N", "A", "L", "P" } },
	{ "AC", 2, TRIAGE__CVSS_BASE, 2, { "L", "H" } },
	{ "AT", 2, TRIAGE__CVSS_BASE, 2, { "N", "P" } },
	{ "PR", 2, TRIAGE__CVSS_BASE, 3, { "N", "L", "H" } },
	{ "UI", 2, TRIAGE__CVSS_BASE, 3, { "N", "P", "A" } },
	{ "VC", 2, TRIAGE__CVSS_BASE, 3, { "H", "L", "N" } },
	{ "VI", 2, TRIAGE__CVSS_BASE, 3, { "H", "L", "N" } },
	{ "VA", 2, TRIAGE__CVSS_BASE, 3, { "H", "L", "N" } },
	{ "SC", 2, TRIAGE__CVSS_BASE, 3, { "H", "L", "N" } },
	{ "SI", 2, TRIAGE__CVSS_BASE, 3, { "H", "L", "N" } },
	{ "SA", 2, TRIAGE__CVSS_BASE, 3, { "H", "L", "N" } },
	{ "E", 1, TRIAGE__CVSS_TEMPORAL, 4, { "X", "A", "P", "U" } },
	{ "CR", 2, TRIAGE__CVSS_ENVIRONMENTAL, 4, { "X", "H", "M", "L" } },
	{ "IR", 2, TRIAGE__CVSS_ENVIRONMENTAL, 4, { "X", "H", "M", "L" } },
	{ "AR", 2, TRIAGE__CVSS_ENVIRONMENTAL, 4, { "X", "H", "M", "L" } },
	{ "MAV", 3, TRIAGE__CVSS_ENVIRONMENTAL, 5, { "X", "N", "A", "L", "P" } },
	{ "MAC", 3, TRIAGE__CVSS_ENVIRONMENTAL, 3, { "X", "L", "H" } },
	{ "MAT", 3, TRIAGE__CVSS_ENVIRONMENTAL, 3, { "X", "N", "P" } },
	{ "MPR", 3, TRIAGE__CVSS_ENVIRONMENTAL, 4, { "X", "N", "L", "H" } },
	{ "MUI", 3, TRIAGE__CVSS_ENVIRONMENTAL, 4, { "X", "N", "P", "A" } },
	{ "MVC", 3, TRIAGE__CVSS_ENVIRONMENTAL, 4, { "X", "H", "L", "N" } },
	{ "MVI", 3, TRIAGE__CVSS_ENVIRONMENTAL, 4, { "X", "H", "L", "N" } },
	{ "MVA", 3, TRIAGE__CVSS_ENVIRONMENTAL, 4, { "X", "H", "L", "N" } },
	{ "MSC", 3, TRIAGE__CVSS_ENVIRONMENTAL, 4, { "X", "H", "L", "N" } },
	{ "MSI", 3, TRIAGE__CVSS_ENVIRONMENTAL, 5, { "X", "S", "H", "L", "N" } },
	{ "MSA", 3, TRIAGE__CVSS_ENVIRONMENTAL, 5, { "X", "S", "H", "L", "N" } },
	{ "S", 1, TRIAGE__CVSS_SUPPLEMENTAL, 3, { "X", "N", "P" } },
	{ "AU", 2, TRIAGE__CVSS_SUPPLEMENTAL, 3, { "X", "N", "Y" } },
	{ "R", 1, TRIAGE__CVSS_SUPPLEMENTAL, 4, { "X", "A", "U", "I" } },
	{ "V", 1, TRIAGE__CVSS_SUPPLEMENTAL, 3, { "X", "D", "C" } },
	{ "RE", 2, TRIAGE__CVSS_SUPPLEMENTAL, 4, { "X", "L", "M", "H" } },
	{ "U", 1, TRIAGE__CVSS_SUPPLEMENTAL, 5, { "X", "Clear", "Green", "Amber", "Red" } },
};

const struct triage__cvss_spec triage__cvss4_spec = {
	PSIRT_CVSS_V4_0, "CVSS:4.0/", 9, 1, CVSS4__MAX, metrics,
};

const signed char triage__cvss4_lookup[3][2][3][3][3][2] = {
	{
		{
			{ { { 100, 99 }, { 98, 95 }, { 95, 92 } }, { { 100, 96 }, { 93, 87 }, { 91, 81 } }, { { 93, 90 }, { 89, 80 }, { 81, 68 } } },
			{ { { 98, 95 }, { 95, 92 }, { 90, 84 } }, { { 93, 92 }, { 89, 81 }, { 81, 65 } }, { { 88, 80 }, { 78, 70 }, { 69, 48 } } },
			{ { { -1, 92 }, { -1, 82 }, { -1, 72 } }, { { -1, 79 }, { -1, 69 }, { -1, 50 } }, { { -1, 69 }, { -1, 55 }, { -1, 27 } } },
		},
		{
			{ { { 99, 97 }, { 95, 92 }, { 92, 85 } }, { { 95, 91 }, { 90, 83 }, { 84, 71 } }, { { 92, 81 }, { 82, 71 }, { 72, 53 } } },
			{ { { 95, 93 }, { 92, 85 }, { 85, 73 } }, { { 92, 82 }, { 80, 72 }, { 70, 59 } }, { { 84, 70 }, { 71, 52 }, { 50, 30 } } },
			{ { { -1, 86 }, { -1, 75 }, { -1, 52 } }, { { -1, 71 }, { -1, 52 }, { -1, 29 } }, { { -1, 63 }, { -1, 29 }, { -1, 17 } } },
		},
	},
	{
		{
			{ { { 98, 95 }, { 94, 87 }, { 91, 81 } }, { { 94, 89 }, { 86, 74 }, { 77, 64 } }, { { 87, 75 }, { 74, 63 }, { 63, 49 } } },
			{ { { 94, 89 }, { 88, 77 }, { 76, 67 } }, { { 86, 76 }, { 74, 58 }, { 59, 50 } }, { { 72, 57 }, { 57, 52 }, { 52, 25 } } },
			{ { { -1, 83 }, { -1, 70 }, { -1, 54 } }, { { -1, 65 }, { -1, 58 }, { -1, 26 } }, { { -1, 53 }, { -1, 21 }, { -1, 13 } } },
		},
		{
			{ { { 95, 90 }, { 88, 76 }, { 76, 70 } }, { { 90, 77 }, { 75, 62 }, { 61, 53 } }, { { 77, 66 }, { 68, 59 }, { 52, 30 } } },
			{ { { 89, 78 }, { 76, 67 }, { 62, 58 } }, { { 74, 59 }, { 57, 57 }, { 47, 23 } }, { { 61, 52 }, { 57, 29 }, { 24, 16 } } },
			{ { { -1, 71 }, { -1, 59 }, { -1, 30 } }, { { -1, 58 }, { -1, 26 }, { -1, 15 } }, { { -1, 23 }, { -1, 13 }, { -1, 6 } } },
		},
	},
	{
		{
			{ { { 93, 87 }, { 86, 72 }, { 75, 58 } }, { { 86, 74 }, { 74, 61 }, { 56, 34 } }, { { 70, 54 }, { 52, 40 }, { 40, 22 } } },
			{ { { 85, 75 }, { 74, 55 }, { 62, 51 } }, { { 72, 57 }, { 55, 41 }, { 46, 19 } }, { { 53, 36 }, { 34, 19 }, { 19, 8 } } },
			{ { { -1, 64 }, { -1, 51 }, { -1, 20 } }, { { -1, 47 }, { -1, 21 }, { -1, 11 } }, { { -1, 24 }, { -1, 9 }, { -1, 4 } } },
		},
		{
			{ { { 88, 75 }, { 73, 53 }, { 60, 50 } }, { { 73, 55 }, { 59, 40 }, { 41, 20 } }, { { 54, 43 }, { 45, 22 }, { 20, 11 } } },
			{ { { 75, 55 }, { 58, 45 }, { 40, 21 } }, { { 61, 51 }, { 48, 18 }, { 20, 9 } }, { { 46, 18 }, { 17, 7 }, { 8, 2 } } },
			{ { { -1, 53 }, { -1, 24 }, { -1, 14 } }, { { -1, 24 }, { -1, 12 }, { -1, 5 } }, { { -1, 10 }, { -1, 3 }, { -1, 1 } } },
		},
	},
};

const struct triage__cvss4_max_eq1 triage__cvss4_max_eq1[3] = {
	{ 1, { { 0, 0, 0 } } },
	{ 3, { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } } },
	{ 2, { { 3, 0, 0 }, { 1, 1, 1 } } },
};
const struct triage__cvss4_max_eq2 triage__cvss4_max_eq2[2] = {
	{ 1, { { 0, 0 } } },
	{ 2, { { 1, 0 }, { 0, 1 } } },
};
const struct triage__cvss4_max_eq4 triage__cvss4_max_eq4[3] = {
	{ 1, { { 1, 0, 0 } } },
	{ 1, { { 1, 1, 1 } } },
	{ 1, { { 2, 2, 2 } } },
};
const struct triage__cvss4_max_eq36 triage__cvss4_max_eq36[3][2] = {
	{ { 1, { { 0, 0, 0, 0, 0, 0 } } }, { 2, { { 0, 0, 1, 1, 1, 0 }, { 0, 0, 0, 1, 1, 1 } } } },
	{ { 2, { { 1, 0, 0, 0, 0, 0 }, { 0, 1, 0, 0, 0, 0 } } }, { 5, { { 1, 0, 1, 0, 1, 0 }, { 1, 0, 0, 0, 1, 1 }, { 0, 1, 0, 1, 0, 1 }, { 0, 1, 1, 1, 0, 0 }, { 1, 1, 0, 0, 0, 1 } } } },
	{ { 0, { { 0 } } }, { 1, { { 1, 1, 1, 0, 0, 0 } } } },
};

const unsigned char triage__cvss4_depth_eq1[3] = { 1, 4, 5 };
const unsigned char triage__cvss4_depth_eq2[2] = { 1, 2 };
const unsigned char triage__cvss4_depth_eq36[3][2] = { { 7, 6 }, { 8, 8 }, { 0, 10 } };
const unsigned char triage__cvss4_depth_eq4[3] = { 6, 5, 4 };
