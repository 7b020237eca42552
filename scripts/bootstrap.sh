# Sourced by scripts/sitegen and scripts/test: make .venv and install the project into it.
# Reinstalls only when pyproject.toml changed (a stamp holds its hash).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
extras="${1:-}"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
stamp="$venv/.sitegen-installed${extras:+-$extras}"
want="$(sha256sum "$root/pyproject.toml" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "== installing sitegen${extras:+ with [$extras]} into .venv" >&2
    log="$venv/install.log"
    # pip's and the build backend's notices go to the log; it is shown only if the install fails
    if ! { "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip &&
           "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$root${extras:+[$extras]}"; } >"$log" 2>&1; then
        cat "$log" >&2
        exit 1
    fi
    echo "$want" > "$stamp"
fi
