// The ntsplan extension: starts `ntsplan lsp` for the YAML files of every plan folder in the
// workspace. A plan folder is one that holds plan.yaml; ntsplan is taken from the setting
// `ntsplan.path` (`~`, `${workspaceFolder}` and paths relative to a workspace folder are
// expanded), else from the workspace's .venv, else from the PATH. When it is not found, the
// editor says where it looked and how to install it. "ntsplan: Restart" restarts the server,
// and so does a change of `ntsplan.path`, without reloading the window.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vscode from "vscode";
import {
  DocumentSelector,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

/** Where ntsplan was found, or every place looked at when it was not. */
export interface Found {
  command: string | undefined;
  tried: string[];
}

const windows = process.platform === "win32";

function isFile(candidate: string): boolean {
  try {
    return fs.statSync(candidate).isFile();
  } catch {
    return false;
  }
}

/** The paths that the setting `ntsplan.path` may mean: `~` is the home folder,
 * `${workspaceFolder}` the first workspace folder, a relative path with a folder in it
 * (`tools/ntsplan`) is tried in every workspace folder; a bare name is looked up on the PATH. */
export function expandPath(configured: string, folders: readonly string[], home: string): string[] {
  let value = configured.trim();
  if (!value) {
    return [];
  }
  if (value === "~" || value.startsWith("~/") || value.startsWith("~\\")) {
    value = path.join(home, value.slice(1));
  }
  if (value.includes("${workspaceFolder}")) {
    return (folders.length ? folders : [""]).slice(0, 1).map((f) => value.split("${workspaceFolder}").join(f));
  }
  if (path.isAbsolute(value)) {
    return [value];
  }
  if (!value.includes("/") && !value.includes("\\")) {
    return [value]; // a program name: the PATH
  }
  return folders.map((folder) => path.join(folder, value));
}

function onPath(name: string, pathVariable: string): string[] {
  const names = windows && !name.toLowerCase().endsWith(".exe") ? [name, `${name}.exe`] : [name];
  return pathVariable
    .split(path.delimiter)
    .filter((dir) => dir)
    .flatMap((dir) => names.map((n) => path.join(dir, n)));
}

/** The ntsplan program to start: the setting, the workspace's .venv, or the PATH; with
 * every place looked at, for the message when none holds it. */
export function locateNtsplan(
  folders: readonly string[],
  configured: string,
  home: string = os.homedir(),
  pathVariable: string = process.env.PATH ?? "",
): Found {
  const tried: string[] = [];
  const check = (candidates: string[]): string | undefined => {
    for (const candidate of candidates) {
      const isName = !candidate.includes("/") && !candidate.includes("\\");
      const places = isName ? onPath(candidate, pathVariable) : [candidate];
      for (const place of places) {
        tried.push(place);
        if (isFile(place)) {
          return place;
        }
      }
    }
    return undefined;
  };
  if (configured.trim()) {
    return { command: check(expandPath(configured, folders, home)), tried };
  }
  const venvs = folders.map((folder) =>
    windows ? path.join(folder, ".venv", "Scripts", "ntsplan.exe") : path.join(folder, ".venv", "bin", "ntsplan"),
  );
  return { command: check([...venvs, "ntsplan"]), tried };
}

/** The ntsplan program to start (kept for callers of the first version): the found path, or
 * the bare name for the PATH. */
export function findNtsplan(folders: readonly string[], configured: string): string {
  const found = locateNtsplan(folders, configured);
  if (found.command) {
    return found.command;
  }
  return configured.trim() || "ntsplan";
}

/** What the editor says when ntsplan is not found: where it looked, and how to install it. */
export function notFoundMessage(found: Found, configured: string): string {
  const shown = found.tried.length > 6 ? [...found.tried.slice(0, 6), "..."] : found.tried;
  const where = configured.trim()
    ? `the setting ntsplan.path ("${configured.trim()}") names no program`
    : "no ntsplan in the workspace's .venv or on the PATH";
  return (
    `ntsplan was not found: ${where}. Looked at: ${shown.join(", ")}. ` +
    "Install it with `pipx install ntsplan`, or in the workspace's virtual environment " +
    "(`python3 -m venv .venv && .venv/bin/pip install ntsplan`), " +
    "or set `ntsplan.path` to the ntsplan program, then run \"ntsplan: Restart\"."
  );
}

/** One selector per plan folder: the YAML files in and below the folder of each plan.yaml. */
export function planSelectors(planFiles: readonly string[]): DocumentSelector {
  return planFiles.map((file) => ({
    scheme: "file",
    language: "yaml",
    pattern: `${path.dirname(file).split(path.sep).join("/")}/**/*.yaml`,
  }));
}

/** Whether to turn yaml-language-server's validation off for this workspace, so that every
 * slip shows once, in ntsplan's words: with `ntsplan.yamlValidation` "off" (the default),
 * unless the user set `yaml.validate` for the workspace or the folder. */
export function turnYamlValidationOff(
  choice: string,
  inspected: { workspaceValue?: unknown; workspaceFolderValue?: unknown } | undefined,
): boolean {
  if (choice !== "off" || inspected === undefined) {
    return false;
  }
  return inspected.workspaceValue === undefined && inspected.workspaceFolderValue === undefined;
}

/** What the extension needs from VS Code and from the language client, so that its logic
 * runs (and is tested) outside VS Code. */
export interface Host {
  folders(): string[];
  planFiles(): Promise<string[]>;
  setting(name: string, fallback: string): string;
  showError(message: string, ...actions: string[]): Thenable<string | undefined>;
  openSettings(): void;
  createClient(command: string, selectors: DocumentSelector): ClientLike;
}

export interface ClientLike {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export class Controller {
  client: ClientLike | undefined;
  command: string | undefined;

  constructor(private readonly host: Host) {}

  /** Start the server for the workspace's plan folders; false when there are none or when
   * ntsplan is not found (then the editor says so). */
  async start(): Promise<boolean> {
    const plans = await this.host.planFiles();
    if (plans.length === 0) {
      return false;
    }
    const configured = this.host.setting("path", "");
    const found = locateNtsplan(this.host.folders(), configured);
    if (!found.command) {
      this.command = undefined;
      const choice = await this.host.showError(notFoundMessage(found, configured), "Open Settings");
      if (choice === "Open Settings") {
        this.host.openSettings();
      }
      return false;
    }
    this.command = found.command;
    this.client = this.host.createClient(found.command, planSelectors(plans));
    await this.client.start();
    return true;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.stop();
  }

  async restart(): Promise<boolean> {
    await this.stop();
    return this.start();
  }
}

function vscodeHost(): Host {
  return {
    folders: () => (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
    planFiles: async () =>
      (await vscode.workspace.findFiles("**/plan.yaml", "**/{node_modules,.venv,.git}/**")).map((u) => u.fsPath),
    setting: (name, fallback) => vscode.workspace.getConfiguration("ntsplan").get<string>(name, fallback),
    showError: (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
    openSettings: () => void vscode.commands.executeCommand("workbench.action.openSettings", "ntsplan.path"),
    createClient: (command, selectors) => {
      const serverOptions: ServerOptions = { command, args: ["lsp"], transport: TransportKind.stdio };
      const clientOptions: LanguageClientOptions = { documentSelector: selectors, outputChannelName: "ntsplan" };
      return new LanguageClient("ntsplan", "ntsplan", serverOptions, clientOptions);
    },
  };
}

let controller: Controller | undefined;

export async function activate(context: vscode.ExtensionContext, host: Host = vscodeHost()): Promise<void> {
  controller = new Controller(host);
  const running = controller;
  context.subscriptions.push(
    vscode.commands.registerCommand("ntsplan.restart", () => running.restart()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("ntsplan.path")) {
        void running.restart();
      }
    }),
    { dispose: () => void running.stop() },
  );
  await running.start();
  if ((await host.planFiles()).length > 0) {
    const yaml = vscode.workspace.getConfiguration("yaml");
    if (turnYamlValidationOff(host.setting("yamlValidation", "off"), yaml.inspect("validate"))) {
      await yaml.update("validate", false, vscode.ConfigurationTarget.Workspace);
    }
  }
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}
