# Sourced by callgrind.sh and cpu.sh: starts "$HARNESS serve-canned" with its standard input
# on a FIFO in $OUT (closing it stops the server, also on exit) and sets $endpoint.
fifo=$OUT/server.stdin
rm -f "$fifo"; mkfifo "$fifo"
"$HARNESS" serve-canned <"$fifo" >"$OUT/server.out" 2>"$OUT/server.log" &
server=$!
exec 3>"$fifo" # keeps the server's stdin open
trap 'exec 3>&-; wait $server 2>/dev/null || true; rm -f "$fifo"' EXIT
endpoint=""
for _ in $(seq 100); do
  line=$(head -n 1 "$OUT/server.out" 2>/dev/null || true)
  case "$line" in listening\ on\ *) endpoint=${line#listening on }; break ;; esac
  sleep 0.05
done
[ -n "$endpoint" ] || { echo "canned server did not start" >&2; cat "$OUT/server.log" >&2; exit 1; }
