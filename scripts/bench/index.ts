/**
 * `npm run bench`: every benchmark, one run each, one line per figure, then a summary of
 * figures that missed the spec's targets. Exits 0 either way: targets are reported, not gated.
 * @module
 */
import os from 'node:os';
import { formatResult, type BenchResult } from './bench-result';
import * as botTurn from './bot-turn';
import * as eligibility from './eligibility';
import * as haloLoad from './halo-load';
import * as importBench from './import';
import * as memory from './memory';
import * as preview from './preview';

interface BenchModule {
  run(): Promise<BenchResult[]>;
}

const BENCHES: readonly [string, BenchModule][] = [
  ['eligibility', eligibility],
  ['import', importBench],
  ['halo-load', haloLoad],
  ['bot-turn', botTurn],
  ['preview', preview],
  ['memory', memory],
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  const all: BenchResult[] = [];
  for (const [name, bench] of BENCHES) {
    if (only.length > 0 && !only.includes(name)) continue;
    console.log(`\n# ${name}`);
    try {
      const results = await bench.run();
      for (const r of results) console.log(formatResult(r));
      all.push(...results);
    } catch (error) {
      console.log(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  }
  const missed = all.filter(
    (r) =>
      r.target !== undefined &&
      ((r.kind ?? 'max') === 'max' ? r.value > r.target : r.value < r.target),
  );
  console.log(
    `\n${all.length} figures, ${missed.length} missed their target${missed.length ? `: ${missed.map((r) => r.name).join('; ')}` : ''}`,
  );
}

void main();
