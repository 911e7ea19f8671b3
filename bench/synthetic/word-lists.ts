/**
 * Word lists the synthetic MSP is built from. Everything here is invented: no real businesses,
 * people or credentials. Client names combine a place word with a business type; people's names
 * combine a first and a last name, each used once per MSP so that a client site never shows a
 * name that also belongs to another client (the client-isolation check looks for such strings).
 */

/** The kind of business, which decides its line-of-business software and added checklist items. */
export type BusinessKind =
  | 'dental'
  | 'legal'
  | 'accounting'
  | 'veterinary'
  | 'design'
  | 'medical'
  | 'finance'
  | 'trades'
  | 'nonprofit';

/** A business type that forms the second half of a client name. */
export interface BusinessType {
  /** The words in the client name, e.g. "Dental". */
  label: string;
  /** What the business does, for the overview text. */
  description: string;
  /** Its kind. */
  kind: BusinessKind;
}

/** First words of client names. Single words, none a prefix of another's slug form. */
export const PLACE_WORDS = [
  'Harbor',
  'Cedar',
  'Summit',
  'Maple',
  'Riverbend',
  'Bayview',
  'Pinecrest',
  'Lakeside',
  'Granite',
  'Willow',
  'Meadowlark',
  'Birchwood',
  'Aspen',
  'Redwood',
  'Ironwood',
  'Prairie',
  'Canyon',
  'Coastal',
  'Highland',
  'Hillcrest',
  'Northgate',
  'Westbrook',
  'Eastfield',
  'Stonebridge',
  'Foxhollow',
  'Juniper',
  'Sequoia',
  'Magnolia',
  'Laurel',
  'Beacon',
  'Anchor',
  'Compass',
  'Keystone',
  'Heritage',
  'Liberty',
  'Pioneer',
  'Frontier',
  'Silverton',
  'Clearwater',
  'Brookside',
  'Oakmont',
  'Elmwood',
  'Sycamore',
  'Cypress',
  'Copperline',
  'Falcon',
  'Heron',
  'Osprey',
  'Orchard',
  'Lantern',
  'Bluebird',
  'Driftwood',
  'Ridgeline',
  'Windmill',
  'Saltmarsh',
  'Quarry',
] as const;

/** Second words of client names, with what the business does. */
export const BUSINESS_TYPES: readonly BusinessType[] = [
  { label: 'Dental', description: 'a dental practice', kind: 'dental' },
  { label: 'Orthodontics', description: 'an orthodontic practice', kind: 'dental' },
  { label: 'Family Dentistry', description: 'a family dentistry practice', kind: 'dental' },
  { label: 'Law', description: 'a law firm', kind: 'legal' },
  { label: 'Legal Partners', description: 'a small litigation and estates practice', kind: 'legal' },
  { label: 'Title & Escrow', description: 'a title and escrow office', kind: 'legal' },
  { label: 'Accounting', description: 'an accounting firm', kind: 'accounting' },
  { label: 'CPA Group', description: 'a firm of certified public accountants', kind: 'accounting' },
  { label: 'Bookkeeping', description: 'a bookkeeping and payroll service', kind: 'accounting' },
  { label: 'Veterinary', description: 'a veterinary clinic', kind: 'veterinary' },
  { label: 'Animal Hospital', description: 'an animal hospital', kind: 'veterinary' },
  { label: 'Architects', description: 'an architecture studio', kind: 'design' },
  { label: 'Landscape Design', description: 'a landscape design studio', kind: 'design' },
  { label: 'Engineering', description: 'a civil engineering consultancy', kind: 'design' },
  { label: 'Clinic', description: 'a family medicine clinic', kind: 'medical' },
  { label: 'Physical Therapy', description: 'a physical therapy practice', kind: 'medical' },
  { label: 'Optometry', description: 'an optometry practice', kind: 'medical' },
  { label: 'Chiropractic', description: 'a chiropractic practice', kind: 'medical' },
  { label: 'Counseling', description: 'a counseling practice', kind: 'medical' },
  { label: 'Insurance', description: 'an independent insurance agency', kind: 'finance' },
  { label: 'Wealth Advisors', description: 'a financial planning office', kind: 'finance' },
  { label: 'Realty', description: 'a real estate brokerage', kind: 'finance' },
  { label: 'Builders', description: 'a residential builder', kind: 'trades' },
  { label: 'Plumbing & Heating', description: 'a plumbing and heating contractor', kind: 'trades' },
  { label: 'Electric', description: 'an electrical contractor', kind: 'trades' },
  { label: 'Community Foundation', description: 'a community foundation', kind: 'nonprofit' },
  { label: 'Food Bank', description: 'a regional food bank', kind: 'nonprofit' },
];

/** First names of contacts. */
export const FIRST_NAMES = [
  'Maria',
  'Tom',
  'Priya',
  'Eleanor',
  'Daniel',
  'Rosa',
  'James',
  'Aisha',
  'Kevin',
  'Linda',
  'Marcus',
  'Sofia',
  'Hiroshi',
  'Grace',
  'Omar',
  'Beth',
  'Carlos',
  'Nadia',
  'Peter',
  'Yolanda',
  'Samuel',
  'Fatima',
  'Derek',
  'Helen',
  'Luis',
  'Mei',
  'Trevor',
  'Irene',
  'Andre',
  'Colleen',
  'Victor',
  'Janet',
  'Rahul',
  'Monica',
  'Gordon',
  'Tanya',
  'Emeka',
  'Paula',
  'Wesley',
  'Renee',
  'Arjun',
  'Deborah',
  'Felix',
  'Lorraine',
  'Bruno',
  'Keiko',
  'Dwayne',
  'Ingrid',
  'Malik',
  'Shannon',
  'Tobias',
  'Carmen',
  'Elliot',
  'Vanessa',
  'Rory',
  'Noor',
  'Graham',
  'Yvonne',
  'Isaac',
  'Megan',
] as const;

/** Last names of contacts. */
export const LAST_NAMES = [
  'Lopez',
  'Reyes',
  'Shah',
  'Whitfield',
  'Ames',
  'Delgado',
  'Okafor',
  'Brennan',
  'Nakamura',
  'Fischer',
  'Alvarez',
  'Kowalski',
  'Osei',
  'Lindqvist',
  'Moreau',
  'Patel',
  'Sullivan',
  'Haddad',
  'Novak',
  'Castillo',
  'Ferreira',
  'Gallagher',
  'Yamamoto',
  'Mensah',
  'Iverson',
  'Petrov',
  'Quintero',
  'Hargrove',
  'Duarte',
  'Abernathy',
  'Chowdhury',
  'Vasquez',
  'Lindgren',
  'Oyelaran',
  'Barrett',
  'Tanaka',
  'McAllister',
  'Rosen',
  'Dubois',
  'Engel',
  'Kapoor',
  'Murakami',
  'Santos',
  'Whitaker',
  'Zielinski',
  'Adeyemi',
  'Carvalho',
  'Donnelly',
  'Espinoza',
  'Fontaine',
  'Greer',
  'Halvorsen',
  'Ishikawa',
  'Jablonski',
  'Kruger',
  'Lachance',
  'Mbeki',
  'Nguyen',
  'Ostrowski',
  'Pacheco',
] as const;

/** Roles of a client's contacts, by importance: the first is usually the owner. */
export const CONTACT_ROLES: Record<BusinessKind, readonly string[]> = {
  dental: ['Owner and dentist', 'Office manager', 'Front desk lead', 'Hygienist'],
  legal: ['Managing partner', 'Office administrator', 'Paralegal', 'Partner'],
  accounting: ['Managing partner', 'Office manager', 'Senior accountant', 'Payroll lead'],
  veterinary: ['Medical director', 'Practice manager', 'Head technician', 'Reception lead'],
  design: ['Principal', 'Studio manager', 'CAD lead', 'Project architect'],
  medical: ['Medical director', 'Practice manager', 'Billing lead', 'Nurse manager'],
  finance: ['Owner', 'Office manager', 'Senior advisor', 'Operations assistant'],
  trades: ['Owner', 'Office manager', 'Estimator', 'Dispatcher'],
  nonprofit: ['Executive director', 'Operations manager', 'Volunteer coordinator', 'Finance officer'],
};

/** Line-of-business software per kind: product and what it is for. */
export const LINE_OF_BUSINESS: Record<BusinessKind, readonly { product: string; purpose: string }[]> = {
  dental: [
    { product: 'Practice management (on-premises)', purpose: 'scheduling, charting, billing' },
    { product: 'Imaging bridge', purpose: 'intraoral X-ray sensors to the chart' },
  ],
  legal: [
    { product: 'Document management (hosted)', purpose: 'matter files and email filing' },
    { product: 'Time and billing', purpose: 'time entries and trust accounting' },
  ],
  accounting: [
    { product: 'Tax preparation suite', purpose: 'individual and business returns' },
    { product: 'Client portal', purpose: 'secure document exchange with clients' },
  ],
  veterinary: [
    { product: 'Veterinary practice management', purpose: 'appointments, records, invoicing' },
    { product: 'Lab analyser interface', purpose: 'results from the in-house lab into records' },
  ],
  design: [
    { product: 'CAD/BIM suite', purpose: 'drawings and models' },
    { product: 'Network licence server', purpose: 'floating CAD licences' },
  ],
  medical: [
    { product: 'Electronic health records (hosted)', purpose: 'charting, e-prescribing' },
    { product: 'Check-in kiosk', purpose: 'patient intake and insurance cards' },
  ],
  finance: [
    { product: 'Agency management system', purpose: 'policies, clients, commissions' },
    { product: 'E-signature service', purpose: 'client paperwork' },
  ],
  trades: [
    { product: 'Field service management', purpose: 'dispatch, job tickets, invoices' },
    { product: 'Estimating software', purpose: 'bids and material takeoffs' },
  ],
  nonprofit: [
    { product: 'Donor management (hosted)', purpose: 'donors, gifts, receipts' },
    { product: 'Fund accounting', purpose: 'grants and restricted funds' },
  ],
};

/** Checklist items a client of each kind adds on top of the template (`overrides.add`). */
export const ADDED_ITEMS: Record<
  BusinessKind,
  readonly { id: string; text: string; tier: 'remote' | 'onsite'; frequency: 'monthly' | 'quarterly' }[]
> = {
  dental: [
    {
      id: 'xray-sensor-driver',
      text: 'Check the X-ray sensor driver and imaging bridge versions on the operatory PCs',
      tier: 'onsite',
      frequency: 'quarterly',
    },
  ],
  legal: [
    {
      id: 'dms-index-health',
      text: "Check the document management system's indexing queue and failed email filings",
      tier: 'remote',
      frequency: 'monthly',
    },
  ],
  accounting: [
    {
      id: 'tax-suite-updates',
      text: 'Install the tax suite updates and confirm every workstation runs the same build',
      tier: 'remote',
      frequency: 'monthly',
    },
  ],
  veterinary: [
    {
      id: 'lab-interface-check',
      text: 'Confirm the lab analyser interface delivered results today and its queue is empty',
      tier: 'onsite',
      frequency: 'monthly',
    },
  ],
  design: [
    {
      id: 'plotter-firmware',
      text: 'Check the large-format plotter firmware and clear its job log',
      tier: 'onsite',
      frequency: 'quarterly',
    },
    {
      id: 'licence-server-check',
      text: 'Confirm the CAD licence server is serving seats and its certificate is current',
      tier: 'remote',
      frequency: 'monthly',
    },
  ],
  medical: [
    {
      id: 'kiosk-walkthrough',
      text: 'Test the check-in kiosk end to end: card scan, signature pad, printout',
      tier: 'onsite',
      frequency: 'monthly',
    },
  ],
  finance: [
    {
      id: 'esign-audit-log',
      text: "Review the e-signature service's audit log for unusual sender activity",
      tier: 'remote',
      frequency: 'quarterly',
    },
  ],
  trades: [
    {
      id: 'field-tablet-updates',
      text: 'Confirm the field tablets checked in to device management this month',
      tier: 'remote',
      frequency: 'monthly',
    },
  ],
  nonprofit: [
    {
      id: 'donor-export-check',
      text: 'Confirm the nightly donor-database export reached the backup share',
      tier: 'remote',
      frequency: 'monthly',
    },
  ],
};

/** Internet providers (invented). */
export const ISPS = [
  'Bayline Fiber',
  'Coastal Cable',
  'Summit Broadband',
  'Prairie Wireless',
  'MetroNet Business',
  'Riverlink Fiber',
  'Keystone Telecom',
  'Valley Cable',
] as const;

/** The MSPs the generator can be: name and GitHub owner. */
export const MSP_NAMES = [
  { name: 'Tidewater IT Services', owner: 'tidewater-it' },
  { name: 'Northwind IT Services', owner: 'northwind-it' },
  { name: 'Bright Harbor Technology', owner: 'bright-harbor-tech' },
  { name: 'Keel & Compass IT', owner: 'keel-compass-it' },
  { name: 'Red Pine Managed Services', owner: 'red-pine-msp' },
] as const;

/** US time zones, with the UTC offset (standard time, in hours) used to place work in office hours. */
export const TIME_ZONES = [
  { zone: 'America/New_York', offset: 5, weight: 5 },
  { zone: 'America/Chicago', offset: 6, weight: 4 },
  { zone: 'America/Denver', offset: 7, weight: 2 },
  { zone: 'America/Phoenix', offset: 7, weight: 1 },
  { zone: 'America/Los_Angeles', offset: 8, weight: 3 },
  { zone: 'America/Anchorage', offset: 9, weight: 0.3 },
  { zone: 'Pacific/Honolulu', offset: 10, weight: 0.3 },
] as const;

/** Onsite technicians' GitHub logins. */
export const ONSITE_TECHS = [
  'jane-tech',
  'marco-onsite',
  'li-field',
  'sam-bench',
  'ana-rivera-it',
  'dev-patel-tech',
  'chris-onsite',
  'kofi-field',
] as const;

/** Helpdesk/NOC logins. */
export const HELPDESK = ['helpdesk-amy', 'noc-ravi', 'helpdesk-kim', 'noc-jordan'] as const;

/** Hardware for binder tables. */
export const HARDWARE = {
  firewall: ['FortiGate 60F', 'FortiGate 40F', 'Meraki MX68', 'SonicWall TZ370', 'pfSense Netgate 4200'],
  switch: ['Aruba 2930F 24G', 'Meraki MS120-24P', 'UniFi USW-Pro-24-PoE', 'Cisco CBS350-24P'],
  accessPoint: ['UniFi U6 Pro', 'Meraki MR36', 'Aruba AP-515', 'Ruckus R550'],
  server: [
    'Dell PowerEdge T350',
    'Dell PowerEdge T150',
    'HPE ProLiant ML30 Gen11',
    'Lenovo ThinkSystem ST250 V3',
  ],
  serverOs: ['Windows Server 2022', 'Windows Server 2019', 'Windows Server 2025'],
  nas: ['Synology DS923+', 'Synology DS1522+', 'QNAP TS-464', 'Synology RS822+'],
  ups: ['APC Smart-UPS 1500', 'APC Back-UPS Pro 1500', 'Eaton 5P 1550', 'CyberPower PR1500'],
  workstation: ['Dell OptiPlex 7010', 'HP EliteDesk 800 G9', 'Lenovo ThinkCentre M70q', 'Dell Latitude 5440'],
  printer: ['HP LaserJet Pro 4001', 'Brother MFC-L8900', 'Canon imageRUNNER C3226', 'Xerox VersaLink C405'],
} as const;
