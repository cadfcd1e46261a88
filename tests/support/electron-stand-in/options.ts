/** What the stand-in answers when the app asks; the child fills it from its boot plan. */
export interface StandInOptions {
  /** `app.getAppPath()`: the folder holding out/ (the repository when testing a build). */
  appPath: string;
  /** `app.getPath('userData')`: the app's data folder. */
  userData: string;
  /** `app.getPath('home')`, and the root of the other paths. */
  home: string;
  version: string;
  /** What `app.requestSingleInstanceLock()` answers: false plays a second launch. */
  singleInstanceLock: boolean;
  notificationsSupported: boolean;
  /** Answers for `dialog.showOpenDialog`, used in order; when none is left the user cancels. */
  openDialogAnswers: Array<{ canceled: boolean; filePaths: string[] }>;
  /** What `shell.openPath` answers, in order (an error string, or '' for success); '' when none is left. */
  openPathAnswers: string[];
}
