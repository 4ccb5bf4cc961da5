/** The sandbox's credentials (docs/demo-identities.md). */
export const SANDBOX_CREDENTIALS = {
  tenant: 'demo',
  clientId: 'halo-import-demo',
  clientSecret: 'sandbox-secret-change-me',
} as const;

/** Ids of the seeded customers (Halo Clients), so tests and the demo need no magic numbers. */
export const SANDBOX_GROUPS = {
  acme: 12,
  fabrikam: 15,
  globex: 20,
  initech: 30,
  tailspin: 40,
  umbrella: 45,
  wayne: 50,
  defunct: 60,
  /** only with `bigGroup: true` */
  massive: 99,
} as const;

/** A Halo Client as the sandbox stores it. */
export interface SandboxClient {
  readonly id: number;
  readonly name: string;
  readonly inactive: boolean;
}

/** A Halo end-user as the sandbox stores it (field names as in Halo's `Users_List`). */
export interface SandboxUser {
  readonly id: number;
  readonly name: string;
  readonly firstname: string;
  readonly surname: string;
  readonly emailaddress: string;
  readonly inactive: boolean;
  readonly client_id: number;
  readonly site_id: number;
  readonly site_name: string;
  readonly isserviceaccount: boolean;
}

/** Everything the sandbox serves. */
export interface SandboxData {
  readonly clients: readonly SandboxClient[];
  readonly users: readonly SandboxUser[];
}

const FIRST = [
  'Aisha',
  'Ben',
  'Chloé',
  'Dmitri',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kemal',
  'Lena',
  'Mateo',
  'Nadia',
  'Oscar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tariq',
  'Uma',
  'Viktor',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zara',
];
const LAST = [
  'Anders',
  'Brooks',
  'Castillo',
  'Dubois',
  'Eriksen',
  'Fischer',
  'García',
  'Hansen',
  'Ivanova',
  'Jensen',
  'Kowalski',
  'Larsen',
  'Müller',
  'Novak',
  "O'Brien",
  'Patel',
  'Quist',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Ueda',
  'Vogel',
  'Walsh',
  'Xu',
  'Young',
  'Zimmer',
];

// Each row: [id, name, emailaddress, inactive?, site, serviceAccount?]. Together they hold every
// case of the eligibility table (spec §2) for the demo seed's Teams (demo-identities.md).
const ACME: readonly (readonly [number, string, string, boolean?, string?, boolean?])[] = [
  [501, 'Jane Doe', 'Jane.Doe@acme.example '],
  [502, 'John Smith', 'john.smith@acme.example'],
  [503, 'Existing User', ' Existing@Acme.example '],
  [504, 'Taken Already', 'TAKEN@acme.example'],
  [505, 'General User', ''],
  [506, 'Blank Spaces', '   '],
  [507, 'Jane Invalid', 'jane@'],
  [508, 'Bad Format', 'not-an-email'],
  [509, 'Ivan Inactive', 'ivan.inactive@acme.example', true],
  [510, 'Zoë Åkesson', 'zoe.akesson@acme.example'],
  [511, '李雷', 'li.lei@acme.example', false, 'Warehouse'],
  [512, 'Someone Else', 'someone@else.example'],
  [513, 'Olga Old', 'john.smith@acme.example', true],
  [514, 'Former Temp', '', true],
  [515, 'José Núñez', 'jose.nunez@acme.example', false, 'Warehouse'],
  [516, 'Mary Major', '  MARY.MAJOR@ACME.EXAMPLE'],
  [517, 'Service Desk', 'servicedesk@acme.example', false, 'Head Office', true],
  [518, 'Aoife Ní Bhriain', 'aoife.nibhriain@acme.example'],
  [519, 'Björn Lindqvist', 'bjorn.lindqvist@acme.example', false, 'Warehouse'],
  [520, 'Jane D.', 'jane.doe@ACME.example'],
  [521, 'Kwame Mensah', 'kwame.mensah@acme.example'],
  [522, 'Łukasz Wróbel', 'lukasz.wrobel@acme.example', false, 'Warehouse'],
  [523, 'Marta Sánchez', 'marta.sanchez@acme.example'],
  [524, 'Nguyễn Văn An', 'an.nguyen@acme.example'],
  [525, 'Olivia Brown', 'olivia.brown@acme.example', false, 'Warehouse'],
  [526, 'Pedro Alves', 'pedro.alves@acme.example'],
  [527, 'Ravi Kumar', 'ravi.kumar@acme.example', true, 'Warehouse'],
  [528, 'Sara Cohen', 'sara.cohen@acme.example'],
  [529, 'Tomás Ortega', 'tomas.ortega@acme.example', false, 'Warehouse'],
  [530, 'Yuki Sato', 'yuki.sato@acme.example'],
];

const SITES: Record<string, number> = { 'Head Office': 31, Warehouse: 32 };

/**
 * The sandbox's seed: deterministic, so tests can assert exact users. Customers: Acme
 * Corporation (12, every awkward eligibility case), Fabrikam Retail (15, 24 users), Globex
 * Manufacturing (20, 5,000 users), Initech (30, none), three smaller ones, an inactive one, and
 * with `bigGroup` Massive Dynamic (99, 50,000 users) for benchmarks.
 */
export function createSandboxData(options: { bigGroup?: boolean } = {}): SandboxData {
  const clients: SandboxClient[] = [
    { id: 12, name: 'Acme Corporation', inactive: false },
    { id: 15, name: 'Fabrikam Retail', inactive: false },
    { id: 20, name: 'Globex Manufacturing', inactive: false },
    { id: 30, name: 'Initech', inactive: false },
    { id: 40, name: 'Tailspin Toys', inactive: false },
    { id: 45, name: 'Umbrella Health', inactive: false },
    { id: 50, name: 'Wayne Enterprises', inactive: false },
    { id: 60, name: 'Defunct Holdings', inactive: true },
  ];
  const users: SandboxUser[] = ACME.map(
    ([id, name, email, inactive = false, site = 'Head Office', service = false]) => {
      const [firstname = '', ...rest] = name.split(' ');
      return {
        id,
        name,
        firstname,
        surname: rest.join(' '),
        emailaddress: email,
        inactive,
        client_id: 12,
        site_id: SITES[site] ?? 31,
        site_name: site,
        isserviceaccount: service,
      };
    },
  );
  users.push(...generated(15, 1501, 24, 'fabrikam.example', ['Store 1', 'Store 2', 'Store 3'], 0));
  users.push(
    ...generated(
      20,
      20001,
      5000,
      'globex.example',
      ['Plant 1', 'Plant 2', 'Plant 3', 'Plant 4', 'Plant 5'],
      200,
    ),
  );
  users.push(...generated(40, 4001, 8, 'tailspin.example', ['Main'], 0));
  users.push(...generated(45, 4501, 12, 'umbrella.example', ['Clinic North', 'Clinic South'], 5));
  users.push(...generated(50, 5001, 3, 'wayne.example', ['Tower'], 0));
  users.push(...generated(60, 6001, 2, 'defunct.example', ['Closed'], 0));
  if (options.bigGroup) {
    clients.push({ id: 99, name: 'Massive Dynamic', inactive: false });
    users.push(
      ...generated(
        99,
        1_000_001,
        50_000,
        'massive.example',
        ['Lab A', 'Lab B', 'Lab C', 'Lab D'],
        250,
      ),
    );
  }
  return { clients, users };
}

/** Ordinary users: names from fixed lists, unique emails, every `inactiveEvery`-th inactive. */
function generated(
  clientId: number,
  firstId: number,
  count: number,
  domain: string,
  sites: readonly string[],
  inactiveEvery: number,
): SandboxUser[] {
  const out: SandboxUser[] = [];
  for (let i = 0; i < count; i++) {
    const firstname = FIRST[i % FIRST.length] as string;
    const surname = LAST[Math.floor(i / FIRST.length) % LAST.length] as string;
    const siteIndex = i % sites.length;
    const local = `${ascii(firstname)}.${ascii(surname)}${i >= FIRST.length * LAST.length ? Math.floor(i / (FIRST.length * LAST.length)) : ''}`;
    out.push({
      id: firstId + i,
      name: `${firstname} ${surname}`,
      firstname,
      surname,
      emailaddress: `${local}@${domain}`,
      inactive: inactiveEvery > 0 && (i + 1) % inactiveEvery === 0,
      client_id: clientId,
      site_id: clientId * 100 + siteIndex + 1,
      site_name: sites[siteIndex] as string,
      isserviceaccount: false,
    });
  }
  return out;
}

function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}
