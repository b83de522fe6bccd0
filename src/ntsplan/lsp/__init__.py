"""`ntsplan lsp`: a language server that brings ntsplan's own problems into the editor."""
