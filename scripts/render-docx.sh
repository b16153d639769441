#!/usr/bin/env bash
# Renders a DOCX to PNG pages for a look (test tooling only: LibreOffice and poppler-utils are not
# runtime dependencies). Usage: scripts/render-docx.sh <file.docx> <outdir> [dpi]
# Writes <outdir>/<name>.pdf and <outdir>/<name>-<page>.png (60 dpi unless told otherwise).
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 <file.docx> <outdir> [dpi]" >&2
  exit 2
fi
docx=$1
outdir=$2
dpi=${3:-60}
for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "$tool not found (apt-get install libreoffice-writer-nogui poppler-utils)" >&2; exit 1; }
done
mkdir -p "$outdir"
name=$(basename "${docx%.*}")
# A private profile: no clash with a LibreOffice the user has open, nothing left in $HOME.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$outdir" "$docx" >/dev/null
rm -f "$outdir/$name"-*.png
pdftoppm -png -r "$dpi" "$outdir/$name.pdf" "$outdir/$name"
ls "$outdir/$name"*.png
