# The front door: --version, --help, unknown commands and flags.
source "$(dirname "$0")/lib.sh"

run --version
expect_rc 0
expect_out "psoas 0.1.0"

run --help
expect_rc 0
for sub in triage routine timer log report; do expect_out "$sub"; done
expect_out "does not diagnose"

for sub in triage routine timer log report; do
  run "$sub" --help
  expect_rc 0
  expect_out "Usage"
done

run rotine
expect_rc 2
expect_one_line_error
expect_err "did you mean 'routine'?"

run --bogus-flag
expect_rc 2
expect_one_line_error

# psoas alone is psoas today: without a journal, a welcome (tests/cli/test_today.sh).
run
expect_rc 0
expect_out "Welcome to psoas"
# `psoas help [COMMAND...]` is `psoas [COMMAND...] --help` (issue 18).
run log list --help
WANT="$OUT"
run help log list
expect_rc 0; expect_out_eq "$WANT"; expect_empty_err
run --journal "$JOURNAL" help
expect_rc 0; expect_out "Subcommands:"; expect_out "triage"
