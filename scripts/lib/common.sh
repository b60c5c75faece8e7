# Shared helpers for ChatGuard scripts. Source it; do not run it.
# Finds a JDK >= 21 and Maven, knows the local-stack settings, and installs what a fresh
# Debian machine lacks when running as root.

CG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CG_DATA="${CHATGUARD_DATA_DIR:-$CG_ROOT/.local}"

# Local-stack settings. These are local-only values for processes bound to loopback, not secrets;
# src/main/resources/application.properties uses the same defaults in the local and test profiles.
: "${CHATGUARD_PG_HOST:=127.0.0.1}"
: "${CHATGUARD_PG_PORT:=5432}"
: "${CHATGUARD_DB_USER:=chatguard}"
: "${CHATGUARD_DB_PASSWORD:=chatguard}"
: "${CHATGUARD_S3_PORT:=9000}"
: "${CHATGUARD_S3_ACCESS_KEY:=chatguard-local}"
: "${CHATGUARD_S3_SECRET_KEY:=chatguard-local-secret}"
S3PROXY_VERSION=4.1.0

log()  { printf '\033[1;34m[chatguard]\033[0m %s\n' "$*" >&2; }
warn() { printf '\033[1;33m[chatguard]\033[0m %s\n' "$*" >&2; }
die()  { printf '\033[1;31m[chatguard]\033[0m %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

APT_UPDATED=0
apt_install() {
  is_root || die "missing packages: $*. Install them with: sudo apt-get update && sudo apt-get install -y $*"
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || die "apt-get update failed"
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
    || die "apt-get install $* failed"
}

# Prints the major version of the java binary in $1/bin, or nothing.
jdk_major() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

# Exports JAVA_HOME pointing at a JDK >= 21 (the newest found), or fails with instructions.
ensure_jdk() {
  local best="" best_major=0 cand major
  for cand in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -n "$cand" ] && [ -d "$cand" ] || continue
    major="$(jdk_major "$cand")"
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$cand"; best_major="$major"; fi
  done
  if [ -z "$best" ] && is_root && command -v apt-cache >/dev/null; then
    local pkg
    for pkg in openjdk-25-jdk-headless openjdk-21-jdk-headless; do
      if apt-cache policy "$pkg" 2>/dev/null | grep -q 'Candidate: [0-9]'; then apt_install "$pkg"; break; fi
    done
    for cand in /usr/lib/jvm/*; do
      major="$(jdk_major "$cand")"
      if [ -n "$major" ] && [ "$major" -ge 21 ]; then best="$cand"; best_major="$major"; fi
    done
  fi
  [ -n "$best" ] || die "no JDK >= 21 found (looked at \$JAVA_HOME and /usr/lib/jvm). Install one, e.g. Eclipse Temurin 21 or 25, and set JAVA_HOME."
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
  CG_JDK_MAJOR="$best_major"
}

ensure_maven() {
  command -v mvn >/dev/null || apt_install maven
}

# Headless Chromium, its driver and CJK fonts for the browser tests (Debian packages only: the
# tests never download a browser or driver). Without the fonts Chinese renders as boxes.
ensure_browser() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'ok installed' || missing+=(fonts-noto-cjk)
  [ "${#missing[@]}" -eq 0 ] || apt_install "${missing[@]}"
}

# Reports: PDFs embed WenQuanYi Micro Hei (TrueType outlines, which PDFBox embeds; Noto CJK is CFF).
# The tests also render PDF pages to PNG with poppler's pdftoppm.
ensure_report_tools() {
  local missing=()
  [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
  if [ "${1:-}" = test ]; then
    command -v pdftoppm >/dev/null || missing+=(poppler-utils)
  fi
  [ "${#missing[@]}" -eq 0 ] || apt_install "${missing[@]}"
}

mvn_cmd() {
  # Maven 3.8's bundled Guava calls sun.misc.Unsafe, which JDK 24+ warns about on every run.
  if [ "${CG_JDK_MAJOR:-0}" -ge 24 ]; then
    MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" mvn -B -ntp "$@"
  else
    mvn -B -ntp "$@"
  fi
}
