/**
 * A virtual clock whose sleeps end in time order, each only once every promise continuation at
 * the current instant has run (the fixture's `fakeTime` jumps the clock as soon as anyone
 * sleeps, which is wrong as soon as several callers sleep at once).
 */
export function virtualTime(start = 0): {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  slept: number[];
  advance: (ms: number) => void;
} {
  let t = start;
  let seq = 0;
  let driving = false;
  const timers: { at: number; seq: number; resolve: () => void }[] = [];
  const slept: number[] = [];
  const step = (): void => {
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = timers.shift();
    if (!next) {
      driving = false;
      return;
    }
    t = Math.max(t, next.at);
    next.resolve();
    setImmediate(step);
  };
  return {
    now: () => t,
    sleep: (ms) => {
      slept.push(ms);
      return new Promise<void>((resolve) => {
        timers.push({ at: t + Math.max(0, ms), seq: seq++, resolve });
        if (!driving) {
          driving = true;
          setImmediate(step);
        }
      });
    },
    slept,
    advance: (ms) => {
      t += ms;
    },
  };
}
