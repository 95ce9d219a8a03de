// A counting semaphore: at most `max` tasks run at once; the rest wait in FIFO order.
export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  run<T>(task: () => Promise<T>): Promise<T> {
    // Under the limit (the usual case) the task starts at once, without an extra await.
    if (this.running < this.max) {
      this.running++;
      return this.exec(task);
    }
    return new Promise<void>((resolve) => this.waiting.push(resolve)).then(() => this.exec(task));
  }

  private exec<T>(task: () => Promise<T>): Promise<T> {
    let p: Promise<T>;
    try {
      p = task();
    } catch (err) {
      p = Promise.reject(err);
    }
    // A finished task hands its slot straight to the next waiter, so nobody can slip in between.
    return p.finally(() => {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    });
  }
}
