import type { StoredRecord } from "./object-table.ts";
import type { Portal } from "./portal.ts";
import type { AssociationInput, WriteSource } from "./records.ts";
import type { World } from "./world.ts";

/**
 * The `demo` seed: a small, realistic sales portal — owners (who are also its users), companies with their contacts,
 * products, deals across the default pipeline with line items, and quotes (published, draft and
 * expired). Everything is fixed except dates, which are relative to the emulator clock, so a
 * frozen clock gives the same portal every time.
 */
const SEED: WriteSource = { changeSource: "CRM_UI" };
const DAY = 86_400_000;

/** [first, last, mail, language, super admin, role]: each owner is also a user of the portal. */
const OWNERS = [
  ["Aiko", "Tanaka", "aiko.tanaka", "ja", false, "1000001"],
  ["Ben", "Carter", "ben.carter", "en", true, "1000002"],
  ["Chloe", "Martin", "chloe.martin", "en", false, "1000001"],
] as const;

const COMPANIES = [
  { name: "Acme Corporation", domain: "acme.example.com", city: "Boston", country: "United States" },
  { name: "Globex Japan K.K.", domain: "globex.example.jp", city: "Tokyo", country: "Japan" },
  { name: "Initech", domain: "initech.example.com", city: "Austin", country: "United States" },
  {
    name: "Umbrella Supplies Ltd",
    domain: "umbrella.example.co.uk",
    city: "London",
    country: "United Kingdom",
  },
];

/** [first, last, company index, job title]. */
const CONTACTS = [
  ["Jane", "Doe", 0, "Head of Operations"],
  ["John", "Smith", 0, "Finance Manager"],
  ["Haruto", "Sato", 1, "購買部長"],
  ["Yui", "Suzuki", 1, "経理担当"],
  ["Peter", "Gibbons", 2, "Software Engineer"],
  ["Alice", "Wong", 3, "Procurement Lead"],
] as const;

const PRODUCTS: Array<Record<string, string>> = [
  { name: "Consulting hour", price: "150", hs_sku: "CONS-HR", hs_product_type: "service" },
  { name: "Annual licence", price: "1200", hs_sku: "LIC-ANNUAL", hs_product_type: "non_inventory" },
  { name: "Onboarding package", price: "2500", hs_sku: "ONB-PKG", hs_product_type: "service" },
  { name: "Support plan (monthly)", price: "99", hs_sku: "SUP-MO", recurringbillingfrequency: "monthly" },
  { name: "Training workshop", price: "800", hs_sku: "TRN-WS", hs_product_type: "service" },
];

/** [name, stage, company index, contact index, owner index, close in days, [product index, quantity][]]. */
const DEALS: Array<[string, string, number, number, number, number, Array<[number, number]>]> = [
  [
    "Acme – annual licence renewal",
    "contractsent",
    0,
    0,
    0,
    14,
    [
      [1, 5],
      [3, 12],
    ],
  ],
  [
    "Acme – onboarding",
    "closedwon",
    0,
    1,
    0,
    -20,
    [
      [2, 1],
      [0, 10],
    ],
  ],
  ["Globex – licence expansion", "presentationscheduled", 1, 2, 1, 30, [[1, 20]]],
  ["Globex – training", "closedwon", 1, 3, 1, -5, [[4, 2]]],
  ["Initech – consulting", "qualifiedtobuy", 2, 4, 2, 45, [[0, 40]]],
  ["Umbrella – pilot", "appointmentscheduled", 3, 5, 2, 60, [[1, 1]]],
  ["Umbrella – support", "closedlost", 3, 5, 0, -40, [[3, 12]]],
];

/** [title, deal index, status, expires in days]. */
const QUOTES: Array<[string, number, string, number]> = [
  ["Acme licence renewal 2026", 0, "APPROVAL_NOT_NEEDED", 30],
  ["Globex licence expansion (draft)", 2, "DRAFT", 45],
  ["Umbrella pilot offer", 5, "APPROVAL_NOT_NEEDED", -10],
];

export function seedDemo(world: World, portal: Portal): void {
  const now = world.clock.now();
  const day = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString();
  const create = (
    type: string,
    properties: Record<string, string>,
    associations: AssociationInput[] = [],
  ) => {
    const created = world.crm.create(portal, type, properties, SEED, associations);
    if (!created.ok) throw new Error(`demo seed: ${type} ${JSON.stringify(created.failure)}`);
    return created.value;
  };
  const link = (record: StoredRecord, typeId: number): AssociationInput => ({
    to: { id: record.id },
    types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: typeId }],
  });
  const domain = `portal-${portal.id}.example.com`;

  // A Japanese sales rep (not an admin), an English super admin and an English sales rep, beside
  // the installing user (an English super admin).
  const owners = OWNERS.map(([firstName, lastName, mail, language, superAdmin, roleId], i) => {
    const owner = {
      id: portal.next("owner", 50_000_001),
      email: `${mail}@${domain}`,
      firstName,
      lastName,
      userId: portal.settings.userId + i + 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      archived: false,
    };
    portal.owners.push(owner);
    portal.users.push({
      id: String(owner.userId),
      email: owner.email,
      firstName,
      lastName,
      roleId,
      secondaryTeamIds: [],
      superAdmin,
      language,
    });
    return owner;
  });

  const companies = COMPANIES.map((c, i) =>
    create("companies", { ...c, hubspot_owner_id: owners[i % owners.length]!.id }),
  );
  const contacts = CONTACTS.map(([firstname, lastname, company, jobtitle]) => {
    const employer = companies[company]!;
    const email = `${firstname}.${lastname}@${employer.properties.domain}`.toLowerCase();
    // Primary company (1) brings the unlabeled association (279) with it.
    return create(
      "contacts",
      {
        firstname,
        lastname,
        email,
        jobtitle,
        company: employer.properties.name ?? "",
        lifecyclestage: "customer",
      },
      [link(employer, 1)],
    );
  });
  const products = PRODUCTS.map((p) => create("products", p));

  const currency = portal.settings.companyCurrency;
  const lineItems = (items: Array<[number, number]>) =>
    items.map(([product, quantity]) =>
      create("line_items", { hs_product_id: products[product]!.id, quantity: String(quantity) }),
    );

  const deals = DEALS.map(([dealname, dealstage, company, contact, owner, closeIn, items]) =>
    create(
      "deals",
      {
        dealname,
        dealstage,
        pipeline: "default",
        closedate: day(closeIn),
        deal_currency_code: currency,
        hubspot_owner_id: owners[owner]!.id,
      },
      [
        link(companies[company]!, 5),
        link(contacts[contact]!, 3),
        ...lineItems(items).map((li) => link(li, 19)),
      ],
    ),
  );

  for (const [title, dealIndex, status, expiresIn] of QUOTES) {
    const deal = deals[dealIndex]!;
    const [, , company, contact, , , items] = DEALS[dealIndex]!;
    create(
      "quotes",
      { hs_title: title, hs_status: status, hs_expiration_date: day(expiresIn), hs_currency: currency },
      [
        link(deal, 64),
        link(contacts[contact]!, 69),
        link(companies[company]!, 71),
        // A quote has line items of its own: copies of the deal's (docs/vendors/hubspot.md §3).
        ...lineItems(items).map((li) => link(li, 67)),
      ],
    );
  }
}
