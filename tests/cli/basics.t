# The front door itself: help, version, unknown commands and options.
$ psirt --version
psirt 0.1.0

$ psirt nosuchcommand
! psirt: 'nosuchcommand' is not a psirt command (see 'psirt --help')
? 2

$ psirt --bogus
! psirt: unknown option '--bogus'
! (see 'psirt --help')
? 2

$ psirt --db
! psirt: --db needs a path
? 2

$ psirt --help | head -1
usage: psirt [--db PATH] [--json] COMMAND [ARGS...]

$ psirt > /dev/null 2>&1
? 2
