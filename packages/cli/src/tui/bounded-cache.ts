/**
 * A string-keyed cache that forgets everything when full: what was drawn
 * recently is cheap to draw again, and a long session does not grow it
 * without end (Ink's own text caches are never emptied).
 */
export class BoundedCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): void {
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
  }

  /** The cached value of `key`, computed by `make` when missing. */
  getOrSet(key: string, make: (key: string) => V): V {
    let v = this.map.get(key);
    if (v === undefined) {
      v = make(key);
      this.set(key, v);
    }
    return v;
  }
}

/** `fn` (a pure function of a string) with its results kept in a BoundedCache. */
export function memoized<V>(fn: (text: string) => V, limit: number): (text: string) => V {
  const cache = new BoundedCache<V>(limit);
  return (text) => cache.getOrSet(text, fn);
}
