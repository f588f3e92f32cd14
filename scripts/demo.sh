#!/usr/bin/env bash
# The main job on the embedded store: load data/, answer who-held-what-when for the seed article,
# and write an interactive view. Usage: scripts/demo.sh [STORE_DIR] [VIEW_FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
store="${1:-.kg/store}"
view="${2:-seed-view.html}"
kg load data/ --store "$store"
for name in "Cù Ngọc Cường" "Hoàng Hà Bắc" "Lã Văn Hào"; do
  echo
  echo "== Posts held on 2023-03-22 by $name"
  kg person "$name" --at 2023-03-22 --store "$store"
done
echo
echo "== kg who \"Bí thư Thành ủy Bắc Kạn\" --at 2023-03-22"
kg who "Bí thư Thành ủy Bắc Kạn" --at 2023-03-22 --store "$store"
echo
echo "== kg who \"Bí thư Thành uỷ Bắc Kạn\" --at 2026-01-01"
kg who "Bí thư Thành uỷ Bắc Kạn" --at 2026-01-01 --store "$store"
if kg view --help >/dev/null 2>&1; then
  echo
  kg view person "Cù Ngọc Cường" -o "$view" --store "$store"
fi
