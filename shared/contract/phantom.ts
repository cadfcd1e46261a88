/** A compile-time-only marker: carries a type through a runtime table without a runtime value. */
export interface Phantom<T> {
  readonly __type?: T;
}

export function phantom<T>(): Phantom<T> {
  return {};
}

export type Unphantom<P> = P extends Phantom<infer T> ? T : never;
