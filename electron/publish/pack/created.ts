import type { PublishOptions } from '../../../shared/contract';

export type CreatedOption = PublishOptions['created'];

export interface ResolvedCreated {
  /** The `org.opencontainers.image.created` value, or undefined when left out. */
  value: string | undefined;
  problem?: string;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Go's `time.RFC3339` of a UTC instant: seconds, no fraction (what oras push writes). */
export function rfc3339Seconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The created annotation: `now` (as `oras push`, unless SOURCE_DATE_EPOCH pins it), `off`, or a
 * pinned RFC 3339 time (checked the way oras-go checks it).
 */
export function resolveCreated(option: CreatedOption, now: () => Date, sourceDateEpoch: string | undefined): ResolvedCreated {
  if (option.mode === 'off') return { value: undefined };
  if (option.mode === 'pinned') {
    const valid = RFC3339.test(option.value) && !Number.isNaN(Date.parse(option.value));
    return valid ? { value: option.value } : { value: undefined, problem: `The pinned creation time "${option.value}" is not an RFC 3339 time such as 2024-01-31T12:00:00Z.` };
  }
  if (sourceDateEpoch !== undefined && sourceDateEpoch !== '') {
    const seconds = Number(sourceDateEpoch);
    if (/^\d{1,12}$/.test(sourceDateEpoch) && Number.isSafeInteger(seconds)) return { value: rfc3339Seconds(new Date(seconds * 1000)) };
    return { value: rfc3339Seconds(now()), problem: `SOURCE_DATE_EPOCH is "${sourceDateEpoch.slice(0, 40)}", not a number of seconds; unset it or fix it.` };
  }
  return { value: rfc3339Seconds(now()) };
}
