/** English strings of the demo's time travel (banner and route); Japanese in i18n.ja.ts. */
export const timeTravelEn = {
  "demo.banner.label": "Demo",
  "demo.banner.now": "Demo date: {date}",
  "demo.banner.travel": "Travel forward:",
  "demo.banner.hint":
    "Moves both emulators and Ledgerlink together: overdue invoices, automations and reports follow within seconds.",
  "demo.travel.days.one": "1 day",
  "demo.travel.days.other": "{count} days",
  "demo.travel.weeks.one": "1 week",
  "demo.travel.invalid.title": "Time travel refused",
  "demo.travel.invalid":
    "Choose how far to travel: 1 day, 1 week, 30 days or 40 days. The clock did not move.",
  "demo.travel.back": "Back to Ledgerlink",
};
