export declare const WEB_MODE_NOTICE: string;

export type ElectronRuntime = { present: true; binary: string } | { present: false; reason: string };

export declare function electronRuntime(options: {
  electronDir: string;
  env: Record<string, string | undefined>;
  exists: (file: string) => boolean;
  readFile: (file: string) => string;
}): ElectronRuntime;

export type StartPlan = { command: string; args: string[]; notice?: string; error?: undefined } | { error: string };

export declare function startPlan(
  runtime: ElectronRuntime,
  options: { repoRoot: string; nodePath: string; webEntry: string; webEntryExists: boolean },
): StartPlan;
