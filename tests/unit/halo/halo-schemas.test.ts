import {
  haloClientRecordSchema,
  haloUserRecordSchema,
  pageSchemas,
} from '../../../src/halo/halo-schemas';

it.each`
  row                                                                                                 | expected
  ${{ id: 501, name: 'Jane Doe', emailaddress: 'Jane@x.example ', site_name: 'HQ', inactive: false }} | ${{ id: 501, name: 'Jane Doe', email: 'Jane@x.example ', site: 'HQ', inactive: false }}
  ${{ id: 501.0, name: 'Jane Doe' }}                                                                  | ${{ id: 501, name: 'Jane Doe', email: '', site: '', inactive: false }}
  ${{ id: '501', name: 'Jane Doe', inactive: 'true' }}                                                | ${{ id: 501, name: 'Jane Doe', email: '', site: '', inactive: true }}
  ${{ id: ' 501.0 ', name: '', firstname: 'Jane', surname: 'Doe', inactive: 1 }}                      | ${{ id: 501, name: 'Jane Doe', email: '', site: '', inactive: true }}
  ${{ id: 7, name: null, emailaddress: null, site_name: null, inactive: null }}                       | ${{ id: 7, name: '', email: '', site: '', inactive: false }}
  ${{ id: 7, name: 'X', extra: { deep: [1, 2] }, customfields: [], site_id: 31.0 }}                   | ${{ id: 7, name: 'X', email: '', site: '', inactive: false }}
`('reads a Halo user $row', ({ row, expected }: { row: unknown; expected: unknown }) => {
  expect(haloUserRecordSchema.parse(row)).toEqual(expected);
});

it.each([
  {},
  { id: 'abc' },
  { id: 1.5 },
  { id: null },
  { id: 2 ** 60 },
  { id: 3, name: { first: 'x' } },
  { id: 3, emailaddress: [] },
  'row',
  null,
])('refuses the user row %j', (row) => {
  expect(haloUserRecordSchema.safeParse(row).success).toBe(false);
});

it('reads a Halo client, trimming its name', () => {
  expect(
    haloClientRecordSchema.parse({ id: '12.0', name: ' Acme ', inactive: false, logo: 'base64…' }),
  ).toEqual({ id: 12, name: 'Acme', inactive: false });
});

it.each`
  body                                                  | expected
  ${{ record_count: 2, users: [{ id: 1 }, { id: 2 }] }} | ${{ recordCount: 2, rows: [{ id: 1 }, { id: 2 }] }}
  ${{ record_count: '2.0', users: [] }}                 | ${{ recordCount: 2, rows: [] }}
  ${{ users: [{ id: 1 }] }}                             | ${{ recordCount: undefined, rows: [{ id: 1 }] }}
  ${[{ id: 1 }]}                                        | ${{ recordCount: undefined, rows: [{ id: 1 }] }}
`('reads the users page $body', ({ body, expected }: { body: unknown; expected: unknown }) => {
  expect(pageSchemas.users.parse(body)).toEqual(expected);
});

it.each([{ record_count: 1 }, { clients: [] }, 'html', { users: 'x' }])(
  'refuses the users page %j',
  (body) => {
    expect(pageSchemas.users.safeParse(body).success).toBe(false);
  },
);
