import { z } from 'zod';
import { phantom } from './phantom';

export type HostKind = 'electron' | 'web';

export interface AppInfo {
  name: string;
  version: string;
  host: HostKind;
  capabilities: {
    /** The host can show a native folder picker (Electron). */
    nativeFolderPicker: boolean;
    /** Dropped files arrive as local paths (Electron) rather than uploads to staging (web). */
    dropPaths: boolean;
    /** Secrets can be kept in the OS keychain; false means session-only logins. */
    keychain: boolean;
  };
}

export const appCalls = {
  'app.info': { input: z.object({}).strict(), output: phantom<AppInfo>() },
} as const;

export const appEvents = {} as const;
