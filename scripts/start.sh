#!/usr/bin/env bash
# Starts the built server (`npm run build` first) as a terminal runs it, all day and for months:
# `npm start`. Its settings are the caller's environment (SIFEE_*, PORT, HOST, ORIGIN; see README).
# The demo, the end-to-end tests and `npm run proof` start the server through here too.
set -euo pipefail
cd "$(dirname "$0")/.."
# glibc gives each thread that allocates an arena of its own and keeps what is freed there: the 16 MB
# of a password check or a PDF's buffers stayed held, once per thread-pool thread. Two arenas, and
# blocks over 256 KB mapped apart, so they go back to the system when freed.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
export MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-262144}
exec node build
