// A measuring child process: runs one job (one side of one comparison) and prints one JSON line
// with its duration and memory high-water mark, so nothing else in the bench inflates the RSS.
import { runJob, type Job } from './jobs';
import { measured, runChild, type Measured } from './child-measure';

export interface ChildReport extends Measured {
  check: string;
}

runChild(async (): Promise<ChildReport> => {
  const job = JSON.parse(process.argv[2] ?? '') as Job;
  const { value: check, ...measure } = await measured(() => runJob(job));
  return { ...measure, check };
});
