#!/usr/bin/env bash
# Installs the Debian packages ntsplan needs, or says exactly how to.
#   scripts/system-packages.sh build   what `ntsplan build` needs (Pango for WeasyPrint, fonts)
#   scripts/system-packages.sh test    what the test suite needs on top (pdffonts, Java for the
#                                       HTML validator, Chromium for the browser tests,
#                                       LibreOffice Calc for the workbook test,
#                                       LibreOffice Writer for the ODT and DOCX tests)
# As root it installs what is missing; otherwise it prints the apt-get line and fails.
set -euo pipefail

build_packages=(
  libpango-1.0-0 libpangoft2-1.0-0   # WeasyPrint's text layout
  libharfbuzz-subset0                # font subsetting: smaller, reproducible PDFs
  fonts-noto-core                    # the document's typeface (Noto Sans, Noto Serif)
  fontconfig
)
test_packages=(
  poppler-utils                      # pdffonts, pdftotext: PDF checks in the tests
  default-jre-headless               # the Nu HTML validator (vnu.jar) in the tests
  chromium                           # browser tests (Playwright drives /usr/bin/chromium)
  shellcheck                         # lints the shell steps of the shipped GitHub workflow
  neovim                             # the editor end-to-end test of `ntsplan lsp` (0.7+)
  nodejs                             # yaml-language-server and the VS Code extension's build
  libreoffice-calc                   # opens the workbook (.xlsx) as a real client in the tests
  libreoffice-writer                 # opens the editable texts (.odt, .docx) and prints them to PDF
)

case "${1:-build}" in
  build) wanted=("${build_packages[@]}") ;;
  test) wanted=("${build_packages[@]}" "${test_packages[@]}") ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac

missing=()
for package in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
# npm (npm ci: axe-core for the WCAG check, the editors' tools) comes with nodejs from
# NodeSource, and as its own package from Debian: only asked for when the command is missing,
# since Debian's npm cannot be installed beside NodeSource's nodejs.
if [ "${1:-build}" = test ] && ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing Debian packages. Install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 2
fi
