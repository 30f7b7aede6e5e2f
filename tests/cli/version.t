# psirt version: compare, satisfies, check, normalize, schemes.

# compare: -1, 0 or 1 in each scheme's own order
$ psirt version compare deb 1.0~rc1 1.0
-1

$ psirt version compare generic 1.0.2k 1.0.2j
1

$ psirt version compare semver 1.0.0-alpha 1.0.0
-1

$ psirt version compare npm 1.2.3 1.2.3+build.7
0

$ psirt version compare Debian:12 1:1.0 2.0
1

$ psirt version compare pypi 1.0 1.0.0
0

$ psirt version compare rpm 1.0^git1 1.0
1

$ psirt --json version compare apk 1.2.3-r0 1.2.3-r1
{
  "scheme": "apk",
  "a": "1.2.3-r0",
  "b": "1.2.3-r1",
  "result": -1
}

$ psirt version compare nosuch 1 2
! psirt: error: unknown version scheme 'nosuch' (known: semver, deb, rpm, apk, maven, pypi, opkg, golang, generic)
? 3

$ psirt version compare semver 1.0 1.0.0
! psirt: error: 1.0: column 4: invalid semver version: missing patch version
? 3

$ psirt version compare deb 1
! psirt version: compare: expected SCHEME A B
! (see 'psirt version --help')
? 2

$ psirt version compare --bogus deb 1 2
! psirt version: compare: unknown option '--bogus'
! (see 'psirt version --help')
? 2

# satisfies: vers ranges, any constraint order
$ psirt version satisfies 'vers:deb/>=1.0|<2.0~' 1.5
true

$ psirt version satisfies 'vers:deb/>=1.0|<2.0~' 2.0~rc1
false

$ psirt version satisfies 'vers:deb/<2.0~|>=1.0' 1.0
true

$ psirt version satisfies 'vers:npm/1.2.3|>=2.0.0|<5.0.0' 1.2.4
false

$ psirt version satisfies 'vers:pypi/*' 0.0.1
true

$ psirt version satisfies 'vers:pypi/>=1.0|!=1.5|<2' 1.5.0
false

$ psirt version satisfies 'vers:alpine/<1.2.3-r4' 1.2.3-r3
true

$ psirt version satisfies --json 'vers:deb/>=1.0|<2.0~' 1.5
{
  "range": "vers:deb/>=1.0|<2.0~",
  "scheme": "deb",
  "version": "1.5",
  "satisfies": true
}

$ psirt version satisfies 'vers:deb/>=1.0|<<2.0~' 1.5
! psirt: error: vers:deb/>=1.0|<<2.0~: column 17: '<' in a version must be percent-encoded
? 3

$ psirt version satisfies 'vers:deb/>=1.0| <2.0~' 1.5
! psirt: error: vers:deb/>=1.0| <2.0~: column 16: non-canonical VERS: whitespace is not permitted
? 3

$ psirt version satisfies 'vers:nosuch/1.0' 1.0
! psirt: error: vers:nosuch/1.0: column 6: unsupported versioning scheme 'nosuch' (known: semver, deb, rpm, apk, maven, pypi, opkg, golang, generic)
? 3

$ psirt version satisfies 'vers:deb/>=1.0' 'a:1'
! psirt: error: a:1: column 1: epoch of deb version is not a number (digits before the first ':')
? 3

$ psirt version satisfies --strict 'vers:deb/<2.0|>=1.0' 1.5
! psirt: error: vers:deb/<2.0|>=1.0: column 15: non-canonical VERS: constraints are not sorted by version
? 3

$ psirt version satisfies 'vers:deb/>=1.0'
! psirt version: satisfies: expected RANGE VERSION
! (see 'psirt version --help')
? 2

# normalize: the canonical form
$ psirt version normalize 'vers:npm/<2.0.0|>=1.0.0|1.5.0'
vers:npm/>=1.0.0|<2.0.0

$ psirt version normalize 'VERS:PyPI/0.0.2|0.0.1|!=0.0.3'
vers:pypi/0.0.1|0.0.2|!=0.0.3

$ psirt version normalize --strict 'vers:maven/>=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7'
vers:maven/>=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7

$ psirt version normalize --json 'vers:deb/<2.0~|>=1:1.0'
{
  "input": "vers:deb/<2.0~|>=1:1.0",
  "vers": "vers:deb/<2.0~|>=1:1.0",
  "type": "deb",
  "scheme": "deb",
  "constraints": [
    {
      "comparator": "<",
      "version": "2.0~"
    },
    {
      "comparator": ">=",
      "version": "1:1.0"
    }
  ]
}

$ psirt version normalize 'vers:npm/>=1.0.0|<1.0.0'
! psirt: error: vers:npm/>=1.0.0|<1.0.0: column 18: version '1.0.0' appears with two comparators ('>=' and '<')
? 3

$ psirt version normalize --strict 'vers:npm/>=1.0.0|>=2.0.0'
! psirt: error: vers:npm/>=1.0.0|>=2.0.0: column 18: non-canonical VERS: '>=1.0.0' is followed by '>=2.0.0' (greater-than and less-than comparators must alternate)
? 3

$ psirt version normalize 'vers:npm/'
! psirt: error: vers:npm/: column 10: no version constraints after '/'
? 3

# check: each version in a scheme
$ psirt version check pypi 1.0 1.0.post1 '2!1.0'
1.0: ok
1.0.post1: ok
2!1.0: ok

$ psirt version check semver 1.0.0 01.0.0
1.0.0: ok
! psirt: error: 01.0.0: column 1: invalid semver version: leading zero in a version number
? 3

$ psirt --json version check semver 1.0.0 01.0.0
[
  {
    "version": "1.0.0",
    "valid": true
  },
  {
    "version": "01.0.0",
    "valid": false,
    "error": "invalid semver version: leading zero in a version number",
    "column": 1
  }
]
? 3

$ psirt version check deb
! psirt version: check: expected SCHEME VERSION...
! (see 'psirt version --help')
? 2

# schemes and help
$ psirt version schemes | grep -c '^[a-z]'
9

$ psirt --json version schemes | grep -c '"name"'
9

$ psirt version schemes extra
! psirt version: schemes: takes no argument
! (see 'psirt version --help')
? 2

$ psirt version --help | head -1
usage: psirt version compare SCHEME A B          prints -1, 0 or 1 (A <, =, > B)

$ psirt version satisfies --help | head -1
usage: psirt version compare SCHEME A B          prints -1, 0 or 1 (A <, =, > B)

$ psirt version nosuch
! psirt version: unknown subcommand 'nosuch'
! (see 'psirt version --help')
? 2

$ psirt version > /dev/null
? 2

# native: a range in its ecosystem's own syntax, written as vers
$ psirt version native npm '^1.2.3'
vers:npm/>=1.2.3|<2.0.0-0

$ psirt version native npm '>=1.0.0 <2.0.0 || >=3'
vers:npm/>=1.0.0|<2.0.0|>=3.0.0

$ psirt version native npm '1.2.3 - 2.3.4'
vers:npm/>=1.2.3|<=2.3.4

$ psirt version native pypi '~=1.4.2'
vers:pypi/>=1.4.2|<1.5.dev0

$ psirt version native PyPI '>=1.0,<2.0,!=1.5.*'
vers:pypi/>=1.0|<1.5.dev0|>=1.6.dev0|<2.0.dev0

$ psirt version native Maven '>= 1.0, < 2.0'
vers:maven/>=1.0|<2.0

$ psirt version native Debian:12 '< 1:2.0-1'
vers:deb/<1:2.0-1

$ psirt version native --ghsa npm '>= 4.3.0, < 4.3.5'
vers:npm/>=4.3.0|<4.3.5

$ psirt --json version native pypi '<=2.0'
{
  "type": "pypi",
  "syntax": "pep440",
  "scheme": "pypi",
  "input": "<=2.0",
  "vers": "vers:pypi/<=2.0",
  "exact": false
}

$ psirt --json version native --include-prerelease npm '^1.2.3'
{
  "type": "npm",
  "syntax": "npm",
  "scheme": "semver",
  "input": "^1.2.3",
  "vers": "vers:npm/>=1.2.3|<2.0.0-0",
  "exact": true
}

$ psirt version native npm '1.x.3'
! psirt: error: 1.x.3: column 1: invalid npm range: '1.x.3' is not a comparator
? 3

$ psirt version native pypi '>=1.0, <2.0a1.*'
! psirt: error: >=1.0, <2.0a1.*: column 14: invalid PEP 440 specifier: invalid PEP 440 version: unexpected character at '.'
? 3

$ psirt version native pypi '>=2,<1'
! psirt: error: >=2,<1: the range matches no version (vers has no empty range)
? 3

$ psirt version native nosuch 1
! psirt: error: nosuch: no version scheme for 'nosuch' (known: semver, deb, rpm, apk, maven, pypi, opkg, golang, generic)
? 3

$ psirt version native npm
! psirt version: native: expected TYPE RANGE
! (see 'psirt version --help')
? 2

$ psirt version native --strict npm 1.0.0
! psirt version: native: unknown option '--strict'
! (see 'psirt version --help')
? 2

# satisfies --native: the native rules
$ psirt version satisfies --native npm '^1.0.0' 1.2.3-beta
false

$ psirt version satisfies --native npm --include-prerelease '^1.0.0' 1.2.3-beta
true

$ psirt version satisfies --native npm '>=1.2.3-beta.1' 1.2.3-beta.2
true

$ psirt version satisfies --native pypi '>1.0' 1.0.post1
false

$ psirt --json version satisfies --native pypi '==1.0' 1.0+abc
{
  "range": "==1.0",
  "type": "pypi",
  "syntax": "pep440",
  "scheme": "pypi",
  "version": "1.0+abc",
  "satisfies": true
}

$ psirt version satisfies --native npm '^1.0.0' 'not a version'
! psirt: error: not a version: column 1: invalid semver version: expected a digit for the major version
? 3

$ psirt version satisfies --include-prerelease 'vers:npm/*' 1.0.0
! psirt version: satisfies: --include-prerelease and --ghsa need --native
! (see 'psirt version --help')
? 2

$ psirt version satisfies --native npm --strict '^1' 1.0.0
! psirt version: satisfies: --strict is for vers ranges, not --native ones
! (see 'psirt version --help')
? 2

$ psirt version satisfies --native
! psirt version: satisfies: --native needs a TYPE
! (see 'psirt version --help')
? 2
