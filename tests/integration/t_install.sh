# make install into a staging DESTDIR, the demo run from the installed programs
# (templates found beside the install prefix), the systemd units verified, and make
# uninstall removing everything again.
. "$SRC/tests/integration/lib.sh"

dest=$PWD/dest
make -s -C "$SRC" BUILD="${BUILD:-build}" BIN="$BIN" NO_DEPS=1 DESTDIR="$dest" \
    PREFIX=/usr/local install >make.log 2>&1 || { cat make.log; fail "make install"; }
for f in bin/doorstep bin/doorstep-fetch bin/doorstep-process bin/doorstep-render \
    share/man/man1/doorstep.1 share/man/man5/doorstep.ini.5 \
    share/doorstep/templates/digest.txt share/doorstep/config/example.ini \
    lib/systemd/system/doorstep-daily.service lib/systemd/system/doorstep-daily.timer; do
    [ -e "$dest/usr/local/$f" ] || fail "not installed: $f"
done

# the demo, from the installed programs, with no templates key: the programs find
# the templates installed beside them
mkdir demo
cp -r "$SRC/config/demo/Maildir" demo/Maildir
sed -e '/^templates =/d' -e 's|^source = .*|source = maildir:Maildir|' \
    -e 's|^dir = ../out/demo/sent|dir = sent|' -e 's|^dir = ../out/demo|dir = out|' \
    "$SRC/config/demo.ini" >demo/doorstep.ini
expect_exit 0 "$dest/usr/local/bin/doorstep" -c demo/doorstep.ini daily
[ -s demo/out/digest-2026-11-25.eml ] && [ -s demo/out/rota-2026-11-25.pdf ] ||
    fail "the installed demo wrote no outputs"

if command -v systemd-analyze >/dev/null 2>&1; then
    # verify against the installed program (systemd checks ExecStart exists)
    for u in doorstep-daily.service doorstep-daily.timer; do
        sed "s|/usr/local/bin/|$dest/usr/local/bin/|" \
            "$dest/usr/local/lib/systemd/system/$u" >"$u"
    done
    systemd-analyze verify --man=no ./doorstep-daily.service ./doorstep-daily.timer \
        >verify.log 2>&1 || { cat verify.log; fail "systemd-analyze verify"; }
    [ ! -s verify.log ] || { cat verify.log; fail "systemd-analyze verify warned"; }
    expect_grep '^NoNewPrivileges=yes' doorstep-daily.service
    expect_grep '^ProtectSystem=strict' doorstep-daily.service
    expect_grep '^ReadWritePaths=' doorstep-daily.service
    ok "systemd units verified"
else
    echo "systemd-analyze not found: the units were not verified"
fi

make -s -C "$SRC" BUILD="${BUILD:-build}" BIN="$BIN" NO_DEPS=1 DESTDIR="$dest" \
    PREFIX=/usr/local uninstall >>make.log 2>&1 || { cat make.log; fail "make uninstall"; }
left=$(find "$dest" -type f | head -5)
[ -z "$left" ] || fail "left after uninstall: $left"
ok "install, installed demo, uninstall"
