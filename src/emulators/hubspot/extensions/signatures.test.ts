import { describe, expect, it } from "vitest";
import { signatureV1, signatureV2, signatureV3 } from "./signatures.ts";

// The vectors of docs/vendors/hubspot.md §7 (v1 and v2 match HubSpot's published examples).
const secret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
const body =
  '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';

describe("HubSpot signatures (X-HS)", () => {
  it("match the documented test vectors", () => {
    expect(signatureV1(secret, body)).toBe(
      "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de",
    );
    expect(signatureV2(secret, "GET", "https://www.example.com/webhook_uri", "")).toBe(
      "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e",
    );
    expect(signatureV3(secret, "POST", "https://www.example.com/webhook_uri", body, 1564113600000)).toBe(
      "DxmVAjFNa2xfF3YgQjdZP6TNcok9k1oaH7UXombPtvw=",
    );
  });
});
