/** How one flag of a bench suite is read and where its value goes. */
export type Flag<O> =
  | { kind: 'whole'; min: number; max: number; set: (options: O, value: number) => void }
  | { kind: 'picks'; from: readonly string[]; set: (options: O, value: string[]) => void }
  | { kind: 'one'; from: readonly string[]; set: (options: O, value: string) => void }
  | { kind: 'text'; set: (options: O, value: string) => void };

/** A whole number from `min` to `max`. */
export const whole = <O>(min: number, max: number, set: (options: O, value: number) => void): Flag<O> => ({ kind: 'whole', min, max, set });
/** A comma-separated choice from `from`, each once, in the order given. */
export const picks = <O>(from: readonly string[], set: (options: O, value: string[]) => void): Flag<O> => ({ kind: 'picks', from, set });
/** One of `from`. */
export const oneOf = <O>(from: readonly string[], set: (options: O, value: string) => void): Flag<O> => ({ kind: 'one', from, set });
/** Any text (a file name). */
export const text = <O>(set: (options: O, value: string) => void): Flag<O> => ({ kind: 'text', set });

/**
 * Reads `--flag value` and `--flag=value` over a copy of `defaults`; refuses an unknown flag, a
 * missing value, a number out of range or an unknown pick with a message that ends in `usage`.
 */
export function parseSuiteFlags<O extends object>(argv: readonly string[], defaults: O, flags: Readonly<Record<string, Flag<O>>>, usage: string): O {
  const options = { ...defaults };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    const cut = arg.indexOf('=');
    const [name, inline] = arg.startsWith('--') && cut > 0 ? [arg.slice(0, cut), arg.slice(cut + 1)] : [arg, undefined];
    const flag = Object.hasOwn(flags, name) ? flags[name] : undefined;
    if (!flag) throw new Error(`Unknown option ${name.slice(0, 40)}. ${usage}`);
    const value = inline ?? argv[++index];
    if (value === undefined) throw new Error(`${name} needs a value. ${usage}`);
    if (flag.kind === 'text') flag.set(options, value);
    else if (flag.kind === 'whole') flag.set(options, wholeNumber(name, value, flag.min, flag.max));
    else if (flag.kind === 'one') flag.set(options, one(name, value, flag.from));
    else flag.set(options, picked(name, value, flag.from));
  }
  return options;
}

function wholeNumber(name: string, value: string, min: number, max: number): number {
  if (!/^\d{1,6}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${value.slice(0, 20)}".`);
  }
  return Number(value);
}

function picked(name: string, value: string, from: readonly string[]): string[] {
  const chosen = value.split(',');
  const unknown = chosen.find((pick) => !from.includes(pick));
  if (unknown !== undefined) throw new Error(`${name} takes ${from.join(', ')} (comma-separated), not "${unknown.slice(0, 20)}".`);
  return [...new Set(chosen)];
}

function one(name: string, value: string, from: readonly string[]): string {
  if (!from.includes(value)) throw new Error(`${name} must be ${from.slice(0, -1).join(', ')} or ${from.at(-1) ?? ''}, not "${value.slice(0, 20)}".`);
  return value;
}
