// A byte-bounded least-recently-used cache (pure). Entries carry their size; inserting past the budget evicts the
// least recently used entries that are not protected (e.g. drawn in the current frame), calling onEvict for each.

export class ByteLru<K, V> {
  private readonly map = new Map<K, { value: V; bytes: number }>();
  private total = 0;

  constructor(
    public limit: number,
    private readonly onEvict?: (key: K, value: V) => void,
  ) {
    if (!(limit >= 0)) throw new RangeError(`cache limit must be a non-negative number of bytes, got ${limit}`);
  }

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.map.size;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** The value, marked as most recently used. */
  get(key: K): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }

  /** The value without touching its recency. */
  peek(key: K): V | undefined {
    return this.map.get(key)?.value;
  }

  set(key: K, value: V, bytes: number, protect?: (key: K) => boolean): void {
    const old = this.map.get(key);
    if (old) {
      this.total -= old.bytes;
      this.map.delete(key);
      if (old.value !== value) this.onEvict?.(key, old.value);
    }
    this.map.set(key, { value, bytes });
    this.total += bytes;
    this.trim(protect);
  }

  delete(key: K): boolean {
    const e = this.map.get(key);
    if (!e) return false;
    this.map.delete(key);
    this.total -= e.bytes;
    this.onEvict?.(key, e.value);
    return true;
  }

  /** Evicts least recently used entries until within the limit; protected entries are skipped (and may overflow). */
  trim(protect?: (key: K) => boolean): void {
    if (this.total <= this.limit) return;
    for (const [key, e] of this.map) {
      if (this.total <= this.limit) break;
      if (protect?.(key)) continue;
      this.map.delete(key);
      this.total -= e.bytes;
      this.onEvict?.(key, e.value);
    }
  }

  keys(): IterableIterator<K> {
    return this.map.keys();
  }

  clear(): void {
    for (const [key, e] of this.map) this.onEvict?.(key, e.value);
    this.map.clear();
    this.total = 0;
  }
}
