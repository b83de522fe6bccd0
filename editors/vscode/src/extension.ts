// The ntsplan extension: starts `ntsplan lsp` for the YAML files of every plan folder in the
// workspace. A plan folder is one that holds plan.yaml; ntsplan is taken from the setting
// `ntsplan.path`, else from the workspace's .venv, else from the PATH.
import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";
import {
  DocumentSelector,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** The ntsplan program to start: the setting, the workspace's .venv, or the PATH. */
export function findNtsplan(folders: readonly string[], configured: string): string {
  if (configured.trim()) {
    return configured.trim();
  }
  const windows = process.platform === "win32";
  for (const folder of folders) {
    const candidate = windows
      ? path.join(folder, ".venv", "Scripts", "ntsplan.exe")
      : path.join(folder, ".venv", "bin", "ntsplan");
    if (fs.existsSync(candidate)) {
      return candidate;
    }
  }
  return "ntsplan";
}

/** One selector per plan folder: the YAML files in and below the folder of each plan.yaml. */
export function planSelectors(planFiles: readonly string[]): DocumentSelector {
  return planFiles.map((file) => ({
    scheme: "file",
    language: "yaml",
    pattern: `${path.dirname(file).split(path.sep).join("/")}/**/*.yaml`,
  }));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const plans = await vscode.workspace.findFiles("**/plan.yaml", "**/{node_modules,.venv,.git}/**");
  if (plans.length === 0) {
    return;
  }
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const configured = vscode.workspace.getConfiguration("ntsplan").get<string>("path", "");
  const command = findNtsplan(folders, configured);
  const serverOptions: ServerOptions = {
    command,
    args: ["lsp"],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: planSelectors(plans.map((uri) => uri.fsPath)),
    outputChannelName: "ntsplan",
  };
  client = new LanguageClient("ntsplan", "ntsplan", serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
