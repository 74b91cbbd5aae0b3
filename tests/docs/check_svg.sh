#!/bin/bash
# The drawings of firmware-notes/img render: each SVG is well-formed XML and
# rsvg-convert (librsvg2-bin, in .ci/install) turns it into a PNG of the
# size the SVG declares. Usage: check_svg.sh SOURCE_ROOT
set -u
root=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v rsvg-convert >/dev/null || { echo "skipped: no rsvg-convert"; exit 77; }
n=0
for svg in "$root"/firmware-notes/img/*.svg; do
	name=$(basename "$svg" .svg)
	python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$svg" \
		|| { echo "FAIL: $name.svg is not well-formed"; exit 1; }
	rsvg-convert "$svg" -o "$tmp/$name.png" 2>"$tmp/err" && [ -s "$tmp/$name.png" ] \
		|| { echo "FAIL: $name.svg does not render: $(cat "$tmp/err")"; exit 1; }
	want=$(sed -n 's/.*<svg[^>]* width="\([0-9]*\)" height="\([0-9]*\)".*/\1x\2/p' "$svg" | head -1)
	have=$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$tmp/$name.png")
	[ "$want" = "$have" ] || { echo "FAIL: $name.png is $have, the SVG says $want"; exit 1; }
	n=$((n + 1))
done
[ $n -ge 3 ] || { echo "FAIL: only $n drawings"; exit 1; }
echo "ok: $n drawings render"
