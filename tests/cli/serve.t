# psirt serve: argument and start-up errors (the server itself is tested
# over HTTP by tests/server/test_server.c, which also starts this command)
$ psirt serve --listen 127.0.0.1:0
! psirt: error: psirt.db: no store here (run 'psirt init')
? 3

$ psirt init > /dev/null

$ psirt serve --listen nowhere
! psirt: error: bad listen address 'nowhere' (ADDRESS:PORT, e.g. 127.0.0.1:8080 or [::1]:8080)
? 3

$ psirt serve --listen 127.0.0.1:99999
! psirt: error: bad listen address '127.0.0.1:99999' (ADDRESS:PORT, e.g. 127.0.0.1:8080 or [::1]:8080)
? 3

$ psirt serve --listen 127.0.0.1:0 --web no-such-folder
! psirt: error: web root 'no-such-folder' is not a folder
? 3

$ psirt serve --threads 0
! psirt serve: --threads takes a number from 1 to 64
! (see 'psirt serve --help')
? 2

$ psirt serve --port 80
! psirt serve: unknown argument '--port'
! (see 'psirt serve --help')
? 2

$ psirt serve --listen
! psirt serve: --listen needs a value
! (see 'psirt serve --help')
? 2

$ psirt serve --help | head -1
usage: psirt [--db PATH] serve [--listen ADDRESS:PORT] [--threads N] [--web DIR]
