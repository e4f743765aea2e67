# make deps on a package that does not exist, with apt-get, id and sudo stubbed on PATH:
# as root (apt-get directly, sudo never) and as a user (through sudo), apt-get is
# reached with the package to install and DEBIAN_FRONTEND=noninteractive, refuses it as
# the real one does, make deps fails and the guard policy-rc.d (a scratch path here,
# POLICY_RC_D) is in place during the install and gone after it. Nothing of the real
# system is touched: the stubs are checked to come first on PATH, and the real apt-get
# is only ever asked to simulate (-s).
. "$SRC/tests/integration/lib.sh"

command -v dpkg-query >/dev/null 2>&1 || skip "no dpkg-query: not Debian, make deps does not apply"
real_id=$(command -v id)
unset DEBIAN_FRONTEND # CI exports it: the recipe must set it itself
pkg=doorstep-no-such-package
log=$PWD/calls.log
guard=$PWD/policy-rc.d

mkdir stubs
# apt-get: logs its arguments, its environment and the guard, and refuses an unknown
# package as the real one does
cat >stubs/apt-get <<EOS
#!/bin/sh
printf 'apt-get %s | DEBIAN_FRONTEND=%s | via-sudo=%s | guard=%s\n' "\$*" \
    "\${DEBIAN_FRONTEND-unset}" "\${STUB_VIA_SUDO-no}" \
    "\$(cat '$guard' 2>/dev/null | tr '\n' ' ')" >>'$log'
case " \$* " in
*" install "*)
    for a; do case \$a in -*|install|-q|DPkg::*) ;; *) echo "E: Unable to locate package \$a" >&2 ;; esac; done
    exit 100 ;;
esac
exit 0
EOS
# id -u: the uid of the case (STUB_UID), the real id for anything else
cat >stubs/id <<EOS
#!/bin/sh
[ "\$1" = -u ] && { echo "\$STUB_UID"; exit 0; }
exec '$real_id' "\$@"
EOS
# sudo: logs and runs its arguments as the caller (nothing is really privileged), with
# the environment reset as the real sudo's env_reset does (PATH kept, for the stubs)
cat >stubs/sudo <<EOS
#!/bin/sh
echo "sudo \$*" >>'$log'
exec env -i PATH="\$PATH" STUB_UID="\$STUB_UID" STUB_VIA_SUDO=yes "\$@"
EOS
chmod 755 stubs/*
PATH=$PWD/stubs:$PATH
export PATH
for c in apt-get id sudo; do
    [ "$(command -v $c)" = "$PWD/stubs/$c" ] || fail "the $c stub is not first on PATH"
done

# make as a user would type it: not as a child of make check's (no jobserver, no
# variables from its command line)
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make "$@"; }

# deps_case UID: make deps for $pkg as user UID (0: root)
deps_case() {
    : >"$log"
    STUB_UID=$1 mk -s -C "$SRC" deps DEPS_BUILD=$pkg DEPS_TEST= DEPS_LINT= \
        POLICY_RC_D="$guard" >make.log 2>&1
    echo $?
}

# as root: apt-get directly, no sudo
rc=$(deps_case 0)
[ "$rc" != 0 ] || { cat make.log; fail "make deps succeeded as root on a package that does not exist"; }
expect_grep "^apt-get .*install .*$pkg" "$log"
expect_grep "^apt-get .*install .* \| DEBIAN_FRONTEND=noninteractive \| via-sudo=no \| guard=#!/bin/sh exit 101" "$log"
expect_grep "^apt-get .*update" "$log"
expect_no_grep '^sudo ' "$log"
expect_grep "Unable to locate package $pkg" make.log
expect_grep "make deps: apt-get could not install: $pkg" make.log
expect_no_grep ' -E ' make.log
[ ! -e "$guard" ] || fail "the guard $guard is left after make deps (root)"
ok "as root: apt-get reached without sudo, refused, guard removed"

# as a user: apt-get through sudo, and the guard written and removed through sudo
rc=$(deps_case 1000)
[ "$rc" != 0 ] || { cat make.log; fail "make deps succeeded as a user on a package that does not exist"; }
expect_grep "^sudo env DEBIAN_FRONTEND=noninteractive apt-get .*install .*$pkg" "$log"
expect_grep "^apt-get .*install .*$pkg.* \| DEBIAN_FRONTEND=noninteractive \| via-sudo=yes \| guard=#!/bin/sh exit 101" "$log"
expect_grep "^sudo tee $guard" "$log"
expect_grep "^sudo rm -f $guard" "$log"
expect_grep "Unable to locate package $pkg" make.log
[ ! -e "$guard" ] || fail "the guard $guard is left after make deps (user)"
ok "as a user: apt-get reached through sudo, refused, guard removed"

# a user with no sudo: told what to do, apt-get never reached
: >"$log"
STUB_UID=1000 mk -s -C "$SRC" deps DEPS_BUILD=$pkg DEPS_TEST= DEPS_LINT= \
    POLICY_RC_D="$guard" SUDO=doorstep-no-such-sudo >make.log 2>&1 && fail "make deps succeeded with no sudo"
expect_grep "not root and no doorstep-no-such-sudo" make.log
expect_grep "missing packages: $pkg" make.log
[ ! -s "$log" ] || { cat "$log"; fail "apt-get or sudo was run with no sudo"; }

# a policy-rc.d that was there already is left as it was
printf '#!/bin/sh\nexit 0\n' >"$guard"
rc=$(deps_case 0)
[ "$rc" != 0 ] || fail "make deps succeeded with a guard already there"
expect_grep "guard=#!/bin/sh exit 0 *$" "$log"
[ "$(cat "$guard")" = "$(printf '#!/bin/sh\nexit 0')" ] || fail "an existing policy-rc.d was changed or removed"
rm -f "$guard"

# everything there: no apt-get, no sudo, success
: >"$log"
STUB_UID=1000 mk -s -C "$SRC" deps DEPS_BUILD=dpkg DEPS_TEST= DEPS_LINT= POLICY_RC_D="$guard" \
    >make.log 2>&1 || { cat make.log; fail "make deps failed with every package installed"; }
[ ! -s "$log" ] || { cat "$log"; fail "make deps ran apt-get or sudo with nothing missing"; }
[ ! -s make.log ] || { cat make.log; fail "make deps said something with nothing missing"; }
ok "nothing missing: nothing run"

# make install never runs make deps (t_install runs it with apt-get failing loudly);
# make deps-build installs DEPS_BUILD only, deps-test the build's and the test's
rc=$(: >"$log"; STUB_UID=0 mk -s -C "$SRC" deps-build DEPS_BUILD=$pkg DEPS_TEST=doorstep-test-pkg \
    DEPS_LINT=doorstep-lint-pkg POLICY_RC_D="$guard" >make.log 2>&1; echo $?)
[ "$rc" != 0 ] || fail "make deps-build succeeded"
expect_grep "^apt-get .*install .*$pkg" "$log"
expect_no_grep 'doorstep-test-pkg|doorstep-lint-pkg' "$log"

# the real apt-get refuses the package too (a simulation: nothing changes, no network)
real_apt=$(PATH=/usr/bin:/bin:/usr/sbin:/sbin command -v apt-get || true)
if [ -n "$real_apt" ]; then
    "$real_apt" install -s -q "$pkg" >apt.log 2>&1 && { cat apt.log; fail "the real apt-get install -s accepted $pkg"; }
    expect_grep "Unable to locate package $pkg" apt.log
    ok "the real apt-get refuses $pkg too"
fi
