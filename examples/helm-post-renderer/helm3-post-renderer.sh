#!/bin/sh
# Helm 3 takes an executable: helm install app chart/ --post-renderer ./helm3-post-renderer.sh
# Arguments given with --post-renderer-args (Helm 3.10 and later) are passed
# on to cmhash build, e.g. --post-renderer-args=--namespace=shop.
exec cmhash build "$@" -
