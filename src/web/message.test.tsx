import { describe, expect, it } from "vitest";
import { translator, type Locale } from "./i18n/index.ts";
import { MessagePage } from "./message.tsx";
import { ConfirmAction } from "./confirm.tsx";

const props = (locale: Locale) => ({
  t: translator(locale),
  locale,
  requestId: "r1",
  path: "/x",
  csrfToken: "c",
});

describe("notice pages and confirm steps", () => {
  it("always gives a way back: the given link, else the overview, in the page's language", async () => {
    const plain = String(await (<MessagePage {...props("en")} title="T" message="Refused." />));
    expect(plain).toContain('<p class="back"><a href="/">Back to the overview</a></p>');
    const ja = String(await (<MessagePage {...props("ja")} title="T" message="拒否" />));
    expect(ja).toContain('<p class="back"><a href="/">概要に戻る</a></p>');
    const linked = String(
      await (
        <MessagePage
          {...props("en")}
          title="T"
          message="m"
          link={{ href: "/sync?company=c", label: "Back" }}
        />
      ),
    );
    expect(linked).toContain('<a href="/sync?company=c">Back</a>');
  });

  it("hides a destructive action behind a details box whose red button carries the confirm field", async () => {
    const html = String(
      await (
        <ConfirmAction
          action="/x/delete"
          csrfToken="c"
          label="Delete"
          question="Sure?"
          confirmLabel="Yes, delete"
        />
      ),
    );
    expect(html).toMatch(/^<details class="confirm"><summary>Delete<\/summary>/);
    expect(html).toContain('<input type="hidden" name="confirm" value="yes"/>');
    expect(html).toContain('<button type="submit" class="danger">Yes, delete</button>');
  });
});
