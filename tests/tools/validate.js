#!/usr/bin/env node
// Validates exported SBOMs against the official JSON schemas.
//   node tests/tools/validate.js cdx  DATA_DIR FILE...   CycloneDX 1.6
//   node tests/tools/validate.js spdx DATA_DIR FILE...   SPDX 2.3
// DATA_DIR is tests/data. Prints "ok FILE" or "FAIL FILE: errors" per file
// and "validated N, failed F"; exits 1 when any file fails.
'use strict';
const fs = require('fs');
const path = require('path');

const [kind, dataDir, ...files] = process.argv.slice(2);
const load = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));
let validate;

if (kind === 'cdx') {
  // bom-1.6 is draft-07 and refers to spdx.schema.json and jsf-0.82.schema.json
  // relative to its $id (http://cyclonedx.org/schema/).
  const Ajv = require('ajv');
  const addFormats = require('ajv-formats');
  const dir = path.join(dataDir, 'cyclonedx', 'schema');
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // ajv-formats has no IRI or IDN formats; psirt writes no field that uses
  // them (URLs, e-mail addresses), so they are accepted as they are.
  ajv.addFormat('iri-reference', true);
  ajv.addFormat('idn-email', true);
  ajv.addSchema(load(path.join(dir, 'spdx.schema.json')));
  ajv.addSchema(load(path.join(dir, 'jsf-0.82.schema.json')));
  validate = ajv.compile(load(path.join(dir, 'bom-1.6.schema.json')));
} else if (kind === 'spdx') {
  const Ajv2019 = require('ajv/dist/2019');
  const addFormats = require('ajv-formats');
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  validate = ajv.compile(load(path.join(dataDir, 'spdx', 'schema', 'spdx-schema-2.3.json')));
} else {
  console.error('usage: validate.js cdx|spdx DATA_DIR FILE...');
  process.exit(2);
}

let failed = 0;
for (const f of files) {
  let doc;
  try {
    doc = load(f);
  } catch (e) {
    console.log(`FAIL ${f}: not JSON: ${e.message}`);
    failed++;
    continue;
  }
  if (validate(doc)) {
    console.log(`ok ${f}`);
  } else {
    failed++;
    const errs = validate.errors.slice(0, 5)
      .map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    console.log(`FAIL ${f}: ${errs}`);
  }
}
console.log(`validated ${files.length}, failed ${failed}`);
process.exit(failed ? 1 : 0);
