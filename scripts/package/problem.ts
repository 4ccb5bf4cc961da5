/**
 * A packaging problem: what is wrong, where, and how to fix it. Checks return lists of these
 * instead of throwing so one run reports every problem at once.
 * @module
 */

/** One thing that stops the package from being valid. */
export interface PackageProblem {
  /** file and JSON pointer (or pixel) the problem is at, e.g. `manifest.json /bots/0/botId` */
  readonly where: string;
  readonly what: string;
  readonly fix: string;
}

/** Shorthand constructor used by every check. */
export function problem(where: string, what: string, fix: string): PackageProblem {
  return { where, what, fix };
}

/** The readable list the CLI prints: one numbered block per problem. */
export function formatProblems(problems: readonly PackageProblem[]): string {
  const lines = problems.map(
    (p, i) => `${i + 1}. ${p.where}\n   what: ${p.what}\n   fix:  ${p.fix}`,
  );
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return `The Teams app package was not built (${count}):\n${lines.join('\n')}`;
}
