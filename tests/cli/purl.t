# psirt purl: canonical forms, JSON, errors with the column, usage errors.
$ psirt purl 'pkg:NPM/@babel/core@7.0.0' 'PKG:pypi/Django_Allauth@1.0' 'pkg:deb/debian/curl@7.50.3-1?distro=jessie&arch=i386'
pkg:npm/%40babel/core@7.0.0
pkg:pypi/django-allauth@1.0
pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie

$ psirt purl 'pkg:golang/google.golang.org/genproto@abcdedf#/googleapis/%2E%2E/api/annotations/'
pkg:golang/google.golang.org/genproto@abcdedf#googleapis/api/annotations

$ psirt purl 'pkg:generic/openssl@1.1.10g?download_url=https://openssl.org/source/openssl-1.1.0g.tar.gz&checksum=sha256:de4d501267da'
pkg:generic/openssl@1.1.10g?checksum=sha256:de4d501267da&download_url=https:%2F%2Fopenssl.org%2Fsource%2Fopenssl-1.1.0g.tar.gz

# a bad one among good ones: the good ones are printed, exit 3
$ psirt purl pkg:npm/a 'pkg:3nginx/nginx@0.8.9' pkg:npm/b
pkg:npm/a
pkg:npm/b
! psirt: error: 'pkg:3nginx/nginx@0.8.9': column 5: the type must start with a letter, not '3'
? 3

$ psirt purl 'pkg:rpm/fedora/curl@7.50.3-1.fc25?Arch=i386'
! psirt: error: 'pkg:rpm/fedora/curl@7.50.3-1.fc25?Arch=i386': column 35: qualifier keys must be lower case (Arch)
? 3

$ psirt purl --lenient 'pkg:rpm/fedora/curl@7.50.3-1.fc25?Arch=i386'
pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386

$ psirt purl 'pkg:deb/curl@1.0'
! psirt: error: 'pkg:deb/curl@1.0': column 9: a 'deb' purl requires a namespace
? 3

$ psirt purl 'EnterpriseLibrary.Common@6.0.1304'
! psirt: error: 'EnterpriseLibrary.Common@6.0.1304': column 1: missing the scheme 'pkg:'
? 3

$ psirt purl --json 'pkg:deb/debian/curl@7.50.3-1?arch=i386' 'pkg:npm/a%zz'
[
  {
    "input": "pkg:deb/debian/curl@7.50.3-1?arch=i386",
    "purl": "pkg:deb/debian/curl@7.50.3-1?arch=i386",
    "type": "deb",
    "namespace": "debian",
    "name": "curl",
    "version": "7.50.3-1",
    "qualifiers": {
      "arch": "i386"
    },
    "subpath": null
  },
  {
    "input": "pkg:npm/a%zz",
    "error": "column 10: bad percent-encoding in the name: '%' must start %XX"
  }
]
? 3

$ psirt --json purl 'pkg:golang/github.com/gorilla/context#api'
[
  {
    "input": "pkg:golang/github.com/gorilla/context#api",
    "purl": "pkg:golang/github.com/gorilla/context#api",
    "type": "golang",
    "namespace": "github.com/gorilla",
    "name": "context",
    "version": null,
    "qualifiers": null,
    "subpath": "api"
  }
]

# a purl that starts with '-' after "--"
$ psirt purl -- -x
! psirt: error: '-x': column 1: missing the scheme 'pkg:'
? 3

$ psirt purl
! psirt purl: no purl given
! (see 'psirt purl --help')
? 2

$ psirt purl --bogus pkg:npm/a
! psirt purl: unknown option '--bogus'
! (see 'psirt purl --help')
? 2

$ psirt purl --help | head -1
usage: psirt purl [--lenient] [--json] PURL...
