#!/usr/bin/env bash
# Makes the deployment's secrets once: docker/secrets/ (database passwords, read by compose as secrets) and, on
# standard output, the service's keys and connection string for docker/secrets.env. Never commit either (.gitignore keeps them out).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
umask 077
mkdir -p secrets
random() { head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '='; }
[ -f secrets/postgres_superuser_password ] || random > secrets/postgres_superuser_password
[ -f secrets/verification_db_password ] || random > secrets/verification_db_password
# Readable inside the containers (compose mounts these files with their host mode); the folder stays 0700 here.
chmod 644 secrets/postgres_superuser_password secrets/verification_db_password
cat <<EOT
ConnectionStrings__Verification=Host=postgres;Username=verification;Password=$(cat secrets/verification_db_password);Database=verification
Encryption__ActiveKeyId=k1
Encryption__Keys__k1=$(head -c 32 /dev/urandom | base64)
Proctoring__TokenSigningKey=$(head -c 32 /dev/urandom | base64)
Audit__Key=$(head -c 32 /dev/urandom | base64)
EOT
