import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

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
