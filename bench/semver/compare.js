// Times npm's semver.compare (semver@7, installed here by bench/semver-js.sh)
// on the pairs bench_version_lang wrote, and reports every disagreement with
// psirt's result. usage: node compare.js PAIRS_FILE C_NS_PER_COMPARE
'use strict';
const fs = require('fs');
const path = require('path');
const semver = require(path.join(__dirname, 'node_modules', 'semver'));

const [pairsFile, cNsText] = process.argv.slice(2);
const lines = fs.readFileSync(pairsFile, 'utf8').split('\n').filter(Boolean);
const a = [], b = [], ours = [];
for (const l of lines) {
  const [x, y, r] = l.split('\t');
  a.push(x); b.push(y); ours.push(Number(r));
}
const n = a.length;

let disagree = 0;
const shown = [];
for (let i = 0; i < n; i++) {
  let r;
  try { r = semver.compare(a[i], b[i]); } catch (e) { r = 'error: ' + e.message; }
  if (r !== ours[i]) {
    disagree++;
    if (shown.length < 20) shown.push(`  ${a[i]} vs ${b[i]}: psirt ${ours[i]}, semver.compare ${r}`);
  }
}

// CPU time (user+system), as the C side measures: the machine may be shared.
function cpuNs() { const u = process.cpuUsage(); return (u.user + u.system) * 1000; }
let best = Infinity, sink = 0;
for (let round = 0; round < 3; round++) {
  const t0 = cpuNs();
  for (let i = 0; i < n; i++) sink += semver.compare(a[i], b[i]);
  const t = cpuNs() - t0;
  if (t < best) best = t;
}
const nodeNs = best / n;
const cNs = Number(cNsText);
console.log(`semver-js: node ${process.version} semver@${require(path.join(__dirname, 'node_modules', 'semver', 'package.json')).version}: ` +
  `${nodeNs.toFixed(1)} ns/compare over ${n} pairs (best of 3, CPU time)`);
if (cNs > 0)
  console.log(`semver-js: psirt ${cNs.toFixed(1)} ns/compare: ${(nodeNs / cNs).toFixed(1)}x faster than npm semver`);
console.log(`semver-js: ${disagree} disagreements`);
for (const s of shown) console.log(s);
if (sink === 0.5) console.log(''); // keeps the loop's results alive
process.exitCode = disagree ? 1 : 0;
