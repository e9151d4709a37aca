#!/usr/bin/env bash
# The test run starts a throwaway PostgreSQL cluster (initdb + pg_ctl under a temporary folder):
# checks that the server programs are there; on Debian as root, installs the postgresql package.
set -u
found() {
  ls /usr/lib/postgresql/*/bin/initdb /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 \
    || { command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; }
}
found && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "PostgreSQL server programs not found: installing the Debian package postgresql"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  found && exit 0
fi
echo "PostgreSQL (initdb, pg_ctl) is not installed: the PostgreSQL tests will fail." >&2
echo "Install it as root: apt-get install postgresql" >&2
exit 1
