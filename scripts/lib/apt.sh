# Debian packages a script needs: `apt_ensure [--no-install-recommends] PACKAGE...` installs
# those not installed yet, in one apt-get run (a fresh CI machine has none of them).
apt_ensure() {
  local opts=() missing=() p
  if [ "${1:-}" = --no-install-recommends ]; then opts+=("$1"); shift; fi
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "-- installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${opts[@]}" "${missing[@]}" >/dev/null
}
