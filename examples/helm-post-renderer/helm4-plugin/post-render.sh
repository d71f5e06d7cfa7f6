#!/bin/sh
# Helm writes the rendered manifests to stdin and reads the result from stdout.
# Arguments given with --post-renderer-args are passed on to cmhash build
# (Helm gives post-renderers no namespace: pass --namespace=NS yourself).
exec cmhash build "$@" -
