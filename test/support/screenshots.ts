import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Page } from "playwright-core";

/**
 * Where every browser story saves what it looked at: `screenshots/` at the repository's root,
 * ignored by git, one place for a person to open after a run.
 */
export const SCREENSHOTS_DIR = join(process.cwd(), "screenshots");

/** The path of one screenshot (`name` may hold a sub-folder), its folder created. */
export function screenshotFile(name: string): string {
  const path = join(SCREENSHOTS_DIR, name.endsWith(".png") ? name : `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

/** The widths every page is looked at: HubSpot's iframe modal, and a laptop's browser window. */
export const WIDTHS = [900, 1400] as const;

/**
 * Saves the whole page at one width as `<name>@<width>.png` (the viewport is set first, so the
 * layout is the one a person at that width sees).
 */
export async function screenshotAt(page: Page, name: string, width: number): Promise<string> {
  await page.setViewportSize({ width, height: 800 });
  const path = screenshotFile(`${name}@${width}`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
