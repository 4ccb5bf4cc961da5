import type { ParsedPage } from './halo-schemas';

/** How a list is walked. */
export interface PagingOptions {
  /** rows asked per page (`page_size`) */
  readonly pageSize: number;
  /** pages in flight at once after the first */
  readonly concurrency: number;
  /** a hard stop against servers that ignore `page_no` */
  readonly maxPages: number;
  /**
   * told how many more pages `record_count` promises once page 1 is in, before any is asked
   * for; throwing stops the walk there (an interactive call that cannot finish in time)
   */
  readonly beforeRest?: (pages: number) => void;
}

/** The rows of every page in order, and what the server claimed. */
export interface PagedRows {
  readonly rows: unknown[];
  readonly recordCount: number | undefined;
  readonly pagesFetched: number;
}

/**
 * Walks a paged Halo list. Stops when `record_count` rows are held, or a page is empty or
 * shorter than the page size (n8n loops forever on an empty page; HaloAPI dropped rows by
 * trusting the requested size). The page size is what the server really serves: a first page
 * shorter than asked while `record_count` says there is more reveals a server-side cap.
 * Later pages then ask for exactly that size, so the offset means the same whichever size the
 * server uses to compute it. Once page 1 gives `record_count`, the remaining pages are fetched
 * `concurrency` at a time.
 */
export async function collectPages(
  fetchPage: (pageNo: number, pageSize: number) => Promise<ParsedPage>,
  options: PagingOptions,
): Promise<PagedRows> {
  const first = await fetchPage(1, options.pageSize);
  const rows: unknown[] = [...first.rows];
  const total = first.recordCount;
  let served = options.pageSize;
  if (first.rows.length < options.pageSize) {
    if (total === undefined || total <= first.rows.length || first.rows.length === 0) {
      return { rows, recordCount: total, pagesFetched: 1 };
    }
    served = first.rows.length;
  }
  if (total !== undefined) {
    if (rows.length >= total) return { rows, recordCount: total, pagesFetched: 1 };
    const lastPage = Math.min(Math.ceil(total / served), options.maxPages);
    options.beforeRest?.(lastPage - 1);
    const pages = await fetchConcurrently(fetchPage, 2, lastPage, options, served);
    for (const page of pages) {
      if (page === undefined) break;
      rows.push(...page.rows);
      if (page.rows.length < served) break;
    }
    return { rows, recordCount: total, pagesFetched: 1 + pages.filter(Boolean).length };
  }
  let pageNo = 1;
  let previousFirst = JSON.stringify(first.rows[0]);
  while (pageNo < options.maxPages) {
    pageNo++;
    const page = await fetchPage(pageNo, served);
    const head = JSON.stringify(page.rows[0]);
    if (page.rows.length === 0 || head === previousFirst) break;
    previousFirst = head;
    rows.push(...page.rows);
    if (page.rows.length < served) break;
  }
  return { rows, recordCount: undefined, pagesFetched: pageNo };
}

/**
 * Fetches pages `from..to` with at most `concurrency` in flight. After a short or empty page,
 * later pages are not started (they would be past the end). Slots are `undefined` for pages
 * never fetched. The first failure rejects the whole walk.
 */
async function fetchConcurrently(
  fetchPage: (pageNo: number, pageSize: number) => Promise<ParsedPage>,
  from: number,
  to: number,
  options: PagingOptions,
  served: number,
): Promise<(ParsedPage | undefined)[]> {
  const results: (ParsedPage | undefined)[] = new Array<ParsedPage | undefined>(
    Math.max(0, to - from + 1),
  ).fill(undefined);
  let next = from;
  let endAt = Number.POSITIVE_INFINITY;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next <= to && next < endAt) {
      const pageNo = next++;
      try {
        const page = await fetchPage(pageNo, served);
        results[pageNo - from] = page;
        if (page.rows.length < served) endAt = Math.min(endAt, pageNo);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from(
    { length: Math.max(1, Math.min(options.concurrency, to - from + 1)) },
    worker,
  );
  await Promise.all(workers);
  return results;
}
