# fish completion for psoas. The candidates come from the binary itself
# (`psoas __complete WORDS...`), so they always match the installed version,
# and routine ids include the user's own routines. It prints one candidate a line,
# "word<TAB>description", which is fish's own format: fish shows both. A lone "<files>"
# asks for file names.
function __psoas_complete
    set -l before (commandline -opc)
    set -l current (commandline -ct)
    set -l found ($before[1] __complete $before[2..-1] "$current" 2>/dev/null)
    if test (count $found) -eq 1; and test "$found[1]" = "<files>"
        __fish_complete_path "$current"
        return
    end
    printf '%s\n' $found
end
complete -c psoas -f -a '(__psoas_complete)'
