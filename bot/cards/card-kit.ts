import type { Verb } from './verbs';

/** Data carried by an action: plain JSON, never a secret. */
export type ActionData = Readonly<Record<string, string | number | boolean | undefined>>;

export interface SubmitAction {
  readonly type: 'Action.Submit';
  readonly title: string;
  readonly data: ActionData;
}

export interface ExecuteAction {
  readonly type: 'Action.Execute';
  readonly title: string;
  readonly verb: Verb;
  readonly data: ActionData;
  readonly style?: 'positive' | 'destructive';
  readonly fallback: SubmitAction;
}

export interface TextBlock {
  readonly type: 'TextBlock';
  readonly text: string;
  readonly wrap: true;
  readonly size?: 'Small' | 'Medium' | 'Large';
  readonly weight?: 'Bolder';
  readonly color?: 'Attention' | 'Good' | 'Warning' | 'Accent';
  readonly isSubtle?: boolean;
  readonly spacing?: 'None' | 'Small' | 'Medium';
}

export interface Choice {
  readonly title: string;
  readonly value: string;
}

export interface ChoiceSetInput {
  readonly type: 'Input.ChoiceSet';
  readonly id: string;
  readonly label: string;
  readonly choices: readonly Choice[];
  readonly style?: 'compact' | 'expanded' | 'filtered';
  readonly isMultiSelect?: boolean;
  readonly value?: string;
  readonly isRequired?: boolean;
  readonly errorMessage?: string;
  readonly wrap: true;
}

export interface TextInput {
  readonly type: 'Input.Text';
  readonly id: string;
  readonly label: string;
  readonly placeholder?: string;
  readonly style?: 'Password' | 'Url';
  readonly value?: string;
  readonly isRequired?: boolean;
  readonly errorMessage?: string;
}

export interface Container {
  readonly type: 'Container';
  readonly items: readonly CardElement[];
  readonly style?: 'emphasis' | 'attention' | 'good' | 'warning';
  readonly spacing?: 'None' | 'Small' | 'Medium';
}

export interface FactSet {
  readonly type: 'FactSet';
  readonly facts: readonly { readonly title: string; readonly value: string }[];
}

export type CardElement = TextBlock | ChoiceSetInput | TextInput | Container | FactSet;

/** An Adaptive Card 1.5 as Teams renders it for a bot (Universal Actions). */
export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  readonly version: '1.5';
  readonly msteams: { readonly width: 'Full' };
  readonly body: readonly CardElement[];
  readonly actions: readonly ExecuteAction[];
  readonly refresh?: { readonly action: Omit<ExecuteAction, 'title' | 'fallback' | 'style'> & { readonly title?: string } };
}

/** Content type of an Adaptive Card attachment and of an invoke answer that carries one. */
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export function card(
  body: readonly CardElement[],
  actions: readonly ExecuteAction[] = [],
  refresh?: AdaptiveCard['refresh'],
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    body,
    actions,
    ...(refresh ? { refresh } : {}),
  };
}

/**
 * An `Action.Execute` with an `Action.Submit` fallback carrying the same data plus the verb,
 * so clients without Universal Actions reach the same handler (as a message with `value`).
 */
export function execute(
  verb: Verb,
  title: string,
  data: ActionData = {},
  style?: ExecuteAction['style'],
): ExecuteAction {
  const clean = compact(data);
  return {
    type: 'Action.Execute',
    title,
    verb,
    data: clean,
    ...(style ? { style } : {}),
    fallback: { type: 'Action.Submit', title, data: { ...clean, verb } },
  };
}

export function text(value: string, options: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

export function heading(value: string): TextBlock {
  return text(value, { size: 'Medium', weight: 'Bolder' });
}

/** `Reseller › Team X`: where the user is in the journey. */
export function breadcrumbs(parts: readonly string[]): TextBlock {
  return text(parts.map(escapeMarkdown).join(' › '), { isSubtle: true, size: 'Small', spacing: 'None' });
}

/** A notice at the top of a card: an error (red) or information. */
export function notice(message: string, kind: 'error' | 'info' = 'error'): Container {
  return {
    type: 'Container',
    style: kind === 'error' ? 'attention' : 'emphasis',
    items: [text(kind === 'error' ? `✗ ${escapeMarkdown(message)}` : escapeMarkdown(message), kind === 'error' ? { color: 'Attention' } : {})],
  };
}

export function container(items: readonly CardElement[], style?: Container['style']): Container {
  return { type: 'Container', items, ...(style ? { style } : {}) };
}

export function facts(pairs: readonly (readonly [string, string])[]): FactSet {
  return { type: 'FactSet', facts: pairs.map(([title, value]) => ({ title, value })) };
}

/**
 * Names and reasons come from HaloPSA and from users: escape the markdown Teams would
 * otherwise render (a name like `[x](http://evil)` must stay text, not become a link).
 */
export function escapeMarkdown(value: string): string {
  return value.replace(/[\\`*_[\]~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** "1 user" / "3 users". */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** Lists at most `max` items, then "and N more", so a card stays small for any group size. */
export function capped<T>(items: readonly T[], max: number, render: (item: T) => string): string[] {
  const lines = items.slice(0, max).map(render);
  if (items.length > max) lines.push(`… and ${(items.length - max).toLocaleString('en-US')} more`);
  return lines;
}

/** "2026-12-03 16:52 UTC": the same for every viewer, whatever the server's time zone. */
export function formatTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function compact(data: ActionData): ActionData {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
}
