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

$ psirt serve --request-timeout 0
! psirt serve: --request-timeout takes seconds from 1 to 3600
! (see 'psirt serve --help')
? 2

$ psirt serve --max-connections 100001
! psirt serve: --max-connections takes a number from 1 to 100000
! (see 'psirt serve --help')
? 2

$ psirt serve --max-connections-per-ip=-1
! psirt serve: --max-connections-per-ip takes a number from 0 (no limit) to 100000
! (see 'psirt serve --help')
? 2

$ psirt serve --help | grep -c -e --request-timeout -e --max-connections
5

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

# HTTPS: certificate and key problems are one line naming the file, exit 3,
# and nothing starts (the served HTTPS is tested by tests/server/test_tls.c)
$ cp "$PSIRT_TESTS"/data/tls/server.pem "$PSIRT_TESTS"/data/tls/server.key "$PSIRT_TESTS"/data/tls/other.key . && printf -- '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' > corrupt.key && printf -- '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n' > encrypted.key && head -c 1048577 /dev/zero > big.pem && echo ready
ready

$ psirt serve --listen 127.0.0.1:0 --tls-cert server.pem --tls-key other.key
! psirt: error: TLS key 'other.key' does not match certificate 'server.pem'
? 3

$ psirt serve --listen 127.0.0.1:0 --tls-cert missing.pem --tls-key server.key
! psirt: error: cannot read TLS certificate 'missing.pem': No such file or directory
? 3

$ psirt serve --listen 127.0.0.1:0 --tls-cert server.pem --tls-key missing.key
! psirt: error: cannot read TLS key 'missing.key': No such file or directory
? 3

$ psirt serve --listen 127.0.0.1:0 --tls-cert . --tls-key server.key
! psirt: error: cannot read TLS certificate '.': not a file
? 3

$ psirt serve --listen 127.0.0.1:0 --tls-cert psirt.db --tls-key server.key
! psirt: error: TLS certificate 'psirt.db' is not a PEM certificate (-----BEGIN CERTIFICATE-----)
? 3

$ psirt serve --listen 127.0.0.1:0 --tls-cert server.key --tls-key server.key
! psirt: error: TLS certificate 'server.key' is not a PEM certificate (-----BEGIN CERTIFICATE-----)
? 3

$ psirt serve --listen 127.0.0.1:0 --tls-cert server.pem --tls-key server.pem
! psirt: error: TLS key 'server.pem' is not a PEM private key (-----BEGIN PRIVATE KEY-----)
? 3

$ psirt serve --listen 127.0.0.1:0 --tls-cert server.pem --tls-key encrypted.key
! psirt: error: TLS key 'encrypted.key' is encrypted: give psirt an unencrypted key (readable only by its user)
? 3

$ psirt serve --listen 127.0.0.1:0 --tls-cert server.pem --tls-key corrupt.key
! psirt: error: cannot use TLS certificate 'server.pem' with key 'corrupt.key': GnuTLS failed to setup x509 certificate/key: ASN1 parser: Error in TAG
? 3

$ psirt serve --listen 127.0.0.1:0 --tls-cert big.pem --tls-key server.key
! psirt: error: TLS certificate 'big.pem' is larger than 1024 KiB
? 3

# the files are read before the address is taken: a bad key with a bad
# address names the key
$ psirt serve --listen nowhere --tls-cert server.pem --tls-key missing.key
! psirt: error: cannot read TLS key 'missing.key': No such file or directory
? 3

$ psirt serve --tls-cert server.pem
! psirt serve: --tls-cert and --tls-key go together
! (see 'psirt serve --help')
? 2

$ psirt serve --tls-key server.key --listen 127.0.0.1:0
! psirt serve: --tls-cert and --tls-key go together
! (see 'psirt serve --help')
? 2

$ psirt serve --tls-cert
! psirt serve: --tls-cert needs a value
! (see 'psirt serve --help')
? 2
