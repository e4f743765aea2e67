# A bad config is refused by every program with exit 78 (EX_CONFIG) and a message
# naming the file, the line, the section and the key.
. "$SRC/tests/integration/lib.sh"

# -c goes before or after the command
runall() {
    for p in doorstep-fetch doorstep-process doorstep-render; do
        expect_exit 78 "$BIN/$p" -c doorstep.ini
        expect_grep "$1" err
    done
    expect_exit 78 "$BIN/doorstep" -c doorstep.ini daily
    expect_grep "$1" err
    expect_exit 78 "$BIN/doorstep" -c doorstep.ini export posts
    expect_grep "$1" err
    expect_exit 78 "$BIN/doorstep" export posts -c doorstep.ini
    expect_grep "$1" err
    expect_exit 78 "$BIN/doorstep" status --config doorstep.ini
    expect_grep "$1" err
}

write_config doorstep.ini
printf '[imap]\nhots = imap.example.org\n' >>doorstep.ini
runall 'doorstep.ini:[0-9]+: \[imap\] hots: unknown key \(did you mean host\?\)'

# a key of another section says where it belongs; a mistyped section its nearest
write_config doorstep.ini
printf '[imap]\nfrom = x@y.org\n' >>doorstep.ini
runall 'doorstep.ini:[0-9]+: \[imap\] from: unknown key \(it belongs in \[smtp\]\)'
write_config doorstep.ini
printf '[smpt]\nhost = smtp.example.org\n' >>doorstep.ini
runall 'doorstep.ini:[0-9]+: \[smpt\]: unknown section \(did you mean \[smtp\]\?\)'

# [smtp] from takes "Name <address>"; [group] address stays bare
write_config doorstep.ini
sed -i 's/^method = file/method = file\nfrom = Lopez, Maria <maria@elmpark.example.org>/' doorstep.ini
runall '\[smtp\] from: "Lopez, Maria <maria@elmpark.example.org>": a name with "," must be in double quotes'
write_config doorstep.ini
sed -i 's/^address = .*/address = Elm Park <help@elmpark.example.org>/' doorstep.ini
runall '\[group\] address: "Elm Park <help@elmpark.example.org>" is not an email address \(a bare address here'

write_config doorstep.ini
printf '[imap]\nport = http\n' >>doorstep.ini
runall 'doorstep.ini:[0-9]+: \[imap\] port: "http" is not a port number'

write_config doorstep.ini
printf '[leaflets]\nlarge_print = perhaps\n' >>doorstep.ini
runall '\[leaflets\] large_print: "perhaps" is not yes or no'

write_config doorstep.ini
printf '[smtp]\npassword = hunter2\n' >>doorstep.ini
runall '\[smtp\] password: passwords are never read from the config'
expect_no_grep hunter2 err

write_config doorstep.ini
sed -i '/^name = /d' doorstep.ini
runall 'doorstep.ini: \[group\] name: required key is missing'

write_config doorstep.ini
printf '[colour]\nscheme = blue\n' >>doorstep.ini
runall 'doorstep.ini:[0-9]+: \[colour\]: unknown section'

write_config doorstep.ini
sed -i 's/^timezone = .*/timezone = Europe\/Atlantis/' doorstep.ini
runall '\[group\] timezone: "Europe/Atlantis" is not a known time zone'

# several problems are all reported at once
write_config doorstep.ini
printf '[imap]\nhots = x\nport = 0\n' >>doorstep.ini
expect_exit 78 "$BIN/doorstep-fetch" -c doorstep.ini
[ "$(grep -c 'error:' err)" -ge 2 ] || fail "expected two errors: $(cat err)"

# a malformed DOORSTEP_NOW is a usage problem named as such
write_config doorstep.ini
expect_exit 78 env DOORSTEP_NOW=soon "$BIN/doorstep-process" -c doorstep.ini
expect_grep 'DOORSTEP_NOW: "soon"' err

# a database with a newer schema is refused, not damaged
write_config doorstep.ini
expect_exit 0 "$BIN/doorstep-process" -c doorstep.ini
sqlite3 doorstep.db 'PRAGMA user_version = 999'
expect_exit 65 "$BIN/doorstep-process" -c doorstep.ini
expect_grep 'schema version 999, newer than this doorstep knows' err
ok "config errors"
