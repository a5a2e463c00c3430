/**
 * Ledgerlink's public URL (its PUBLIC_URL), as in every `*-hsmeta.json` of this project. The setup
 * guide (docs/setup-hubspot.md) replaces this placeholder everywhere with one command before
 * `hs project upload`; `hubspot-app/test/project.test.ts` checks that they all agree.
 */
export const LEDGERLINK_URL = "https://ledgerlink.example.com";
