"""Everything that touches WeasyPrint: the one-process render (``document``), the asset
fetcher (``fetcher``) and the copy of WeasyPrint's layout step that the parallel render
drives part by part (``layout``; BSD-3, see LICENSES/WeasyPrint.txt)."""
