#!/bin/sh
# labs stand-in for the official redis image entrypoint.
set -e

# first arg is `-f` or `--some-option`, or a config file: run redis-server with it
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
	set -- redis-server "$@"
fi

# Runs as root on purpose: volumes are provisioned root-owned 0750.
mkdir -p /data
exec "$@"
