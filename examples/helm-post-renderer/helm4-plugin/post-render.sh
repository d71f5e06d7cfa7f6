#!/bin/sh
# Helm writes the rendered manifests to stdin and reads the result from stdout.
exec cmhash build -
