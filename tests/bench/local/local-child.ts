// A measuring child for the Local suite: one publish into Local, one pull into Local or one open of
// Local's catalog, in a fresh Node; one JSON line with its time and RSS high-water mark.
import { measured, runChild, type Measured } from '../child-measure';
import { floorOpenLocal, type LocalFloorJob } from './local-floor';
import { openLocalCatalog, type LocalOpenJob, type LocalOpenReport } from './local-open';
import { publishIntoLocal, type LocalPublishJob, type LocalPublishTimes } from './local-publish';
import { pullIntoLocal, type LocalPullJob } from './local-pull';

export type LocalJob = LocalPublishJob | LocalPullJob | LocalOpenJob | LocalFloorJob;

export type LocalChildReport = Measured & (
  | { kind: 'publish'; value: LocalPublishTimes }
  | { kind: 'pull'; value: string }
  | { kind: 'open'; value: LocalOpenReport }
  | { kind: 'floor-open'; value: string }
);

async function run(job: LocalJob): Promise<LocalChildReport> {
  switch (job.kind) {
    case 'publish':
      return { kind: 'publish', ...(await measured(() => publishIntoLocal(job))) };
    case 'pull':
      return { kind: 'pull', ...(await measured(() => pullIntoLocal(job))) };
    case 'open':
      return { kind: 'open', ...(await measured(() => openLocalCatalog(job))) };
    case 'floor-open':
      return { kind: 'floor-open', ...(await measured(() => floorOpenLocal(job))) };
  }
}

// Exit once written: keep-alive sockets and the catalog's timers must not hold the child open.
runChild(() => run(JSON.parse(process.argv[2] ?? '') as LocalJob), true);
