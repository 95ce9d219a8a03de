// A counting semaphore: at most `max` tasks run at once; the rest wait in FIFO order.
export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

/** Map over items with at most `max` calls in flight; results keep input order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  max: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const limiter = new Limiter(max);
  return Promise.all(items.map((item, i) => limiter.run(() => fn(item, i))));
}
