import { collectPages } from '../../../src/halo/paging';
import type { ParsedPage } from '../../../src/halo/halo-schemas';

// A fake Halo list: `total` rows, pages capped at `cap`, record_count as given, optional
// empty pages; returns which pages (and sizes) were asked for.
function fakeList(options: {
  total: number;
  cap?: number;
  recordCount?: number | 'none';
  emptyPages?: number[];
  ignorePageNo?: boolean;
}) {
  const asked: string[] = [];
  const rows = Array.from({ length: options.total }, (_, i) => ({ id: i + 1 }));
  const fetchPage = async (pageNo: number, size: number): Promise<ParsedPage> => {
    asked.push(`${pageNo}x${size}`);
    const served = Math.min(size, options.cap ?? 100);
    const start = options.ignorePageNo ? 0 : (pageNo - 1) * served;
    const page = options.emptyPages?.includes(pageNo) ? [] : rows.slice(start, start + served);
    return {
      recordCount:
        options.recordCount === 'none' ? undefined : (options.recordCount ?? options.total),
      rows: page,
    };
  };
  return { fetchPage, asked };
}

const ids = (rows: unknown[]) => rows.map((r) => (r as { id: number }).id);
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

it.each`
  name                                  | list                                                       | pageSize | expected         | pages
  ${'empty list'}                       | ${{ total: 0 }}                                            | ${100}   | ${[]}            | ${1}
  ${'one short page'}                   | ${{ total: 24 }}                                           | ${100}   | ${range(1, 24)}  | ${1}
  ${'exactly one full page'}            | ${{ total: 100 }}                                          | ${100}   | ${range(1, 100)} | ${1}
  ${'many pages'}                       | ${{ total: 717 }}                                          | ${100}   | ${range(1, 717)} | ${8}
  ${'cap below the asked size'}         | ${{ total: 717, cap: 100 }}                                | ${1000}  | ${range(1, 717)} | ${8}
  ${'record_count larger than served'}  | ${{ total: 250, recordCount: 400 }}                        | ${100}   | ${range(1, 250)} | ${4}
  ${'record_count smaller than served'} | ${{ total: 250, recordCount: 150 }}                        | ${100}   | ${range(1, 200)} | ${2}
  ${'an empty page in the middle'}      | ${{ total: 500, emptyPages: [3] }}                         | ${100}   | ${range(1, 200)} | ${5}
  ${'bare arrays'}                      | ${{ total: 350, recordCount: 'none' }}                     | ${100}   | ${range(1, 350)} | ${4}
  ${'bare arrays, exact multiple'}      | ${{ total: 300, recordCount: 'none' }}                     | ${100}   | ${range(1, 300)} | ${4}
  ${'bare arrays, page_no ignored'}     | ${{ total: 300, recordCount: 'none', ignorePageNo: true }} | ${100}   | ${range(1, 100)} | ${2}
`(
  '$name',
  async ({
    list,
    pageSize,
    expected,
    pages,
  }: {
    list: Parameters<typeof fakeList>[0];
    pageSize: number;
    expected: number[];
    pages: number;
  }) => {
    const { fetchPage, asked } = fakeList(list);
    const result = await collectPages(fetchPage, { pageSize, concurrency: 4, maxPages: 1000 });
    expect(ids(result.rows)).toEqual(expected);
    expect(result.pagesFetched).toBe(pages);
    expect(asked.length).toBeGreaterThanOrEqual(pages);
  },
);

it('asks later pages for the size the server really serves', async () => {
  const { fetchPage, asked } = fakeList({ total: 250, cap: 100 });
  await collectPages(fetchPage, { pageSize: 1000, concurrency: 1, maxPages: 1000 });
  expect(asked).toEqual(['1x1000', '2x100', '3x100']);
});

it('keeps at most `concurrency` pages in flight', async () => {
  let inFlight = 0;
  let most = 0;
  const { fetchPage } = fakeList({ total: 2000 });
  const tracked = async (pageNo: number, size: number) => {
    inFlight++;
    most = Math.max(most, inFlight);
    await new Promise((r) => setImmediate(r));
    inFlight--;
    return fetchPage(pageNo, size);
  };
  const result = await collectPages(tracked, { pageSize: 100, concurrency: 3, maxPages: 1000 });
  expect(result.rows).toHaveLength(2000);
  expect(most).toBe(3);
});

it('rejects when a page fails, and starts no new pages after it', async () => {
  const { fetchPage, asked } = fakeList({ total: 5000 });
  const failing = async (pageNo: number, size: number) => {
    if (pageNo === 4) throw new Error('page 4 failed');
    return fetchPage(pageNo, size);
  };
  await expect(
    collectPages(failing, { pageSize: 100, concurrency: 2, maxPages: 1000 }),
  ).rejects.toThrow('page 4 failed');
  expect(asked.length).toBeLessThan(10);
});

it('stops at maxPages', async () => {
  const { fetchPage } = fakeList({ total: 100_000, recordCount: 'none' });
  const result = await collectPages(fetchPage, { pageSize: 100, concurrency: 1, maxPages: 7 });
  expect(result.rows).toHaveLength(700);
});

it.each`
  total  | told
  ${80}  | ${[]}
  ${250} | ${[2]}
  ${100} | ${[]}
  ${101} | ${[1]}
`('tells beforeRest how many pages remain once page 1 is in ($total rows: $told)', async ({ total, told }: { total: number; told: number[] }) => {
  const list = fakeList({ total });
  const seen: number[] = [];
  await collectPages(list.fetchPage, { pageSize: 100, concurrency: 4, maxPages: 100, beforeRest: (n) => seen.push(n) });
  expect(seen).toEqual(told);
});

it('asks for no page after page 1 when beforeRest throws', async () => {
  const list = fakeList({ total: 1000 });
  const walk = collectPages(list.fetchPage, {
    pageSize: 100,
    concurrency: 4,
    maxPages: 100,
    beforeRest: () => {
      throw new Error('no time for 9 pages');
    },
  });
  await expect(walk).rejects.toThrow('no time for 9 pages');
  expect(list.asked).toEqual(['1x100']);
});
