# Installation (issue 7): `cmake --install` into a DESTDIR places the binary, the man pages
# and the completions where Debian's bash-completion, zsh and fish look, for a local
# install (/usr/local) and a package's prefix (/usr); the installed binary runs; and,
# when cpack and dpkg-deb are there, the .deb holds the same tree.
source "$(dirname "$0")/lib.sh"
: "${PSOAS_BUILD_DIR:?}"
touch "$T/out" "$T/err"

pages="man1/psoas.1 man1/psoas-triage.1 man1/psoas-routine.1 man1/psoas-timer.1 man1/psoas-log.1
man1/psoas-report.1 man1/psoas-today.1 man1/psoas-advice.1 man1/psoas-remind.1 man5/psoas-content.5
man1/psoas-undo.1 man1/psoas-redo.1 man1/psoas-sync.1"

# tree PREFIX ZSH_DIR: the files an install under PREFIX must hold.
tree() {
  echo "$1/bin/psoas"
  for p in $pages; do echo "$1/share/man/$p"; done
  echo "$1/share/bash-completion/completions/psoas"
  echo "$1/share/zsh/$2/_psoas"
  echo "$1/share/fish/vendor_completions.d/psoas.fish"
  echo "$1/share/doc/psoas/copyright"
}

for prefix in /usr/local /usr; do
  zsh_dir=site-functions
  [ "$prefix" = /usr ] && zsh_dir=vendor-completions
  root="$T/root${prefix//\//-}"
  CURRENT="cmake --install --prefix $prefix"
  DESTDIR="$root" cmake --install "$PSOAS_BUILD_DIR" --prefix "$prefix" >"$T/out" 2>"$T/err" ||
    fail "cmake --install failed"
  for f in $(tree "$prefix" "$zsh_dir"); do
    check "installed $f" test -s "$root$f"
  done
  check "nothing else installed under $prefix" \
    test "$(cd "$root" && find . -type f | sed 's/^\.//' | sort)" == "$(tree "$prefix" "$zsh_dir" | sort)"
  check "the binary is executable" test -x "$root$prefix/bin/psoas"
  check "the installed binary runs" "$root$prefix/bin/psoas" --version
  if grep -q '^PSOAS_STATIC:BOOL=ON' "$PSOAS_BUILD_DIR/CMakeCache.txt" && command -v readelf >/dev/null; then
    readelf -d "$root$prefix/bin/psoas" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort >"$T/needed"
    check "a PSOAS_STATIC binary needs no shared library ($(tr '\n' ' ' <"$T/needed"))" test ! -s "$T/needed"
    check "a PSOAS_STATIC binary has no program interpreter" sh -c "! readelf -l '$root$prefix/bin/psoas' | grep -q 'program interpreter'"
  fi
  check "the licence is installed as the copyright file" cmp -s "$PSOAS_SOURCE_DIR/LICENSE" "$root$prefix/share/doc/psoas/copyright"
  check "its man page renders" sh -c "man -l '$root$prefix/share/man/man1/psoas-timer.1' | grep -q 'psoas timer'"
done

# bash-completion finds the installed script by its directory under XDG_DATA_DIRS.
CURRENT="pkg-config bash-completion"
if pkg-config --exists bash-completion 2>/dev/null; then
  check "bash's completions dir is where Debian's bash-completion looks" \
    test "$(pkg-config --variable=completionsdir bash-completion)" == /usr/share/bash-completion/completions
fi

# The Debian package.
if command -v cpack >/dev/null && command -v dpkg-deb >/dev/null && command -v dpkg-shlibdeps >/dev/null; then
  CURRENT="cpack -G DEB"
  (cd "$T" && cpack -G DEB --config "$PSOAS_BUILD_DIR/CPackConfig.cmake" -B "$T/deb") >"$T/out" 2>"$T/err" ||
    fail "cpack failed"
  deb=$(ls "$T"/deb/*.deb 2>/dev/null | head -1)
  check "cpack made a .deb" test -n "$deb"
  if [ -n "$deb" ]; then
    dpkg-deb -c "$deb" | awk '{print $6}' | sed 's/^\.//' | grep -v '/$' | sort >"$T/deb.files"
    check "the .deb holds the /usr tree" test "$(cat "$T/deb.files")" == "$(tree /usr vendor-completions | sort)"
    # Its dependencies follow the libraries the binary needs (dpkg-shlibdeps): a release
    # build (PSOAS_STATIC) needs none, a dev build Debian's shared libraries.
    dpkg-deb -f "$deb" Depends >"$T/depends"
    if grep -q '^PSOAS_STATIC:BOOL=ON' "$PSOAS_BUILD_DIR/CMakeCache.txt"; then
      check "the .deb of a static binary depends on no library ($(cat "$T/depends"))" \
        sh -c "! grep -Eq 'libc6|libsqlite3|libstdc|libgcc|libfmt|libtomlplusplus' '$T/depends'"
    else
      check "the .deb depends on libc6 ($(cat "$T/depends"))" grep -q 'libc6' "$T/depends"
      check "the .deb depends on the shared libraries" grep -q libsqlite3 "$T/depends"
    fi
  fi
else
  echo "skipped: cpack, dpkg-deb or dpkg-shlibdeps not installed"
fi
