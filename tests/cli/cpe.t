# psirt cpe parse|match: CPE 2.3 names (NISTIR 7695 bindings, NISTIR 7696 relations).

# A URI from the NVD dictionary (packed edition) and a formatted string with wildcards
$ psirt cpe parse 'cpe:/a:%240.99_kindle_books_project:%240.99_kindle_books:6::~~~android~~' 'cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*'
fs:  cpe:2.3:a:\$0.99_kindle_books_project:\$0.99_kindle_books:6:*:*:*:*:android:*:*
uri: cpe:/a:%240.99_kindle_books_project:%240.99_kindle_books:6::~~~android~~
wfn: wfn:[part="a",vendor="\$0\.99_kindle_books_project",product="\$0\.99_kindle_books",version="6",update=ANY,edition=ANY,language=ANY,sw_edition=ANY,target_sw="android",target_hw=ANY,other=ANY]
fs:  cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*
uri: cpe:/a:microsoft:internet_explorer:8.%02:sp%01
wfn: wfn:[part="a",vendor="microsoft",product="internet_explorer",version="8\.*",update="sp?",edition=ANY,language=ANY,sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=ANY]

# WFN notation in, and a JVN-style URI with an empty part
$ psirt cpe parse 'wfn:[part="a",vendor="foo\\bar",product="big\$money_2010",sw_edition="special",target_sw="ipod_touch",target_hw="80gb"]' 'cpe:/:sun'
fs:  cpe:2.3:a:foo\\bar:big\$money_2010:*:*:*:*:special:ipod_touch:80gb:*
uri: cpe:/a:foo%5cbar:big%24money_2010:::~~special~ipod_touch~80gb~
wfn: wfn:[part="a",vendor="foo\\bar",product="big\$money_2010",version=ANY,update=ANY,edition=ANY,language=ANY,sw_edition="special",target_sw="ipod_touch",target_hw="80gb",other=ANY]
fs:  cpe:2.3:*:sun:*:*:*:*:*:*:*:*:*
uri: cpe:/:sun
wfn: wfn:[part=ANY,vendor="sun",product=ANY,version=ANY,update=ANY,edition=ANY,language=ANY,sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=ANY]

$ psirt cpe parse --json 'cpe:2.3:o:zephyrproject:zephyr:3.4.0:-:*:en-us:*:*:*:*'
[
  {
    "input": "cpe:2.3:o:zephyrproject:zephyr:3.4.0:-:*:en-us:*:*:*:*",
    "fs": "cpe:2.3:o:zephyrproject:zephyr:3.4.0:-:*:en-us:*:*:*:*",
    "uri": "cpe:/o:zephyrproject:zephyr:3.4.0:-::en-us",
    "wfn": "wfn:[part=\"o\",vendor=\"zephyrproject\",product=\"zephyr\",version=\"3\\.4\\.0\",update=NA,edition=ANY,language=\"en\\-us\",sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=ANY]",
    "attributes": {
      "part": "o",
      "vendor": "zephyrproject",
      "product": "zephyr",
      "version": "3.4.0",
      "update": "-",
      "edition": "*",
      "language": "en-us",
      "sw_edition": "*",
      "target_sw": "*",
      "target_hw": "*",
      "other": "*"
    }
  }
]

# --json after the command, a bad name gives an error object and exit 3
$ psirt cpe parse 'cpe:/a:b:c' 'cpe:/a:b*c' --json
[
  {
    "input": "cpe:/a:b:c",
    "fs": "cpe:2.3:a:b:c:*:*:*:*:*:*:*:*",
    "uri": "cpe:/a:b:c",
    "wfn": "wfn:[part=\"a\",vendor=\"b\",product=\"c\",version=ANY,update=ANY,edition=ANY,language=ANY,sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=ANY]",
    "attributes": {
      "part": "a",
      "vendor": "b",
      "product": "c",
      "version": "*",
      "update": "*",
      "edition": "*",
      "language": "*",
      "sw_edition": "*",
      "target_sw": "*",
      "target_hw": "*",
      "other": "*"
    }
  },
  {
    "input": "cpe:/a:b*c",
    "error": "column 9: '*' must be percent-encoded in a CPE URI"
  }
]
? 3

# Bad input: one line with the column, exit 3
$ psirt cpe parse 'cpe:2.3:a:hp:insight_diagnostics:7.4.*.1570:*:*:*:*:*:*'
! psirt: error: column 38: wildcard '*' inside a value; wildcards may only begin or end one (NISTIR 7695 §5.3.2)
? 3

$ psirt cpe parse 'cpe:/a:foo%5cbar:big%24money_2010%07:::~~special~ipod_touch~80gb~'
! psirt: error: column 34: illegal percent-encoding %07 (NISTIR 7695 §6.1.3.2)
? 3

$ psirt cpe parse 'cpe:2.3:a:foo:bar:1.0:*:*:*:*:*:*'
! psirt: error: column 34: formatted string ends after 10 of 11 attributes (missing other)
? 3

$ psirt cpe parse 'cpe:2.2:a:foo'
! psirt: error: column 5: unknown CPE binding: expected cpe:2.3: or cpe:/
? 3

# With several names, the error names the bad one; the good ones are printed
$ psirt cpe parse 'cpe:/a:b:c' 'cpe:2.3:a:soap::lite_project:soap::lite:*:*:*:*:*:perl:*:*'
fs:  cpe:2.3:a:b:c:*:*:*:*:*:*:*:*
uri: cpe:/a:b:c
wfn: wfn:[part="a",vendor="b",product="c",version=ANY,update=ANY,edition=ANY,language=ANY,sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=ANY]
! psirt: error: 'cpe:2.3:a:soap::lite_project:soap::lite:*:*:*:*:*:perl:*:*': column 16: empty product (write * for ANY)
? 3

# match: the relation of the source to the target (NISTIR 7696)
$ psirt cpe match 'cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*' 'cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*'
SUPERSET

$ psirt cpe match 'cpe:/a:busybox:busybox:1.36.1' 'cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*'
SUBSET

$ psirt cpe match 'cpe:/a:busybox:busybox:1.36.1' 'cpe:2.3:a:BusyBox:busybox:1.36.1:*:*:*:*:*:*:*'
EQUAL

$ psirt cpe match 'cpe:/o:linux:linux_kernel' 'cpe:/a:linux:linux_kernel'
DISJOINT

$ psirt cpe match 'cpe:2.3:o:microsoft:windows_?:*:*:*:*:home*:*:x64:*' 'cpe:2.3:o:microsoft:windows_7:6.1:sp1:*:*:home_basic:*:x64:*'
SUPERSET

$ psirt cpe match 'cpe:/a:adobe:reader:9.3.2' 'cpe:/a:adobe:reader:9.%02'
UNDEFINED

$ psirt cpe match 'cpe:2.3:a:adobe:*:9.*:*:*:*:*:*:*:*' 'cpe:2.3:a:*:reader:9.3.2:-:-:*:*:*:*:*'
OVERLAP

# --json adds each attribute's relation (NISTIR 7696 Table 6-3)
$ psirt --json cpe match 'wfn:[part="a",vendor="Adobe",product=ANY,version="9\.*",update=ANY,edition="PalmOS"]' 'wfn:[part="a",vendor=ANY,product="Reader",version="9\.3\.2",update=NA,edition=NA]'
{
  "source": "cpe:2.3:a:Adobe:*:9.*:*:PalmOS:*:*:*:*:*",
  "target": "cpe:2.3:a:*:Reader:9.3.2:-:-:*:*:*:*:*",
  "relation": "DISJOINT",
  "attributes": {
    "part": "EQUAL",
    "vendor": "SUBSET",
    "product": "SUPERSET",
    "version": "SUPERSET",
    "update": "SUPERSET",
    "edition": "DISJOINT",
    "language": "EQUAL",
    "sw_edition": "EQUAL",
    "target_sw": "EQUAL",
    "target_hw": "EQUAL",
    "other": "EQUAL"
  }
}

$ psirt cpe match 'cpe:/a:b:c' 'cpe:2.3:a:b:c:1.*:*:*:*:*:*:*'
! psirt: error: target: column 30: formatted string ends after 10 of 11 attributes (missing other)
? 3

$ psirt cpe match 'cpe:/a:b~c:%zz' 'cpe:/a:b'
! psirt: error: source: column 12: '%' must start a percent-encoding %XX
? 3

# Usage errors exit 2
$ psirt cpe match 'cpe:/a:b:c'
! psirt cpe: match takes a SOURCE and a TARGET name
! (see 'psirt cpe --help')
? 2

$ psirt cpe parse
! psirt cpe: no CPE name given
! (see 'psirt cpe --help')
? 2

$ psirt cpe parse --bogus 'cpe:/a'
! psirt cpe: unknown option '--bogus'
! (see 'psirt cpe --help')
? 2

$ psirt cpe bogus
! psirt cpe: unknown subcommand 'bogus'
! (see 'psirt cpe --help')
? 2

$ psirt cpe > /dev/null
? 2

$ psirt cpe --help | head -2
usage: psirt cpe parse CPE...
       psirt cpe match SOURCE TARGET

$ psirt cpe match --help | tail -1
                  'cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*'
