# psirt user: users of psirt serve, their roles, passwords and API tokens
$ psirt init > /dev/null

$ echo "correct horse" | PSIRT_USER=root psirt user add alice --role admin
added user alice (admin)

$ printf 'correct horse\r\n' | psirt user add bob --role=viewer
added user bob (viewer)

$ psirt product add cam --owner erin
added product cam

$ psirt product add router
added product router

$ echo "correct horse" | psirt user add erin --role engineer --product router
added user erin (engineer)

$ psirt user list
USER   ROLE      STATUS  TOKENS  CREATED     PRODUCTS
alice  admin     active  0       2026-01-15  -
bob    viewer    active  0       2026-01-15  -
erin   engineer  active  0       2026-01-15  router

# the token goes to stdout alone, the note to stderr
$ psirt user token erin 2>/dev/null | grep -cE '^psirt_[A-Za-z0-9_-]{43}$'
1

$ psirt user token erin --json | jq -r '.user, .id, .scope, (.token | test("^psirt_[A-Za-z0-9_-]{43}$"))'
erin
2
upload
true

$ psirt user list --json | jq -c '.[] | [.name, .role, .disabled, .products, .tokens]'
["alice","admin",false,[],0]
["bob","viewer",false,[],0]
["erin","engineer",false,["router"],2]

$ psirt user disable erin
disabled user erin

$ psirt user enable erin
enabled user erin

$ echo "battery staple" | psirt user passwd erin
changed the password of erin; their sessions have ended

$ psirt user set erin --role analyst --remove-product router
changed user erin

$ psirt user list
USER   ROLE     STATUS  TOKENS  CREATED     PRODUCTS
alice  admin    active  0       2026-01-15  -
bob    viewer   active  0       2026-01-15  -
erin   analyst  active  2       2026-01-15  -

# token list: every token, never its text; revoke refuses one from now on
$ PSIRT_USER=root psirt user token alice 2>/dev/null | wc -l
1

$ psirt user token list
ID  USER   SCOPE   CREATED     LAST USED  STATUS
1   erin   upload  2026-01-15  never      live
2   erin   upload  2026-01-15  never      live
3   alice  upload  2026-01-15  never      live

$ PSIRT_USER=root psirt user token revoke 2
revoked API token 2

$ psirt user token list erin
ID  USER  SCOPE   CREATED     LAST USED  STATUS
1   erin  upload  2026-01-15  never      live
2   erin  upload  2026-01-15  never      revoked 2026-01-15 by root

$ psirt user token list erin --json | jq -c '.[]'
{"id":1,"user":"erin","scope":"upload","created":"2026-01-15T09:00:00.000Z","lastUsed":null,"revoked":null,"revokedBy":null}
{"id":2,"user":"erin","scope":"upload","created":"2026-01-15T09:00:00.000Z","lastUsed":null,"revoked":"2026-01-15T09:00:00.000Z","revokedBy":"root"}

# the user list counts live tokens
$ psirt user list --json | jq -c '.[] | [.name, .tokens]'
["alice",1]
["bob",0]
["erin",1]

# a user named like a subcommand gets a token with 'token new'
$ echo "correct horse" | psirt user add list --role engineer && psirt user token new list 2>/dev/null | wc -l && psirt user token list list | tail -1 | cut -c1-12
added user list (engineer)
1
4   list  up

$ psirt user token revoke 2
! psirt: error: API token 2 is already revoked
? 3

$ psirt user token revoke 99
! psirt: error: no API token 99
? 3

$ psirt user token list nobody
! psirt: error: no user 'nobody'
? 3

$ psirt user token revoke
! psirt user: token revoke: which token (its ID from 'psirt user token list')?
! (see 'psirt user --help')
? 2

$ psirt user token revoke x
! psirt user: token revoke: 'x' is not a token ID
! (see 'psirt user --help')
? 2

$ psirt user token list erin extra
! psirt user: token list: unexpected 'extra'
! (see 'psirt user --help')
? 2

# bad input
$ echo "short" | psirt user add carol --role viewer
! psirt: error: a password has at least 8 bytes
? 3

$ echo "correct horse" | psirt user add carol --role root
! psirt: error: unknown role 'root' (admin, analyst, engineer, viewer)
? 3

$ echo "correct horse" | psirt user add alice --role viewer
! psirt: error: user 'alice' exists
? 3

$ echo "correct horse" | psirt user add "bad name" --role viewer
! psirt: error: user name 'bad name': only letters, digits and . _ - @ are allowed
? 3

$ echo "correct horse" | psirt user add carol --role engineer --product nothing
! psirt: error: no product 'nothing'
? 3

$ psirt user add carol --role viewer < /dev/null
! psirt: error: no password on standard input (one line of at most 1024 bytes)
? 3

$ psirt user token bob
! psirt: error: user 'bob' is a viewer: an upload token would not work
? 3

$ psirt user token alice --scope admin
! psirt: error: unknown token scope 'admin' (upload)
? 3

$ echo "correct horse" | psirt user passwd nobody
! psirt: error: no user 'nobody'
? 3

$ psirt user disable nobody
! psirt: error: no user 'nobody'
? 3

# usage
$ psirt user add carol
! psirt user: add: --role is required (admin, analyst, engineer, viewer)
! (see 'psirt user --help')
? 2

$ psirt user add --role viewer
! psirt user: add: which user?
! (see 'psirt user --help')
? 2

$ psirt user set erin --product x
! psirt user: set: unknown option '--product'
! (see 'psirt user --help')
? 2

$ psirt user set erin
! psirt user: set: nothing to change
! (see 'psirt user --help')
? 2

$ psirt user list extra
! psirt user: list: unexpected 'extra'
! (see 'psirt user --help')
? 2

$ psirt user frobnicate
! psirt user: unknown subcommand 'frobnicate'
! (see 'psirt user --help')
? 2
