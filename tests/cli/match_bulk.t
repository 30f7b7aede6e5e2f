# A run of mostly first matches writes in bulk (the indexes of findings
# dropped, then rebuilt before the commit; each new finding triaged as it is
# written): at least 20 versions never matched, a quarter of the matched
# versions with them. The hand-made CVE-2099-0101 (tests/data/nvd/problems,
# PROVENANCE.md) reaches NC-400 firmware 2.1.4 on NC-400 hardware.
$ ln -s "$PSIRT_TESTS/data" data

$ psirt init > /dev/null

$ psirt feed import nvd data/nvd/problems/CVE-2099-0101.json > /dev/null 2>&1

$ psirt product add nc400 --vendor 'Lumen Optics' --hardware NC-400 --cpe 'cpe:2.3:o:lumen_optics:nc-400_firmware:*:*:*:*:*:*:*:*'
added product nc400

$ for v in 2.1.4 $(seq -f '2.0.%g' 1 19); do psirt product version add nc400 $v > /dev/null; done

# 20 versions, none matched before: bulk
$ PSIRT_USER=carol psirt --json match | jq -c '[.versions, .created, .triaged, .bulk]'
[20,1,1,true]

# the finding is there, triaged, and the pages of findings read their
# indexes again (they name them: INDEXED BY)
$ psirt findings --format csv | cut -d, -f2,5-12
priority,state,product,version,component,vulnerability,kev,class,reason
P4,in_triage,"nc400","2.1.4","",CVE-2099-0101,no,routine,"P4 routine: no rule matched"

$ psirt findings --state all --format csv | tail -n +2 | wc -l
1

# one more version: 1 of 21 is new, not bulk (2.1.9 is not reached)
$ psirt product version add nc400 2.1.9
added version 2.1.9 of nc400

$ PSIRT_USER=carol psirt --json match | jq -c '[.versions, .created, .bulk]'
[1,0,false]
