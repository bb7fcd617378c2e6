# Shared helpers of the benchmark scripts (sourced, not run).

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# psql against the benchmark database; PG_URL is a libpq connection URL
sql() { psql -q -At -v ON_ERROR_STOP=1 "$PG_URL" "$@"; }

# CPU clock ticks (user + system) used so far by one process
ticks_of_pid() { local f; { read -r -a f < "/proc/$1/stat"; } 2>/dev/null || { echo 0; return; }; echo $(( f[13] + f[14] )); }
# ... by a process and its children, the children that ended included (Postgres: the postmaster's pid)
ticks_of_tree() {
  local f t c
  [ -n "$1" ] && read -r -a f < "/proc/$1/stat" 2>/dev/null || { echo 0; return; }
  t=$(( f[13] + f[14] + f[15] + f[16] ))
  for c in $(pgrep -P "$1"); do t=$(( t + $(ticks_of_pid "$c") )); done
  echo "$t"
}

# wrk with the bench scripts; prints wrk's output. Extra NAME=VALUE arguments go to the script.
run_wrk() { # seconds connections script [NAME=VALUE...]
  local seconds=$1 connections=$2 script=$3; shift 3
  env "$@" BENCH_TOKEN="$AUTH_TOKEN" BENCH_SIDS="$WORK/sids.txt" \
    wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "bench/$script" "$BASE" 2>&1
}

# A scenario measured after WARMUP seconds of the same load (so the JIT has compiled its path):
# wrk's output plus the server's and Postgres's CPU per request, in $WORK/<name>.out
measure() { # name connections script [NAME=VALUE...]
  local name=$1; shift
  local j0 p0 j1 p1 out requests
  [ "${WARMUP:-0}" -gt 0 ] && run_wrk "$WARMUP" "$@" > /dev/null
  MEASURED_FROM=$(sql -c "select now()") # when the timed part began (for what the database records)
  j0=$(ticks_of_pid "$SERVER_PID"); p0=$(ticks_of_tree "$POSTMASTER_PID")
  MEASURED_TICKS="$j0 $p0" # for work that outlasts the requests (cpu_since)
  out=$(run_wrk "$DURATION" "$@")
  j1=$(ticks_of_pid "$SERVER_PID"); p1=$(ticks_of_tree "$POSTMASTER_PID")
  requests=$(grep -o "[0-9]* requests in" <<< "$out" | grep -o "^[0-9]*" || echo 0)
  { echo "$out"; echo "cpu $(( j1 - j0 )) $(( p1 - p0 )) ${requests:-0}"; } > "$WORK/$name.out"
}

# One number from a measured scenario: rps, p50, p99 (ms), requests, non2xx, java_us, pg_us (CPU µs per request)
field() { # name what
  python3 - "$WORK/$1.out" "$2" "$(getconf CLK_TCK)" <<'PY'
import re, sys
text, what, hz = open(sys.argv[1]).read(), sys.argv[2], int(sys.argv[3])
def cpu(i):
    m = re.search(r"^cpu (\d+) (\d+) (\d+)$", text, re.M)
    if not m or int(m.group(3)) == 0 or (i == 2 and int(m.group(2)) == 0):
        return "n/a"
    return round(int(m.group(i)) * 1e6 / hz / int(m.group(3)), 1)
if what == "rps":
    m = re.search(r"Requests/sec:\s+([\d.]+)", text); print(m.group(1) if m else "0")
elif what == "requests":
    m = re.search(r"(\d+) requests in", text); print(m.group(1) if m else "0")
elif what == "non2xx":
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text); print(m.group(1) if m else "0")
elif what in ("java_us", "pg_us"):
    print(cpu(1 if what == "java_us" else 2))
else:
    m = re.search({"p50": "50%", "p99": "99%"}[what] + r"\s+([\d.]+)(us|ms|s)\b", text)
    if not m: print("nan")
    else:
        v, unit = float(m.group(1)), m.group(2)
        print(round(v / 1000 if unit == "us" else v * 1000 if unit == "s" else v, 2))
PY
}

# "1234 rps, p50 1.2 ms, p99 3.4 ms, CPU/request: server 56 µs, Postgres 78 µs"
summary() { # name
  local extra=""
  [ "$(field "$1" non2xx)" != "0" ] && extra=", non-2xx $(field "$1" non2xx)"
  local pg; pg=$(field "$1" pg_us); [ "$pg" != "n/a" ] && pg="$pg µs"
  echo "$(field "$1" rps) rps, p50 $(field "$1" p50) ms, p99 $(field "$1" p99) ms$extra;" \
       "CPU/request: server $(field "$1" java_us) µs, Postgres $pg"
}

# CPU ms (server, Postgres) used since the start of the last measure(), divided by $1 units of work:
# "0.65 ms, Postgres 1.51 ms" (for Commands, whose life goes on after the POST has been answered)
cpu_since() { # units
  local j0 p0 j1 p1 hz
  read -r j0 p0 <<< "$MEASURED_TICKS"
  j1=$(ticks_of_pid "$SERVER_PID"); p1=$(ticks_of_tree "$POSTMASTER_PID"); hz=$(getconf CLK_TCK)
  python3 -c "n = max($1, 1); print(f'server {($j1 - $j0) * 1000 / $hz / n:.2f} ms, ' +
    ('Postgres n/a' if not '$POSTMASTER_PID' else f'Postgres {($p1 - $p0) * 1000 / $hz / n:.2f} ms'))"
}
