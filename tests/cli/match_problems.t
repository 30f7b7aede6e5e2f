# Feed entries psirt cannot use are reported by psirt match, once each
# (record, field, value, why), skipped, never matched, and do not stop the
# run. Hand-made records in tests/data/nvd/problems (PROVENANCE.md):
# CVE-2099-0101, Lumen Optics NC-400 firmware AND on NC-400 hardware, with a
# range end "2.2.0 beta" no version scheme reads, a malformed criterion
# (a '*' inside a value) and a valid exact 2.1.4; CVE-2099-0102, 22 range
# ends with a space.
$ ln -s "$PSIRT_TESTS/data" data

$ psirt init > /dev/null

$ psirt feed import nvd data/nvd/problems/CVE-2099-0101.json
nvd: 1 record from 1 file: 1 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors

$ psirt product add nc400 --vendor 'Lumen Optics' --hardware NC-400 --cpe 'cpe:2.3:o:lumen_optics:nc-400_firmware:*:*:*:*:*:*:*:*'
added product nc400

$ for v in 2.1.4 2.1.9; do psirt product version add nc400 $v; done
added version 2.1.4 of nc400
added version 2.1.9 of nc400

# each problem once, on stderr; the run goes on
$ PSIRT_USER=carol psirt match
run 1: 2 versions matched, 1 changed vulnerability; findings: 1 new, 0 reopened, 0 still open, 0 fixed, 0 withdrawn; 1 re-triaged
! psirt: warning: CVE-2099-0101 configurations[0].nodes[0].cpeMatch[0].versionEndExcluding '2.2.0 beta': invalid generic version: whitespace, control and non-ASCII characters are not allowed
! psirt: warning: CVE-2099-0101 configurations[0].nodes[0].cpeMatch[1].criteria 'cpe:2.3:o:lumen_optics:nc-400_firmware:2.0.*x:*:*:*:*:*:*:*': wildcard '*' inside a value; wildcards may only begin or end one (NISTIR 7695 §5.3.2)

# 2.1.4 through the valid exact criterion; 2.1.9 (before "2.2.0 beta" if it
# were read) is not matched by accident
$ psirt findings --format csv | cut -d, -f5-9
state,product,version,component,vulnerability
in_triage,"nc400","2.1.4","",CVE-2099-0101

# nothing changed: nothing loaded, nothing reported again
$ PSIRT_USER=carol psirt match
nothing changed since the last match
! 

# --all loads every record again: reported again, in --json as an array
# (with the seconds each phase took: their names here, the figures vary)
$ PSIRT_USER=carol psirt --json match --all | tee match.json | jq 'del(.seconds)'
{
  "run": 2,
  "versions": 2,
  "unchangedVersions": 2,
  "changedVulnerabilities": 0,
  "created": 0,
  "reopened": 0,
  "seen": 1,
  "fixed": 0,
  "withdrawn": 0,
  "triaged": 0,
  "problems": [
    {
      "record": "CVE-2099-0101",
      "field": "configurations[0].nodes[0].cpeMatch[0].versionEndExcluding",
      "value": "2.2.0 beta",
      "message": "invalid generic version: whitespace, control and non-ASCII characters are not allowed"
    },
    {
      "record": "CVE-2099-0101",
      "field": "configurations[0].nodes[0].cpeMatch[1].criteria",
      "value": "cpe:2.3:o:lumen_optics:nc-400_firmware:2.0.*x:*:*:*:*:*:*:*",
      "message": "wildcard '*' inside a value; wildcards may only begin or end one (NISTIR 7695 §5.3.2)"
    }
  ],
  "bulk": false
}
! 

$ jq -c '.seconds | [keys_unsorted, (map_values(. >= 0) | all)]' match.json
[["index","match","note","triage","reindex","commit"],true]

# an incremental run after a feed delta sees only the changed records'
# problems: 22, the first 20 printed
$ psirt feed import nvd data/nvd/problems/CVE-2099-0102.json
nvd: 1 record from 1 file: 1 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors

$ PSIRT_USER=carol psirt match 2>&1 >/dev/null | cut -c1-100 | sed -n '1p;20,$p'
psirt: warning: CVE-2099-0102 configurations[0].nodes[0].cpeMatch[0].versionEndExcluding '1.0 beta':
psirt: warning: CVE-2099-0102 configurations[0].nodes[0].cpeMatch[19].versionEndExcluding '1.19 beta
psirt: warning: ... and 2 more unusable criteria or ranges (psirt match --problems lists them all)

# --problems lists every one of the store, on stdout
$ psirt match --problems | cut -c1-90 | sed -n '1,3p;24,$p'
CVE-2099-0101 configurations[0].nodes[0].cpeMatch[0].versionEndExcluding '2.2.0 beta': inv
CVE-2099-0101 configurations[0].nodes[0].cpeMatch[1].criteria 'cpe:2.3:o:lumen_optics:nc-4
CVE-2099-0102 configurations[0].nodes[0].cpeMatch[0].versionEndExcluding '1.0 beta': inval
CVE-2099-0102 configurations[0].nodes[0].cpeMatch[21].versionEndExcluding '1.21 beta': inv
24 unusable criteria or ranges (left out of matching)

$ psirt --json match --problems | grep -c '"record"'
24

$ psirt match --problems --all
! psirt match: --problems goes alone (it matches nothing)
! (see 'psirt match --help')
? 2

# psirt match component: the warnings too, and the array in --json
$ psirt match component --firmware 'cpe:2.3:o:lumen_optics:nc-400_firmware:2.1.9:*:*:*:*:*:*:*' --hardware 'cpe:2.3:h:lumen_optics:nc-400:-:*:*:*:*:*:*:*' 2>/dev/null
no known vulnerability matches

$ psirt match component --firmware 'cpe:2.3:o:lumen_optics:nc-400_firmware:2.1.9:*:*:*:*:*:*:*' --hardware 'cpe:2.3:h:lumen_optics:nc-400:-:*:*:*:*:*:*:*' 2>&1 >/dev/null | cut -c1-80 | sed -n '1,2p;20,$p'
psirt: warning: CVE-2099-0101 configurations[0].nodes[0].cpeMatch[0].versionEndE
psirt: warning: CVE-2099-0101 configurations[0].nodes[0].cpeMatch[1].criteria 'c
psirt: warning: CVE-2099-0102 configurations[0].nodes[0].cpeMatch[17].versionEnd
psirt: warning: ... and 4 more unusable criteria or ranges (psirt match --proble

$ psirt match component --firmware 'cpe:2.3:o:lumen_optics:nc-400_firmware:2.1.4:*:*:*:*:*:*:*' --hardware 'cpe:2.3:h:lumen_optics:nc-400:-:*:*:*:*:*:*:*' --json | grep -E '"(vulnerability|criteria|unusableSourceEntries|field)"' | head -6
      "vulnerability": "CVE-2099-0101",
          "criteria": "cpe:2.3:o:lumen_optics:nc-400_firmware:2.1.4:*:*:*:*:*:*:*",
  "unusableSourceEntries": 24,
      "field": "configurations[0].nodes[0].cpeMatch[0].versionEndExcluding",
      "field": "configurations[0].nodes[0].cpeMatch[1].criteria",
      "field": "configurations[0].nodes[0].cpeMatch[0].versionEndExcluding",

$ psirt match component --firmware 'cpe:2.3:o:lumen_optics:nc-400_firmware:2.1.4:*:*:*:*:*:*:*' --json | grep -c '"field"'
24
