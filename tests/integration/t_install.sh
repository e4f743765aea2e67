# make install into a staging DESTDIR with apt-get, sudo and dpkg-query stubs on PATH
# that fail loudly (make install installs what was built and never asks apt for
# anything); everything installed (programs, man pages, templates, example config,
# the systemd units and the template pair, the docs); the demo run from the installed
# programs (templates found beside the install prefix); the systemd units verified;
# and make uninstall removing everything again.
. "$SRC/tests/integration/lib.sh"

mkdir stubs
for p in apt-get apt sudo dpkg-query; do
    printf '#!/bin/sh\necho "%s $*" >>"%s/forbidden.log"\necho "%s must not run during make install" >&2\nexit 99\n' \
        "$p" "$PWD" "$p" >stubs/$p
    chmod 755 stubs/$p
done
[ "$(PATH=$PWD/stubs:$PATH command -v apt-get)" = "$PWD/stubs/apt-get" ] || fail "the apt-get stub is not first on PATH"

dest=$PWD/dest
# no NO_DEPS: make install alone must not need it
PATH=$PWD/stubs:$PATH make -s -C "$SRC" BUILD="${BUILD:-build}" BIN="$BIN" DESTDIR="$dest" \
    PREFIX=/usr/local install >make.log 2>&1 || { cat make.log; fail "make install"; }
[ ! -e forbidden.log ] || { cat forbidden.log; fail "make install ran apt-get, sudo or dpkg-query"; }
expect_no_grep 'apt-get|make deps' make.log
p=$dest/usr/local
for f in bin/doorstep bin/doorstep-fetch bin/doorstep-process bin/doorstep-render \
    share/doorstep/config/example.ini \
    lib/systemd/system/doorstep-daily.service lib/systemd/system/doorstep-daily.timer \
    lib/systemd/system/doorstep-daily@.service lib/systemd/system/doorstep-daily@.timer \
    share/doc/doorstep/README.md share/doc/doorstep/TEMPLATES.md \
    share/doc/doorstep/SCALING.md share/doc/doorstep/k8s/doorstep-daily.yaml; do
    [ -s "$p/$f" ] || fail "not installed: $f"
done
for f in bin/doorstep bin/doorstep-fetch bin/doorstep-process bin/doorstep-render; do
    [ -x "$p/$f" ] || fail "not executable: $f"
    cmp -s "$BIN/${f#bin/}" "$p/$f" || fail "$f is not the program that was built"
done
# every man page, every template (partials and subfolders too), as they are
for m in "$SRC"/docs/man/*.[15]; do
    n=${m##*/}
    cmp -s "$m" "$p/share/man/man${n##*.}/$n" || fail "man page not installed: $n"
done
(cd "$SRC/templates" && find . -type f) >templates.list
[ -s templates.list ] || fail "no templates in the source tree?"
while read -r t; do
    cmp -s "$SRC/templates/$t" "$p/share/doorstep/templates/$t" || fail "template not installed: $t"
done <templates.list
[ "$(cd "$p/share/doorstep/templates" && find . -type f | wc -l)" = "$(wc -l <templates.list)" ] ||
    fail "the installed templates folder holds other files than templates/"
# the units point at the installed program
for u in doorstep-daily.service doorstep-daily@.service; do
    expect_grep '^ExecStart=/usr/local/bin/doorstep -c ' "$p/lib/systemd/system/$u"
done
expect_grep '^ExecStart=/usr/local/bin/doorstep -c /var/lib/doorstep/%i/doorstep.ini daily$' \
    "$p/lib/systemd/system/doorstep-daily@.service"
# PREFIX=/usr: the units follow BINDIR
PATH=$PWD/stubs:$PATH make -s -C "$SRC" BUILD="${BUILD:-build}" BIN="$BIN" DESTDIR="$PWD/dest2" \
    PREFIX=/usr install >make2.log 2>&1 || { cat make2.log; fail "make install PREFIX=/usr"; }
for u in doorstep-daily.service doorstep-daily@.service; do
    expect_grep '^ExecStart=/usr/bin/doorstep -c ' "dest2/usr/lib/systemd/system/$u"
    expect_no_grep '/usr/local/' "dest2/usr/lib/systemd/system/$u"
done
rm -rf dest2

# the demo, from the installed programs, with no templates key: the programs find
# the templates installed beside them
mkdir demo
cp -r "$SRC/config/demo/Maildir" demo/Maildir
sed -e '/^templates =/d' -e 's|^source = .*|source = maildir:Maildir|' \
    -e 's|^dir = ../out/demo/sent|dir = sent|' -e 's|^dir = ../out/demo|dir = out|' \
    "$SRC/config/demo.ini" >demo/doorstep.ini
expect_exit 0 "$p/bin/doorstep" -c demo/doorstep.ini daily
[ -s demo/out/digest-2026-11-25.eml ] && [ -s demo/out/rota-2026-11-25.pdf ] ||
    fail "the installed demo wrote no outputs"

if command -v systemd-analyze >/dev/null 2>&1; then
    # verify the units as installed, against the installed program (systemd checks
    # that ExecStart exists); a template is verified as an instance of it
    # (doorstep-daily@i.service), its timer with it
    mkdir units
    for u in doorstep-daily.service doorstep-daily.timer doorstep-daily@.service \
        doorstep-daily@.timer; do
        sed "s|/usr/local/bin/|$p/bin/|" "$p/lib/systemd/system/$u" >"units/$u"
    done
    grep -q "^ExecStart=$p/bin/doorstep " units/doorstep-daily@.service ||
        fail "ExecStart was not pointed at the staged program"
    (cd units && systemd-analyze verify --man=no ./doorstep-daily.service ./doorstep-daily.timer \
        ./doorstep-daily@.service ./doorstep-daily@.timer) >verify.log 2>&1 ||
        { cat verify.log; fail "systemd-analyze verify"; }
    [ ! -s verify.log ] || { cat verify.log; fail "systemd-analyze verify warned"; }
    # and the check is real: a unit whose program is missing fails it
    sed "s|^ExecStart=$p/bin/|ExecStart=$PWD/no-such/|" units/doorstep-daily@.service \
        >units/broken@.service
    ! (cd units && systemd-analyze verify --man=no ./broken@.service) >verify2.log 2>&1 ||
        fail "systemd-analyze verify passed a unit with no program"
    for u in doorstep-daily.service doorstep-daily@.service; do
        for k in NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
            CapabilityBoundingSet= 'SystemCallFilter=@system-service' UMask=0077 \
            User=doorstep SuccessExitStatus=75; do
            expect_grep "^$k\$" "units/$u"
        done
    done
    # each group its own folder: config, database, lock and nothing else writable
    expect_grep '^ReadWritePaths=/var/lib/doorstep$' units/doorstep-daily.service
    expect_grep '^ReadWritePaths=/var/lib/doorstep/%i$' units/doorstep-daily@.service
    expect_grep '^WorkingDirectory=/var/lib/doorstep/%i$' units/doorstep-daily@.service
    expect_grep '^RandomizedDelaySec=' units/doorstep-daily@.timer
    expect_grep '^Persistent=true$' units/doorstep-daily@.timer
    # the comments name only make targets that exist
    for u in units/*; do
        for t in $(grep -o 'make [a-z-]*' "$u" | cut -d' ' -f2 | sort -u); do
            grep -q "^$t:" "$SRC/Makefile" || fail "$u names make $t, which does not exist"
        done
    done
    ok "systemd units verified"
else
    echo "systemd-analyze not found: the units were not verified"
fi

PATH=$PWD/stubs:$PATH make -s -C "$SRC" BUILD="${BUILD:-build}" BIN="$BIN" DESTDIR="$dest" \
    PREFIX=/usr/local uninstall >>make.log 2>&1 || { cat make.log; fail "make uninstall"; }
[ ! -e forbidden.log ] || { cat forbidden.log; fail "make uninstall ran apt-get, sudo or dpkg-query"; }
left=$(find "$dest" -type f | head -5)
[ -z "$left" ] || fail "left after uninstall: $left"
ok "install (no apt-get), installed demo, uninstall"
