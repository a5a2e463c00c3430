import type { Entity } from "./entities.ts";

/** PDF text strings escape backslashes and parentheses; other bytes outside ASCII become '?'. */
function pdfText(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?").replace(/[\\()]/g, (ch) => `\\${ch}`);
}

/**
 * A small, valid one-page PDF of a sales form (`invoice/{id}/pdf`): enough for a viewer to open
 * and for a test to read the document number and total back. Offsets in the cross-reference table
 * are computed, so strict readers accept it.
 */
export function salesFormPdf(kind: string, entity: Entity, companyName: string): Uint8Array<ArrayBuffer> {
  const customer = (entity.CustomerRef as { name?: string; value?: string } | undefined) ?? {};
  const currency = (entity.CurrencyRef as { value?: string } | undefined)?.value ?? "";
  const lines = [
    `${companyName}`,
    `${kind} ${String(entity.DocNumber ?? entity.Id)}`,
    `Date: ${String(entity.TxnDate ?? "")}   Due: ${String(entity.DueDate ?? "")}`,
    `Bill to: ${customer.name ?? customer.value ?? ""}`,
    ...((entity.Line ?? []) as Entity[])
      .filter((l) => l.DetailType === "SalesItemLineDetail")
      .map((l) => `${String(l.Description ?? "")}  ${Number(l.Amount ?? 0).toFixed(2)}`),
    `Total: ${Number(entity.TotalAmt ?? 0).toFixed(2)} ${currency}`,
    `Balance due: ${Number(entity.Balance ?? 0).toFixed(2)} ${currency}`,
  ];
  const content = [
    "BT",
    "/F1 12 Tf",
    "50 780 Td",
    "16 TL",
    ...lines.map((l) => `(${pdfText(l)}) '`),
    "ET",
  ].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(Buffer.from(out, "latin1"));
}
