// A measuring child for the publish suite: runs one publish as a drop makes it and prints one JSON
// line with its stage times and memory high-water mark, so nothing else inflates the RSS.
import { publishDrop, type PublishDropJob, type PublishDropTimes } from './publish-drop';
import { measured, runChild } from '../child-measure';

export interface PublishChildReport extends PublishDropTimes {
  peakRssBytes: number;
  baselineRssBytes: number;
}

runChild(async (): Promise<PublishChildReport> => {
  const job = JSON.parse(process.argv[2] ?? '') as PublishDropJob;
  const { value: times, peakRssBytes, baselineRssBytes } = await measured(() => publishDrop(job));
  return { ...times, peakRssBytes, baselineRssBytes };
});
