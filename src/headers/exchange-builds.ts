// Exchange build numbers as Exchange writes them in `Received: … with Microsoft SMTP Server … id
// 15.20.6699.23` → the product version. Data only: majors/minors name the product; known
// cumulative-update builds (the third number) name the update. A build above the newest listed is
// reported as "that update or a later one".

/** [major.minor prefix, product] — the longest matching prefix wins. */
const PRODUCTS: [string, string][] = [
  ['6.0', 'Exchange 2000'],
  ['6.5', 'Exchange 2003'],
  ['8.0', 'Exchange 2007'],
  ['8.1', 'Exchange 2007 SP1'],
  ['8.2', 'Exchange 2007 SP2'],
  ['8.3', 'Exchange 2007 SP3'],
  ['14.0', 'Exchange 2010'],
  ['14.1', 'Exchange 2010 SP1'],
  ['14.2', 'Exchange 2010 SP2'],
  ['14.3', 'Exchange 2010 SP3'],
  ['15.0', 'Exchange 2013'],
  ['15.1', 'Exchange 2016'],
  ['15.2', 'Exchange 2019 / Exchange Server SE'],
  ['15.20', 'Exchange Online (Microsoft 365)'],
];

/** [major.minor, build, update name], ascending by build within a product. */
const UPDATES: [string, number, string][] = [
  ['15.0', 1497, 'Exchange 2013 CU23'],
  ['15.1', 2308, 'Exchange 2016 CU21'],
  ['15.1', 2375, 'Exchange 2016 CU22'],
  ['15.1', 2507, 'Exchange 2016 CU23'],
  ['15.2', 922, 'Exchange 2019 CU10'],
  ['15.2', 986, 'Exchange 2019 CU11'],
  ['15.2', 1118, 'Exchange 2019 CU12'],
  ['15.2', 1258, 'Exchange 2019 CU13'],
  ['15.2', 1544, 'Exchange 2019 CU14'],
  ['15.2', 1748, 'Exchange 2019 CU15'],
  ['15.2', 2562, 'Exchange Server Subscription Edition (SE) RTM'],
];

export interface ExchangeBuild {
  build: string;
  product: string;
  /** The cumulative update, when the build is a known one (or later than it). */
  update: string | null;
}

const BUILD = /^(\d{1,2})\.(\d{1,2})\.(\d{1,5})\.(\d{1,5})$/;

/** `15.20.6699.23` → Exchange Online; `15.2.1544.4` → Exchange 2019 CU14; not a build → null. */
export function exchangeBuild(text: string | null): ExchangeBuild | null {
  const m = text ? BUILD.exec(text.trim()) : null;
  if (!m) return null;
  const mm = `${Number(m[1])}.${Number(m[2])}`;
  const product = PRODUCTS.find(([p]) => p === mm)?.[1];
  if (!product) return null;
  const build = Number(m[3]);
  let update: string | null = null;
  const known = UPDATES.filter(([p]) => p === mm);
  for (const [, b, name] of known) {
    if (build === b) update = name;
    else if (build > b) update = `${name} or later`;
  }
  return { build: text!.trim(), product, update };
}
