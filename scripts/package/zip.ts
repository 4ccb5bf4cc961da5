/**
 * Writes a zip in memory with yazl. Entries get a fixed date so the same input gives the same bytes.
 * @module
 */
import { ZipFile } from 'yazl';

/** One file of the archive, stored at `name` (a path inside the zip). */
export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

const FIXED_DATE = new Date('2026-01-01T00:00:00Z');

/** Zips the entries, in order, into one buffer. */
export function zipEntries(entries: readonly ZipEntry[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const entry of entries) zip.addBuffer(entry.data, entry.name, { mtime: FIXED_DATE, mode: 0o100644 });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
