#!/bin/bash
# Runs once, on an empty data directory, from the mariadb image's /docker-entrypoint-initdb.d (sourced by its entrypoint,
# which provides docker_process_sql). docker-compose mounts this directory there; the Kubernetes local overlay makes
# the sns-mariadb-init ConfigMap from it. The statements are sns-schemas.sql.in next to this file (also local-infra's):
# each ${NAME} in it is replaced by that environment variable, a password (SNS_USER_DB_PASSWORD, SNS_POST_DB_PASSWORD,
# SNS_ALARM_DB_PASSWORD from .env / the Secret).
# Keep this file NOT executable: the entrypoint then sources it (an executed script would not see
# docker_process_sql), and runs it under its own `set -eo pipefail`, so a failed statement stops the init.

sns_schemas_sql() { # prints the template with every ${NAME} replaced by the SQL-quoted value of $NAME
    local rest out='' name value
    rest=$(<"$(dirname "${BASH_SOURCE[0]}")/sns-schemas.sql.in")
    while [[ $rest =~ \$\{([A-Z0-9_]+)\} ]]; do
        name=${BASH_REMATCH[1]}
        value=${!name:-}
        if [ -z "$value" ]; then
            echo "sns init: no value for $name (set the variable in .env / the Secret)" >&2
            exit 1
        fi
        out+=${rest%%"${BASH_REMATCH[0]}"*}
        out+=${value//\'/\'\'}   # a quote in a password must not end the SQL string
        rest=${rest#*"${BASH_REMATCH[0]}"}
    done
    printf '%s%s\n' "$out" "$rest"
}

sns_schemas=$(sns_schemas_sql)
docker_process_sql --database=mysql <<<"$sns_schemas"
echo "sns init: created $(grep -c '^CREATE DATABASE' <<<"$sns_schemas") schemas and their users"
unset sns_schemas
