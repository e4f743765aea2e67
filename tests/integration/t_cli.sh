# Every program answers --help and --version, and refuses bad usage with exit 64.
. "$SRC/tests/integration/lib.sh"

for p in doorstep doorstep-fetch doorstep-process doorstep-render; do
    expect_exit 0 "$BIN/$p" --help
    expect_grep "^usage: $p " out
    expect_grep "--config FILE" out
    expect_exit 0 "$BIN/$p" --version
    expect_grep "^$p \(doorstep\) [0-9]+\.[0-9]+\.[0-9]+$" out
    expect_exit 64 "$BIN/$p" --no-such-option
    expect_grep "unknown option --no-such-option" err
    expect_exit 64 "$BIN/$p" -c
    expect_grep "needs a value" err
done
expect_exit 64 "$BIN/doorstep"
expect_grep "no command given" err
expect_exit 64 "$BIN/doorstep" frobnicate
expect_grep 'unknown command "frobnicate"' err
expect_exit 64 "$BIN/doorstep-render" sideways
expect_grep 'unknown output "sideways"' err
expect_exit 64 "$BIN/doorstep" export
expect_exit 64 "$BIN/doorstep" export posts --format xml

# Without -c, $DOORSTEP_CONFIG, else ./doorstep.ini
expect_exit 78 "$BIN/doorstep-process"
expect_grep '\./doorstep.ini: No such file' err
expect_exit 78 env DOORSTEP_CONFIG=elsewhere.ini "$BIN/doorstep-process"
expect_grep 'elsewhere.ini: No such file' err
ok "options and usage errors"
