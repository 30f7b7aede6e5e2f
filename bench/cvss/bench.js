// Scores bench/data/cvss31.txt and cvss40.txt (written by bench_cvss) with
// the npm library ae-cvss-calculator, times it, and compares every score with
// the C scores in bench/data/cvss31.scores and cvss40.scores.
// usage: node bench/cvss/bench.js [LIMIT]   (run from the repository root)
// LIMIT caps the vectors scored per version ("all" for no cap). Default: all
// 1,000,000 v3.1 vectors but 20,000 v4.0 ones, as ae-cvss-calculator takes
// milliseconds per v4.0 vector (all of them would take most of an hour). A
// capped run takes every k-th vector, k prime to 6, so that the sample still
// walks through the base-metric combinations the generator cycles.
'use strict';
const fs = require('fs');
const path = require('path');
const { Cvss3P1, Cvss4P0 } = require(path.join(__dirname, 'node_modules', 'ae-cvss-calculator'));

const arg = process.argv[2];
const limits = arg === undefined ? [Infinity, 20000]
	: arg === 'all' ? [Infinity, Infinity] : [Number(arg), Number(arg)];
const cNs = fs.readFileSync('bench/data/cvss-c.ns', 'utf8').trim().split(/\s+/).map(Number);
let failed = false;

function lines(file) {
	const all = fs.readFileSync(file, 'utf8').split('\n');
	if (all[all.length - 1] === '') all.pop();
	return all;
}

function fmt(x) {
	return x === undefined ? 'undefined' : x.toFixed(1);
}

// One version: time `new Class(v).calculateScores()` (parse and every
// sub-score, as the C side does), then list the disagreements.
function run(name, Class, vectorFile, scoreFile, nsC, limit, compare) {
	const vectors = lines(vectorFile);
	const ours = lines(scoreFile);
	let stride = Math.max(1, Math.floor(vectors.length / limit));
	while (stride > 1 && (stride % 2 === 0 || stride % 3 === 0)) stride++;
	const picked = [];
	for (let i = 0; i < vectors.length && picked.length < limit; i += stride) picked.push(i);
	const n = picked.length;
	const results = new Array(n);
	// CPU time (user + system, every thread of the process), as bench_cvss
	// measures its own: on a shared machine wall time counts other work too.
	const t0 = process.cpuUsage();
	for (let k = 0; k < n; k++) results[k] = new Class(vectors[picked[k]]).calculateScores();
	const t = process.cpuUsage(t0);
	const ns = (t.user + t.system) * 1000 / n;
	const bad = [];
	for (let k = 0; k < n; k++) {
		const i = picked[k];
		const why = compare(results[k], ours[i].split(' ').map(Number));
		if (why) bad.push(`${vectors[i]}: ${why}`);
	}
	console.log(`cvss ${name} node ae-cvss-calculator: ${n} of ${vectors.length} vectors` +
		`${stride > 1 ? ` (1 in ${stride})` : ''}, ${ns.toFixed(0)} ns/vector CPU time; ` +
		`psirt ${nsC.toFixed(1)} ns/vector: ${(ns / nsC).toFixed(0)}x faster`);
	console.log(`cvss ${name}: ${bad.length} score disagreements out of ${n}`);
	for (const b of bad.slice(0, 20)) console.log(`  ${b}`);
	if (bad.length) failed = true;
}

// ae-cvss-calculator leaves the temporal and environmental scores undefined
// when the vector defines none of their metrics; psirt computes them anyway
// (Not Defined is neutral), so only defined ones are compared.
run('v3.1', Cvss3P1, 'bench/data/cvss31.txt', 'bench/data/cvss31.scores', cNs[0], limits[0], (r, c) => {
	const diffs = [];
	if (r.base !== c[0]) diffs.push(`base ${fmt(r.base)} vs psirt ${fmt(c[0])}`);
	if (r.temporal !== undefined && r.temporal !== c[1])
		diffs.push(`temporal ${fmt(r.temporal)} vs psirt ${fmt(c[1])}`);
	if (r.environmental !== undefined && r.environmental !== c[2])
		diffs.push(`environmental ${fmt(r.environmental)} vs psirt ${fmt(c[2])}`);
	return diffs.join(', ');
});
run('v4.0', Cvss4P0, 'bench/data/cvss40.txt', 'bench/data/cvss40.scores', cNs[1], limits[1], (r, c) =>
	r.overall !== c[0] ? `score ${fmt(r.overall)} vs psirt ${fmt(c[0])}` : '');
process.exit(failed ? 1 : 0);
