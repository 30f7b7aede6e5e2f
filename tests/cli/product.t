# psirt product: the portfolio (products, attributes, versions, history)
$ psirt product list
! psirt: error: psirt.db: no store here (run 'psirt init')
? 3

$ psirt init
created store psirt.db (schema version 3)

$ psirt product list
PRODUCT  VENDOR  SAFETY  WEIGHT  EXPOSURE  UPDATE  VERSIONS  OWNER

$ PSIRT_USER=alice psirt product add acme-cam --vendor "ACME Cameras" --safety critical --weight flagship --exposure internet --update ota --hardware CAM-100 --hardware "CAM 200/B" --hardware "X1=cpe:/h:acme:x1" --cpe cpe:/o:acme:cam_firmware --owner "camera team" --regime CRA --regime UN-R155
added product acme-cam

$ PSIRT_USER=alice psirt product add meter --safety=marginal --exposure local-network --json
{
  "name": "meter",
  "vendor": null,
  "safety": "marginal",
  "weight": null,
  "exposure": "local-network",
  "update": null,
  "cpe": null,
  "owner": null,
  "hardware": [],
  "regimes": [],
  "versionCount": 0,
  "created": "2026-01-15T09:00:00.000Z",
  "updated": "2026-01-15T09:00:00.000Z"
}

$ psirt product list
PRODUCT   VENDOR        SAFETY    WEIGHT    EXPOSURE       UPDATE  VERSIONS  OWNER
acme-cam  ACME Cameras  critical  flagship  internet       ota     0         camera team
meter     -             marginal  -         local-network  -       0         -

$ psirt product list --json
[
  {
    "name": "acme-cam",
    "vendor": "ACME Cameras",
    "safety": "critical",
    "weight": "flagship",
    "exposure": "internet",
    "update": "ota",
    "cpe": "cpe:2.3:o:acme:cam_firmware:*:*:*:*:*:*:*:*",
    "owner": "camera team",
    "hardware": [
      {
        "model": "CAM 200/B",
        "cpe": "cpe:2.3:h:acme_cameras:cam_200\\/b:-:*:*:*:*:*:*:*"
      },
      {
        "model": "CAM-100",
        "cpe": "cpe:2.3:h:acme_cameras:cam-100:-:*:*:*:*:*:*:*"
      },
      {
        "model": "X1",
        "cpe": "cpe:2.3:h:acme:x1:*:*:*:*:*:*:*:*"
      }
    ],
    "regimes": [
      "CRA",
      "UN-R155"
    ],
    "versionCount": 0,
    "created": "2026-01-15T09:00:00.000Z",
    "updated": "2026-01-15T09:00:00.000Z"
  },
  {
    "name": "meter",
    "vendor": null,
    "safety": "marginal",
    "weight": null,
    "exposure": "local-network",
    "update": null,
    "cpe": null,
    "owner": null,
    "hardware": [],
    "regimes": [],
    "versionCount": 0,
    "created": "2026-01-15T09:00:00.000Z",
    "updated": "2026-01-15T09:00:00.000Z"
  }
]

$ psirt product show acme-cam
name      acme-cam
vendor    ACME Cameras
safety    critical
weight    flagship
exposure  internet
update    ota
cpe       cpe:2.3:o:acme:cam_firmware:*:*:*:*:*:*:*:*
owner     camera team
hardware  CAM 200/B  cpe:2.3:h:acme_cameras:cam_200\/b:-:*:*:*:*:*:*:*
hardware  CAM-100    cpe:2.3:h:acme_cameras:cam-100:-:*:*:*:*:*:*:*
hardware  X1         cpe:2.3:h:acme:x1:*:*:*:*:*:*:*:*
regimes   CRA, UN-R155
created   2026-01-15T09:00:00.000Z
updated   2026-01-15T09:00:00.000Z
versions  0

# bad input: one line, exit 3
$ PSIRT_USER=alice psirt product add acme-cam
! psirt: error: product 'acme-cam' exists
? 3

$ PSIRT_USER=alice psirt product add x --safety high
! psirt: error: unknown safety class 'high' (negligible, marginal, critical, catastrophic)
? 3

$ PSIRT_USER=alice psirt product add x --weight top
! psirt: error: unknown business weight 'top' (flagship, standard, legacy)
? 3

$ PSIRT_USER=alice psirt product add x --exposure wan
! psirt: error: unknown exposure 'wan' (internet, local-network, adjacent, physical)
? 3

$ PSIRT_USER=alice psirt product add x --update usb
! psirt: error: unknown update mechanism 'usb' (ota, user, dealer, none)
? 3

$ PSIRT_USER=alice psirt product add x --cpe cpe:2.3:a:acme:cam:1.0:*:*:*:*:*:*:*
! psirt: error: firmware CPE 'cpe:2.3:a:acme:cam:1.0:*:*:*:*:*:*:*' must be of part 'o' (operating system / firmware), not 'a'
? 3

$ PSIRT_USER=alice psirt product add x --hardware "Y=cpe:2.3:o:acme:y:*:*:*:*:*:*:*:*"
! psirt: error: hardware CPE 'cpe:2.3:o:acme:y:*:*:*:*:*:*:*:*' must be of part 'h' (hardware), not 'o'
? 3

$ PSIRT_USER=alice psirt product add 'bad	name'
! psirt: error: column 4: product name has a control character
? 3

$ psirt product show nope
! psirt: error: no product 'nope'
? 3

# usage errors: exit 2
$ psirt product add
! psirt product: add: which product?
! (see 'psirt product --help')
? 2

$ PSIRT_USER=alice psirt product add x --colour red
! psirt product: add: unknown option '--colour'
! (see 'psirt product --help')
? 2

$ PSIRT_USER=alice psirt product add x --safety
! psirt product: add: --safety needs a value
! (see 'psirt product --help')
? 2

$ PSIRT_USER=alice psirt product add x y
! psirt product: add: unexpected argument 'y'
! (see 'psirt product --help')
? 2

$ PSIRT_USER=alice psirt product add x --remove-regime CRA
! psirt product: add: unknown option '--remove-regime'
! (see 'psirt product --help')
? 2

$ PSIRT_USER=alice psirt product set acme-cam
! psirt product: set: nothing to change
! (see 'psirt product --help')
? 2

$ psirt product frobnicate
! psirt product: unknown subcommand 'frobnicate'
! (see 'psirt product --help')
? 2

$ psirt product show
! psirt product: show: give one product
! (see 'psirt product --help')
? 2

# changes, each one audited
$ PSIRT_USER=bob psirt product set acme-cam --vendor ACME --safety catastrophic --owner '' --remove-hardware CAM-100 --add-regime FDA --remove-regime CRA
product acme-cam: 7 changes

$ PSIRT_USER=bob psirt product set acme-cam --safety catastrophic
product acme-cam: nothing changed

$ PSIRT_USER=bob psirt product set acme-cam --weight '' --json
{
  "name": "acme-cam",
  "vendor": "ACME",
  "safety": "catastrophic",
  "weight": null,
  "exposure": "internet",
  "update": "ota",
  "cpe": "cpe:2.3:o:acme:cam_firmware:*:*:*:*:*:*:*:*",
  "owner": null,
  "hardware": [
    {
      "model": "CAM 200/B",
      "cpe": "cpe:2.3:h:acme:cam_200\\/b:-:*:*:*:*:*:*:*"
    },
    {
      "model": "X1",
      "cpe": "cpe:2.3:h:acme:x1:*:*:*:*:*:*:*:*"
    }
  ],
  "regimes": [
    "FDA",
    "UN-R155"
  ],
  "versionCount": 0,
  "created": "2026-01-15T09:00:00.000Z",
  "updated": "2026-01-15T09:00:00.000Z",
  "changes": 1
}

$ PSIRT_USER=alice psirt product set acme-cam --remove-hardware CAM-100
! psirt: error: product 'acme-cam' has no hardware model 'CAM-100'
? 3

$ PSIRT_USER=alice psirt product set nope --safety marginal
! psirt: error: no product 'nope'
? 3

# versions
$ PSIRT_USER=carol psirt product version add acme-cam 2.4.1 --released 2025-11-03 --eos 2030-12-31 --units 120000
added version 2.4.1 of acme-cam

$ PSIRT_USER=alice psirt product version add acme-cam 2.5.0 --released=2026-03-01 --json
{
  "product": "acme-cam",
  "version": "2.5.0",
  "released": "2026-03-01",
  "eos": null,
  "units": null,
  "components": 0,
  "sbomImport": null,
  "created": "2026-01-15T09:00:00.000Z",
  "updated": "2026-01-15T09:00:00.000Z"
}

$ PSIRT_USER=alice psirt product version add acme-cam 2.6.0-beta
added version 2.6.0-beta of acme-cam

$ PSIRT_USER=alice psirt product version add acme-cam 2.4.1
! psirt: error: product 'acme-cam' has a version '2.4.1'
? 3

$ PSIRT_USER=alice psirt product version add acme-cam 3.0 --released 2026-02-30
! psirt: error: release date '2026-02-30' is not a date YYYY-MM-DD
? 3

$ PSIRT_USER=alice psirt product version add acme-cam 3.0 --released 2026-03-01 --eos 2026-02-01
! psirt: error: end of support 2026-02-01 is before the release date 2026-03-01
? 3

$ PSIRT_USER=alice psirt product version add acme-cam 3.0 --units many
! psirt: error: units 'many' is not a count from 0 to 10000000000000
? 3

$ PSIRT_USER=alice psirt product version add nope 1.0
! psirt: error: no product 'nope'
? 3

$ PSIRT_USER=alice psirt product version add acme-cam
! psirt product: version add: give PRODUCT VERSION
! (see 'psirt product --help')
? 2

$ PSIRT_USER=alice psirt product version add acme-cam 3.0 --safety critical
! psirt product: version add: unknown option '--safety'
! (see 'psirt product --help')
? 2

$ PSIRT_USER=carol psirt product version set acme-cam 2.5.0 --units 5000 --eos 2031-03-01
acme-cam 2.5.0: 2 changes

$ PSIRT_USER=alice psirt product version set acme-cam 2.5.0 --units 5000
acme-cam 2.5.0: nothing changed

$ PSIRT_USER=alice psirt product version set acme-cam 9.9 --units 1
! psirt: error: product 'acme-cam' has no version '9.9'
? 3

$ psirt product version list acme-cam
VERSION     RELEASED    EOS         UNITS   COMPONENTS
2.4.1       2025-11-03  2030-12-31  120000  no SBOM
2.5.0       2026-03-01  2031-03-01  5000    no SBOM
2.6.0-beta  -           -           -       no SBOM

$ psirt product version list acme-cam --json
[
  {
    "product": "acme-cam",
    "version": "2.4.1",
    "released": "2025-11-03",
    "eos": "2030-12-31",
    "units": 120000,
    "components": 0,
    "sbomImport": null,
    "created": "2026-01-15T09:00:00.000Z",
    "updated": "2026-01-15T09:00:00.000Z"
  },
  {
    "product": "acme-cam",
    "version": "2.5.0",
    "released": "2026-03-01",
    "eos": "2031-03-01",
    "units": 5000,
    "components": 0,
    "sbomImport": null,
    "created": "2026-01-15T09:00:00.000Z",
    "updated": "2026-01-15T09:00:00.000Z"
  },
  {
    "product": "acme-cam",
    "version": "2.6.0-beta",
    "released": null,
    "eos": null,
    "units": null,
    "components": 0,
    "sbomImport": null,
    "created": "2026-01-15T09:00:00.000Z",
    "updated": "2026-01-15T09:00:00.000Z"
  }
]

$ psirt product version show acme-cam 2.4.1
product     acme-cam
version     2.4.1
released    2025-11-03
eos         2030-12-31
units       120000
sbom        none
components  0

$ psirt product version show acme-cam 9.9
! psirt: error: product 'acme-cam' has no version '9.9'
? 3

$ psirt product show acme-cam
name      acme-cam
vendor    ACME
safety    catastrophic
weight    -
exposure  internet
update    ota
cpe       cpe:2.3:o:acme:cam_firmware:*:*:*:*:*:*:*:*
owner     -
hardware  CAM 200/B  cpe:2.3:h:acme:cam_200\/b:-:*:*:*:*:*:*:*
hardware  X1         cpe:2.3:h:acme:x1:*:*:*:*:*:*:*:*
regimes   FDA, UN-R155
created   2026-01-15T09:00:00.000Z
updated   2026-01-15T09:00:00.000Z
versions  3
VERSION     RELEASED    EOS         UNITS   COMPONENTS
2.4.1       2025-11-03  2030-12-31  120000  no SBOM
2.5.0       2026-03-01  2031-03-01  5000    no SBOM
2.6.0-beta  -           -           -       no SBOM

$ psirt product history acme-cam
AT                        WHO    WHAT                 FIELD     OLD                                                            NEW
2026-01-15T09:00:00.000Z  alice  acme-cam             created   -                                                              acme-cam
2026-01-15T09:00:00.000Z  alice  acme-cam             vendor    -                                                              ACME Cameras
2026-01-15T09:00:00.000Z  alice  acme-cam             safety    -                                                              critical
2026-01-15T09:00:00.000Z  alice  acme-cam             weight    -                                                              flagship
2026-01-15T09:00:00.000Z  alice  acme-cam             exposure  -                                                              internet
2026-01-15T09:00:00.000Z  alice  acme-cam             update    -                                                              ota
2026-01-15T09:00:00.000Z  alice  acme-cam             cpe       -                                                              cpe:2.3:o:acme:cam_firmware:*:*:*:*:*:*:*:*
2026-01-15T09:00:00.000Z  alice  acme-cam             owner     -                                                              camera team
2026-01-15T09:00:00.000Z  alice  acme-cam             hardware  -                                                              CAM 200/B (cpe:2.3:h:acme_cameras:cam_200\/b:-:*:*:*:*:*:*:*)
2026-01-15T09:00:00.000Z  alice  acme-cam             hardware  -                                                              CAM-100 (cpe:2.3:h:acme_cameras:cam-100:-:*:*:*:*:*:*:*)
2026-01-15T09:00:00.000Z  alice  acme-cam             hardware  -                                                              X1 (cpe:2.3:h:acme:x1:*:*:*:*:*:*:*:*)
2026-01-15T09:00:00.000Z  alice  acme-cam             regime    -                                                              CRA
2026-01-15T09:00:00.000Z  alice  acme-cam             regime    -                                                              UN-R155
2026-01-15T09:00:00.000Z  bob    acme-cam             vendor    ACME Cameras                                                   ACME
2026-01-15T09:00:00.000Z  bob    acme-cam             safety    critical                                                       catastrophic
2026-01-15T09:00:00.000Z  bob    acme-cam             owner     camera team                                                    -
2026-01-15T09:00:00.000Z  bob    acme-cam             hardware  CAM 200/B (cpe:2.3:h:acme_cameras:cam_200\/b:-:*:*:*:*:*:*:*)  CAM 200/B (cpe:2.3:h:acme:cam_200\/b:-:*:*:*:*:*:*:*)
2026-01-15T09:00:00.000Z  bob    acme-cam             hardware  CAM-100 (cpe:2.3:h:acme_cameras:cam-100:-:*:*:*:*:*:*:*)       -
2026-01-15T09:00:00.000Z  bob    acme-cam             regime    CRA                                                            -
2026-01-15T09:00:00.000Z  bob    acme-cam             regime    -                                                              FDA
2026-01-15T09:00:00.000Z  bob    acme-cam             weight    flagship                                                       -
2026-01-15T09:00:00.000Z  carol  acme-cam@2.4.1       created   -                                                              2.4.1
2026-01-15T09:00:00.000Z  carol  acme-cam@2.4.1       released  -                                                              2025-11-03
2026-01-15T09:00:00.000Z  carol  acme-cam@2.4.1       eos       -                                                              2030-12-31
2026-01-15T09:00:00.000Z  carol  acme-cam@2.4.1       units     -                                                              120000
2026-01-15T09:00:00.000Z  alice  acme-cam@2.5.0       created   -                                                              2.5.0
2026-01-15T09:00:00.000Z  alice  acme-cam@2.5.0       released  -                                                              2026-03-01
2026-01-15T09:00:00.000Z  alice  acme-cam@2.6.0-beta  created   -                                                              2.6.0-beta
2026-01-15T09:00:00.000Z  carol  acme-cam@2.5.0       eos       -                                                              2031-03-01
2026-01-15T09:00:00.000Z  carol  acme-cam@2.5.0       units     -                                                              5000

$ PSIRT_USER=bob psirt product history meter --json
[
  {
    "at": "2026-01-15T09:00:00.000Z",
    "actor": "alice",
    "entity": "product",
    "id": "meter",
    "field": null,
    "old": null,
    "new": "meter",
    "comment": "created"
  },
  {
    "at": "2026-01-15T09:00:00.000Z",
    "actor": "alice",
    "entity": "product",
    "id": "meter",
    "field": "safety",
    "old": null,
    "new": "marginal",
    "comment": "created"
  },
  {
    "at": "2026-01-15T09:00:00.000Z",
    "actor": "alice",
    "entity": "product",
    "id": "meter",
    "field": "exposure",
    "old": null,
    "new": "local-network",
    "comment": "created"
  }
]

