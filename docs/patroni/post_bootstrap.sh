#!/bin/sh
# Run once by Patroni on the first primary: the event store's role and database. The server
# creates its tables itself at its first start. $1 is Patroni's connection URL for the superuser.
set -e
psql "$1" -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE flameblue LOGIN PASSWORD '${FLAMEBLUE_DB_PASSWORD:-fire-and-rescue}'" \
    -c "CREATE DATABASE flameblue OWNER flameblue ENCODING 'UTF8' TEMPLATE template0"
