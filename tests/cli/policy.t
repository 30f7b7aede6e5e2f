# psirt policy: check a policy file, decide with it (default: data/policy/default.policy).
$ psirt policy check "$PSIRT_TESTS/../data/policy/default.policy" | sed 's|.*/data/|data/|'
data/policy/default.policy: "psirt default", 6 rules and the default
sha256:3b958662515016109f32b9c42737715fca0395320cced764d853850de2e620ea
  1  recall              P1    14d  recall       nonconformity and safety >= marginal
  2  improvement-urgent  P1    30d  improvement  safety >= marginal and not controlled and (kev or exploitation = active or ssvc = immediate)
  3  improvement         P2    60d  improvement  safety >= marginal and not controlled
  4  campaign-urgent     P1    14d  campaign     kev or exploitation = active or ssvc = immediate
  5  campaign            P2    30d  campaign     ssvc = out-of-cycle or nonconformity
  6  routine             P3    90d  routine      ssvc = scheduled
  7  default             P4   180d  routine      otherwise

# One finding per response class.
$ psirt policy eval "$PSIRT_TESTS/../data/policy/default.policy" safety=critical kev=2025-03-04 exploitation=active nonconformity=yes exposure=internet units=12400 ssvc=immediate
P1 recall, deadline 14 days (rule recall)
P1 recall: KEV-listed since 2025-03-04, safety impact critical, regulatory nonconformity, internet-exposed, 12,400 units

$ psirt policy eval "$PSIRT_TESTS/../data/policy/default.policy" safety=marginal controlled=no exploitation=none ssvc=scheduled units=3200
P2 improvement, deadline 60 days (rule improvement)
P2 improvement: safety impact marginal, risk uncontrolled, no known exploitation, SSVC scheduled, 3,200 units

$ psirt policy eval "$PSIRT_TESTS/../data/policy/default.policy" safety=negligible kev=yes exploitation=active ssvc=immediate exposure=internet units=250000
P1 campaign, deadline 14 days (rule campaign-urgent)
P1 campaign: KEV-listed, SSVC immediate, internet-exposed, 250,000 units

$ psirt policy eval "$PSIRT_TESTS/../data/policy/default.policy" safety=negligible exploitation=none ssvc=scheduled
P3 routine, deadline 90 days (rule routine)
P3 routine: SSVC scheduled, no known exploitation

$ psirt --json policy eval "$PSIRT_TESTS/../data/policy/default.policy" ssvc=defer
{
  "rule": "default",
  "priority": "P4",
  "deadline_days": 180,
  "class": "routine",
  "reason": "P4 routine: SSVC defer",
  "policy": "sha256:3b958662515016109f32b9c42737715fca0395320cced764d853850de2e620ea"
}

$ printf 'name = tiny\n[rule hot]\nwhen = kev\npriority = P1\ndeadline = 7\nclass = campaign\n[default]\npriority = P4\ndeadline = 90\nclass = routine\n' > tiny.policy && psirt --json policy check tiny.policy
{
  "file": "tiny.policy",
  "name": "tiny",
  "fingerprint": "sha256:436a993c0cd175884a1aad97a9b1497534e8f366039d9b7ed71cb6cf0b98162c",
  "rules": [
    {
      "name": "hot",
      "line": 2,
      "default": false,
      "when": "kev",
      "priority": "P1",
      "deadline_days": 7,
      "class": "campaign",
      "explain": [
        "kev"
      ]
    },
    {
      "name": "default",
      "line": 7,
      "default": true,
      "when": null,
      "priority": "P4",
      "deadline_days": 90,
      "class": "routine",
      "explain": []
    }
  ]
}

# Bad policies: one line with file:line:column, exit 3, nothing decided.
$ printf '[rule x]\nwhen = safty >= marginal\n' > p.policy && psirt policy check p.policy
! psirt: error: p.policy:2:8: unknown field 'safty' (expected ssvc, exploitation, safety, nonconformity, exposure, weight, kev, epss, units or controlled)
? 3

$ printf '[rule x]\nwhen = weight = hgh\n' > p.policy && psirt policy eval p.policy kev=yes
! psirt: error: p.policy:2:17: unknown value 'hgh' for weight (expected low, medium, high or critical)
? 3

$ printf '[rule x]\nwhen = kev\nprio = P1\n' > p.policy && psirt policy check p.policy
! psirt: error: p.policy:3:1: unknown key 'prio' (expected when, priority, deadline, class or explain)
? 3

$ printf '[rule x]\nwhen = kev\npriority = P1\ndeadline = 1\nclass = recall\n' > p.policy && psirt policy check p.policy
! psirt: error: p.policy: no [default] section: a policy must say what applies when no rule matches
? 3

$ printf '[rule x]\nwhen = kev\npriority = P1\ndeadline = 1\nclass = recall\n[rule x]\n' > p.policy && psirt policy check p.policy
! psirt: error: p.policy:6:7: duplicate rule name 'x' (first on line 1)
? 3

$ psirt policy check no-such.policy
! psirt: error: no-such.policy: cannot open: No such file or directory
? 3

$ psirt policy eval "$PSIRT_TESTS/../data/policy/default.policy" weight=hgh
! psirt: error: weight=hgh: column 8: unknown value 'hgh' for weight (expected low, medium, high or critical)
? 3

$ psirt policy eval "$PSIRT_TESTS/../data/policy/default.policy" safty=critical
! psirt: error: safty=critical: column 1: unknown field 'safty' (expected ssvc, exploitation, safety, nonconformity, exposure, weight, kev, epss, units or controlled)
? 3

# Usage errors: exit 2.
$ psirt policy check
! psirt policy: check takes one FILE
! (see 'psirt policy --help')
? 2

$ psirt policy eval
! psirt policy: eval needs a FILE
! (see 'psirt policy --help')
? 2
