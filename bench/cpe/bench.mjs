// Parses the CPE names of INPUT (one a line) with @thefaultvault/tfv-cpe-parser,
// the CPE parser on npm, and compares its speed with psirt's parse figure.
//
// usage: node bench/cpe/bench.mjs INPUT PSIRT_NS_PER_OP
// INPUT and PSIRT_NS_PER_OP are written by bench/bench_cpe.c. tfv-cpe-parser
// splits on ':' and '~' without unescaping or validating (it turns '_' into
// spaces), so only its speed and its failures are reported, not its values.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const here = dirname(fileURLToPath(import.meta.url))
const pkg = join(here, 'node_modules', '@thefaultvault', 'tfv-cpe-parser')
const { CpeParser } = require(pkg)
const [input, psirtNsFile] = process.argv.slice(2)

const lines = readFileSync(input, 'utf8').split('\n')
if (lines[lines.length - 1] === '') lines.pop()
const psirtNs = parseFloat(readFileSync(psirtNsFile, 'utf8'))
const n = lines.length
const parser = new CpeParser()

function run () {
  let sink = 0
  let failed = 0
  for (let i = 0; i < n; i++) {
    try {
      const c = parser.parse(lines[i])
      if (c) sink += c.vendor.length
      else failed++
    } catch (e) {
      failed++
    }
  }
  return [sink, failed]
}

// Same procedure as bench_cpe.c: best of three passes (after a warm-up pass),
// timed in CPU time as bench_cpe.c does (CLOCK_THREAD_CPUTIME_ID), so that a
// busy machine does not count against either side. process.cpuUsage() also
// counts node's GC and compiler threads: work node does to parse.
const [, failed] = run()
let best = Infinity
for (let round = 0; round < 3; round++) {
  const t0 = process.cpuUsage()
  run()
  const d = process.cpuUsage(t0)
  const t = (d.user + d.system) * 1000
  if (t < best) best = t
}
const nodeNs = best / n
console.log(`cpe-js: tfv-cpe-parser ${require(join(pkg, 'package.json')).version}, node ${process.version}, ${n} names, ${failed} not parsed`)
console.log(`cpe-js: parse          ${nodeNs.toFixed(1).padStart(7)} ns/op  (new CpeParser().parse())`)
console.log(`cpe-js: psirt          ${psirtNs.toFixed(1).padStart(7)} ns/op  (psirt_cpe_parse_into, which also validates and unescapes)`)
console.log(`cpe-js: psirt is ${(nodeNs / psirtNs).toFixed(1)}x faster (node ns/op / psirt ns/op; goal >= 20x)`)
