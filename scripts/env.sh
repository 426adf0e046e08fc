# Sourced by the other scripts: the PATH and variables every build and test step needs.
LINGGONG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$LINGGONG_ROOT/node_modules/.bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
# shellcheck source=versions.env
source "$LINGGONG_ROOT/scripts/versions.env"
