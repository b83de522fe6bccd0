-- Headless Neovim (0.7+) as an LSP client of `ntsplan lsp`, set up by the README's snippet
-- (NTSPLAN_SNIPPET, run as a user's init.lua would): open the file given on the command
-- line, wait for its diagnostics, ask for completion at NTSPLAN_LINE/NTSPLAN_COL, note the
-- keys the snippet mapped, write what the editor received to NTSPLAN_OUT as JSON, quit.
dofile(vim.env.NTSPLAN_SNIPPET)
local out = vim.env.NTSPLAN_OUT
local results = { diagnostics = {}, completion = {} }
local done = false

local function finish(reason)
  if done then return end
  done = true
  results.reason = reason
  local file = io.open(out, "w")
  file:write(vim.fn.json_encode(results))
  file:close()
  vim.cmd("qa!")
end

vim.defer_fn(function() finish("timeout") end, 30000)

local bufnr = -1
local default = vim.lsp.handlers["textDocument/publishDiagnostics"]

local function ask_completion()
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = tonumber(vim.env.NTSPLAN_LINE), character = tonumber(vim.env.NTSPLAN_COL) },
  }
  vim.lsp.buf_request(bufnr, "textDocument/completion", params, function(err, result)
    local items = result and (result.items or result) or {}
    for _, item in ipairs(items) do
      table.insert(results.completion, { label = item.label, detail = item.detail })
    end
    results.completion_error = err and err.message or nil
    finish("done")
  end)
end

vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  default(err, result, ctx, config)
  if result.uri ~= vim.uri_from_bufnr(bufnr) then return end
  -- What the editor now shows for the buffer (0-based lines and columns).
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(results.diagnostics, {
      lnum = d.lnum, col = d.col, message = d.message, code = d.user_data and d.user_data.lsp and d.user_data.lsp.code,
      severity = d.severity,
    })
  end
  results.keys = {}
  for _, key in ipairs({ "K", "gd", "gr", "<leader>rn", "<leader>ca" }) do
    local found = vim.fn.maparg(key, "n", false, true)
    results.keys[key] = found.buffer == 1
  end
  ask_completion()
end

-- The file's buffer is loaded only after this script has run (the snippet attaches it).
vim.api.nvim_create_autocmd("VimEnter", {
  callback = function()
    bufnr = vim.api.nvim_get_current_buf()
  end,
})
