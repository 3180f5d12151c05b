#!/bin/bash
# Runs once, on an empty data directory, from the mariadb image's /docker-entrypoint-initdb.d (sourced by its entrypoint,
# which provides docker_process_sql). One schema and one user per service, passwords from the environment:
# SNS_USER_DB_PASSWORD, SNS_POST_DB_PASSWORD, SNS_ALARM_DB_PASSWORD. Same statements as local-infra's ServiceSchema.
# The Kubernetes local overlay mounts a copy (k8s/overlays/local/infra/mariadb-init.sh; a test keeps them equal).
# Keep this file NOT executable: the entrypoint then sources it (an executed script would not see
# docker_process_sql), and runs it under its own `set -eo pipefail`, so a failed statement stops the init.

sql_quote() { printf "%s" "${1//\'/\'\'}"; }   # a quote in a password must not end the SQL string

create_schema() { # schema user password
    local schema=$1 user=$2 password=$3
    if [ -z "$password" ]; then
        echo "sns init: no password for $user (set the variable in .env / the Secret)" >&2
        exit 1
    fi
    docker_process_sql --database=mysql <<-EOSQL
		CREATE DATABASE IF NOT EXISTS ${schema} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		CREATE USER IF NOT EXISTS '${user}'@'%' IDENTIFIED BY '$(sql_quote "$password")';
		GRANT ALL PRIVILEGES ON ${schema}.* TO '${user}'@'%';
	EOSQL
    echo "sns init: schema ${schema} for user ${user}"
}

create_schema sns_user user_service "${SNS_USER_DB_PASSWORD:-}"
create_schema sns_post post_service "${SNS_POST_DB_PASSWORD:-}"
create_schema sns_alarm alarm_service "${SNS_ALARM_DB_PASSWORD:-}"
