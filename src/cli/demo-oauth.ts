/**
 * A tiny scripted user agent for the demo: it follows the same OAuth redirects a person would
 * click through (Ledgerlink → vendor consent page → approve → Ledgerlink callback), keeping
 * Ledgerlink's cookies, so the demo connects through the real flows and never through a shortcut.
 */
export class DemoAgent {
  #cookies = new Map<string, string>();

  constructor(private readonly ledgerlinkUrl: string) {}

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const own = url.startsWith(this.ledgerlinkUrl);
    if (own && this.#cookies.size > 0) {
      headers.set("cookie", [...this.#cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    if (own) {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const eq = pair!.indexOf("=");
        if (eq > 0) this.#cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
      }
    }
    return res;
  }

  /** Follows redirects until a page answers; returns its URL and text. */
  async visit(url: string, init: RequestInit = {}): Promise<{ url: string; status: number; text: string }> {
    let current = url;
    let res = await this.request(current, init);
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 10; hops++) {
      current = new URL(res.headers.get("location")!, current).toString();
      await res.body?.cancel();
      res = await this.request(current);
    }
    return { url: current, status: res.status, text: await res.text() };
  }

  /** Approves a vendor consent page: posts its hidden fields plus the choice to the form's action. */
  async approve(page: { url: string; text: string }, choice: Record<string, string>) {
    const fields = new URLSearchParams();
    for (const m of page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
      fields.set(m[1]!, decodeEntities(m[2]!));
    }
    for (const [k, v] of Object.entries(choice)) fields.set(k, v);
    fields.set("decision", "approve");
    const action = /<form method="post"(?: action="([^"]+)")?/.exec(page.text)?.[1];
    const target = new URL(action ? decodeEntities(action) : page.url, page.url).toString();
    return this.visit(target, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: fields.toString(),
    });
  }
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
