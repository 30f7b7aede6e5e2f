// Canonicalises the purls of INPUT (one a line) with packageurl-js, as the
// psirt benchmark does with psirt, and compares the two outputs.
//
// usage: node bench/purl.mjs INPUT PSIRT_OUTPUT PSIRT_NS_PER_OP
// INPUT and PSIRT_OUTPUT are written by bench/bench_purl.c; PSIRT_OUTPUT has
// psirt's canonical form per line, or "ERROR: message".
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const here = dirname(fileURLToPath(import.meta.url))
const { PackageURL } = require(join(here, 'node_modules', 'packageurl-js'))
const [input, psirtOut, psirtNsFile] = process.argv.slice(2)

const lines = readFileSync(input, 'utf8').split('\n')
if (lines[lines.length - 1] === '') lines.pop()
const theirs = readFileSync(psirtOut, 'utf8').split('\n')
const psirtNs = parseFloat(readFileSync(psirtNsFile, 'utf8'))
const n = lines.length

function canon (s) {
  return PackageURL.fromString(s).toString()
}

function run (out) {
  let sink = 0
  for (let i = 0; i < n; i++) {
    try {
      const c = canon(lines[i])
      sink += c.length
      if (out) out[i] = c
    } catch (e) {
      if (out) out[i] = 'ERROR: ' + e.message
    }
  }
  return sink
}

// Same procedure as bench_purl.c: best of three passes over all inputs
// (the first also warms up the JIT).
const js = new Array(n)
run(js)
// CPU time, as bench_purl.c measures (CLOCK_THREAD_CPUTIME_ID): the
// machine is shared, and wall time counts the time other programs run.
// process.cpuUsage() counts all of node's threads (the garbage collector's
// helpers too), which is work node does for the canonicalisation.
let best = Infinity
let bestWall = Infinity
for (let round = 0; round < 3; round++) {
  const c0 = process.cpuUsage()
  const t0 = process.hrtime.bigint()
  run(null)
  const wall = Number(process.hrtime.bigint() - t0)
  const c = process.cpuUsage(c0)
  const cpu = (c.user + c.system) * 1000
  if (cpu < best) best = cpu
  if (wall < bestWall) bestWall = wall
}
const nodeNs = best / n
console.log(`purl-js: packageurl-js ${require(join(here, 'node_modules', 'packageurl-js', 'package.json')).version}, node ${process.version}, ${n} purls`)
console.log(`purl-js: canonicalise   ${nodeNs.toFixed(1).padStart(7)} ns/op CPU (${(bestWall / n).toFixed(1)} ns/op wall)  (PackageURL.fromString().toString())`)
console.log(`purl-js: psirt          ${psirtNs.toFixed(1).padStart(7)} ns/op CPU  (psirt_purl_canonicalize, from bench_purl)`)
console.log(`purl-js: psirt is ${(nodeNs / psirtNs).toFixed(1)}x faster (node ns/op / psirt ns/op; goal >= 20x)`)

// Disagreements, in three kinds; for the first, a reason is guessed for
// each so that one common difference does not hide the others.
const kinds = { differ: [], jsRejects: [], psirtRejects: [] }
const reasons = new Map()
function reason (a, b) {
  // clause 5.4 of the current spec: ':' is never encoded, '+' always is;
  // packageurl-js 2.0.1 follows the earlier encoding rules.
  const colon = b.replace(/%3A/g, ':')
  if (colon === a) return "packageurl-js encodes ':' as %3A (5.4: ':' is never encoded)"
  const plus = b.replace(/\+/g, '%2B')
  if (plus === a) return "packageurl-js leaves '+' unencoded (5.4: '+' is a data octet, %2B)"
  if (colon.replace(/\+/g, '%2B') === a) return "both of the above"
  if (a.toLowerCase() === b.toLowerCase()) return 'letter case'
  return 'other'
}
for (let i = 0; i < n; i++) {
  const a = theirs[i]
  const b = js[i]
  const aBad = a.startsWith('ERROR: ')
  const bBad = b.startsWith('ERROR: ')
  if (aBad && bBad) continue
  if (aBad) kinds.psirtRejects.push(i)
  else if (bBad) kinds.jsRejects.push(i)
  else if (a !== b) {
    kinds.differ.push(i)
    const r = reason(a, b)
    if (!reasons.has(r)) reasons.set(r, [])
    reasons.get(r).push(i)
  }
}
function show (title, list, max) {
  console.log(`purl-js: ${title}: ${list.length}`)
  for (const i of list.slice(0, max)) {
    console.log(`  input  ${lines[i]}`)
    console.log(`  psirt  ${theirs[i]}`)
    console.log(`  js     ${js[i]}`)
  }
}
show('both accept, canonical forms differ', kinds.differ, 20)
for (const [r, list] of reasons) show(`  of which: ${r}`, list, r === 'other' ? 20 : 2)
show('packageurl-js rejects, psirt accepts', kinds.jsRejects, 20)
show('psirt rejects, packageurl-js accepts', kinds.psirtRejects, 20)
