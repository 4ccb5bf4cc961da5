import { VERBS } from '../../../bot/cards';
import { cardGallery } from '../../fixtures/store/card-gallery';
import { walkCard } from '../../fixtures/store/store-checks';

/**
 * Store checklist items 58–67 (and 12, 52) over every card the bot can send. The browser render
 * at 320 px and 1280 px lives in tests/e2e/store-cards.test.ts.
 */
const gallery = cardGallery();
const SECRETS = ['sandbox-secret-change-me', 'Bearer ', 'client_secret='];

function nodes(card: unknown, type?: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  walkCard(card, (n) => {
    if (type === undefined || n.type === type) out.push(n);
  });
  return out;
}

function versionOf(card: Record<string, unknown>): number {
  return Number(card.version);
}

describe('store checklist: Adaptive Cards', () => {
  it('has cards to check (so every row below can fail)', () => {
    expect(gallery.length).toBeGreaterThan(30);
  });

  it.each(gallery)('store#58 %s has version ≤ 1.5', (_name, card) => {
    expect(versionOf(card as unknown as Record<string, unknown>)).toBeLessThanOrEqual(1.5);
  });

  it.each(gallery)('store#59 %s: Action.Execute/refresh need ≥ 1.4 and every Execute falls back to an Action.Submit with its verb', (_name, card) => {
    const executes = nodes(card, 'Action.Execute');
    if (executes.length > 0 || card.refresh) expect(versionOf(card as unknown as Record<string, unknown>)).toBeGreaterThanOrEqual(1.4);
    for (const e of executes.filter((x) => x !== card.refresh?.action && typeof x.title === 'string')) {
      const fallback = e.fallback as Record<string, unknown> | undefined;
      expect(fallback?.type).toBe('Action.Submit');
      expect((fallback?.data as Record<string, unknown>).verb).toBe(e.verb);
      expect(Object.values(VERBS)).toContain(e.verb);
    }
  });

  it.each(gallery)('store#60 %s: refresh.userIds, when present, holds at most 60 ids', (_name, card) => {
    const userIds = (card.refresh as { userIds?: unknown[] } | undefined)?.userIds;
    expect(userIds === undefined || userIds.length <= 60).toBe(true);
  });

  it.each(gallery)('store#61 %s wraps every TextBlock and choice, sets no pixel widths and leaves buttons at auto width', (_name, card) => {
    for (const t of nodes(card, 'TextBlock')) expect([String(t.text).slice(0, 30), t.wrap]).toEqual([String(t.text).slice(0, 30), true]);
    for (const c of nodes(card, 'Input.ChoiceSet')) expect(c.wrap).toBe(true);
    for (const n of nodes(card)) {
      for (const key of ['width', 'minHeight', 'height']) {
        const v = n[key];
        if (typeof v === 'string' && /px$/i.test(v)) expect(`${String(n.type)}.${key}=${v}`).toBe('no pixel sizes');
      }
    }
    expect((card.msteams as { width?: string }).width).toBe('Full');
  });

  it.each(gallery)('store#62 %s has at most 6 actions', (_name, card) => {
    const actions = nodes(card).filter((n) => typeof n.type === 'string' && n.type.startsWith('Action.') && n !== card.refresh?.action && !isFallback(card, n));
    expect(actions.length).toBeLessThanOrEqual(6);
  });

  it.each(gallery)('store#63 %s labels every link that leaves Teams', (_name, card) => {
    for (const a of nodes(card, 'Action.OpenUrl')) expect(String(a.title)).toMatch(/View in|Open in|↗/);
    for (const t of nodes(card, 'TextBlock')) {
      // a markdown link in text would leave Teams without saying so; names are escaped, so none may appear
      expect(String(t.text)).not.toMatch(/(^|[^\\])\[[^\]]*[^\\]\]\(https?:/);
    }
  });

  it.each(gallery)('store#64 %s serializes (as an activity) under 80 KB of UTF-16', (_name, card) => {
    const activity = { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
    expect(JSON.stringify(activity).length * 2).toBeLessThan(80 * 1024);
  });

  it.each(gallery)('store#66 store#52 %s shows no images, so no fixed backgrounds or Microsoft product images', (_name, card) => {
    expect(nodes(card).filter((n) => n.type === 'Image' || n.type === 'ImageSet' || 'backgroundImage' in n)).toEqual([]);
  });

  it.each(gallery)('store#67 %s labels every input and says what is wrong when a required one is empty', (_name, card) => {
    for (const input of nodes(card).filter((n) => typeof n.type === 'string' && n.type.startsWith('Input.'))) {
      expect([input.id, typeof input.label === 'string' && input.label.trim() !== '']).toEqual([input.id, true]);
      if (input.isRequired) expect([input.id, typeof input.errorMessage]).toEqual([input.id, 'string']);
    }
  });

  it.each(gallery)('store#12 %s names no button with a reserved Teams term', (_name, card) => {
    for (const a of nodes(card).filter((n) => typeof n.type === 'string' && n.type.startsWith('Action.'))) {
      expect(String(a.title ?? '')).not.toMatch(/^(start chat|make call|call|chat|meet|share screen|files|activity)$/i);
    }
  });

  it.each(gallery)('store#9 %s carries no secret', (_name, card) => {
    const json = JSON.stringify(card);
    for (const s of SECRETS) expect(json).not.toContain(s);
    for (const i of nodes(card, 'Input.Text').filter((n) => n.id === 'clientSecret')) {
      expect(i.style).toBe('Password');
      expect(i.value).toBeUndefined();
    }
  });
});

function isFallback(card: unknown, node: Record<string, unknown>): boolean {
  let found = false;
  walkCard(card, (n) => {
    if (n.fallback === node) found = true;
  });
  return found;
}
