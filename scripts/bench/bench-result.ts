/** One measured figure of `npm run bench`. */
export interface BenchResult {
  /** what was measured, e.g. "eligibility 50k users vs 1M accounts" */
  readonly name: string;
  readonly value: number;
  /** "ms", "MB", "ratio", "count" … */
  readonly unit: string;
  /** the spec's target in the same unit, when there is one */
  readonly target?: number;
  /** "max": value must be <= target; "min": value must be >= target */
  readonly kind?: 'max' | 'min';
  readonly note?: string;
}

/** Prints one result as a single line. */
export function formatResult(r: BenchResult): string {
  const verdict =
    r.target === undefined ? '' : (r.kind ?? 'max') === 'max' ? (r.value <= r.target ? ' ok' : ' SLOW') : r.value >= r.target ? ' ok' : ' LOW';
  const target = r.target === undefined ? '' : ` (target ${(r.kind ?? 'max') === 'max' ? '<=' : '>='} ${r.target} ${r.unit})`;
  return `${r.name}: ${round(r.value)} ${r.unit}${target}${verdict}${r.note ? ` — ${r.note}` : ''}`;
}

function round(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2);
}

/** Runs one bench file on its own (`npx tsx scripts/bench/<name>.ts`) and prints its figures. */
export function runStandalone(run: () => Promise<BenchResult[]>): void {
  run()
    .then((results) => {
      for (const r of results) console.log(formatResult(r));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
