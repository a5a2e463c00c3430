import { describe, expect, it } from "vitest";
import { exactKey, type MatchKey } from "./keys.ts";
import { judge, KeyIndex, lookup, type Candidate } from "./lookup.ts";

const key = (by: string, text = by): MatchKey => ({ by, key: `${by}:${text}`, parts: [] });
const ann: Candidate = { id: "1", label: "Ann", email: "ann@x.example" };
const bob: Candidate = { id: "2", label: "Bob", email: "bob@x.example" };

describe("deciding on a key's candidates (I3)", () => {
  it("tries the next key when none fits", () => {
    expect(judge(key("email"), [], "ann@x.example")).toBeUndefined();
  });

  it("links exactly one fit", () => {
    expect(judge(key("email"), [ann], "ANN@x.example")).toEqual({
      kind: "matched",
      id: "1",
      by: "email",
      candidate: ann,
    });
  });

  it("never guesses between two", () => {
    expect(judge(key("name"), [ann, bob], undefined)).toMatchObject({ kind: "ambiguous", by: "name" });
  });

  it("does not trust a weaker key whose fit has another e-mail, but trusts the e-mail key and our own key", () => {
    expect(judge(key("phone"), [ann], "other@x.example")?.kind).toBe("ambiguous");
    expect(judge(key("phone"), [ann], undefined)?.kind).toBe("matched");
    expect(judge(key("phone"), [{ ...ann, email: undefined }], "other@x.example")?.kind).toBe("matched");
    expect(judge(exactKey("r:1"), [ann], "other@x.example")?.kind).toBe("matched");
  });
});

describe("the in-memory index", () => {
  const index = new KeyIndex<Candidate>();
  index.add("1", ann, [key("email", "ann@x.example"), key("name", "acme")]);
  index.add("2", bob, [key("email", "bob@x.example"), key("name", "acme")]);
  index.add("2", bob, [key("name", "acme")]);
  const candidateOf = (_id: string, c: Candidate) => c;

  it("lists each id once per key", () => {
    expect(index.get("name:acme")).toEqual(["1", "2"]);
    expect(index.get("nothing")).toEqual([]);
  });

  it("lets the first key with candidates decide", () => {
    expect(
      lookup(index, [key("email", "bob@x.example"), key("name", "acme")], "bob@x.example", candidateOf),
    ).toMatchObject({
      kind: "matched",
      id: "2",
    });
    expect(
      lookup(index, [key("email", "zed@x.example"), key("name", "acme")], undefined, candidateOf),
    ).toMatchObject({
      kind: "ambiguous",
      by: "name",
    });
    expect(lookup(index, [key("email", "zed@x.example")], undefined, candidateOf)).toEqual({ kind: "none" });
  });
});
