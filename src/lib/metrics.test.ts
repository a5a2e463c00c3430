import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { metricNames, metricsRegistry, routeTemplate } from "./metrics.ts";

describe("routeTemplate", () => {
  it("drops the query and turns every id-like segment into :id", () => {
    expect(routeTemplate("/invoice/145/pdf?minorversion=75")).toBe("/invoice/:id/pdf");
    expect(routeTemplate("/crm/v3/objects/deals/9876543210/associations/invoices")).toBe(
      "/crm/v3/objects/deals/:id/associations/invoices",
    );
    expect(routeTemplate("/crm/v3/objects/2-123456/search")).toBe("/crm/v3/objects/:id/search");
    expect(routeTemplate("/crm/v3/objects/contacts/ann%40example.com?idProperty=email")).toBe(
      "/crm/v3/objects/contacts/:id",
    );
    expect(routeTemplate("/crm/v3/objects/invoices/9130:145")).toBe("/crm/v3/objects/invoices/:id");
    expect(routeTemplate("/files/3f2a9c1e-77aa-4c1b-9d3e-0123456789ab")).toBe("/files/:id");
  });

  it("keeps the words of a route, versions included", () => {
    expect(routeTemplate("/query?query=select%20*%20from%20Invoice")).toBe("/query");
    expect(routeTemplate("/crm/v3/properties/deals/qbo_invoice_status")).toBe(
      "/crm/v3/properties/deals/qbo_invoice_status",
    );
    expect(routeTemplate("/cdc")).toBe("/cdc");
    expect(routeTemplate("")).toBe("/");
  });
});

describe("the sample dashboard and alert rules", () => {
  const files = ["deploy/grafana/ledgerlink.json", "deploy/prometheus/alerts.yml"];
  // A histogram is queried through its _bucket, _count and _sum series.
  const histograms = metricsRegistry
    .getMetricsAsArray()
    .filter((m) => String((m as unknown as { type: unknown }).type) === "histogram")
    .map((m) => m.name);
  const baseOf = (series: string) => {
    const base = series.replace(/_(bucket|count|sum)$/, "");
    return histograms.includes(base) ? base : series;
  };
  const referenced = (file: string) => {
    const text = readFileSync(new URL(`../../${file}`, import.meta.url), "utf8");
    return [...new Set([...text.matchAll(/\bledgerlink_[a-z0-9_]+/g)].map((m) => baseOf(m[0])))];
  };

  it.each(files)("%s names only metrics the registry has", (file) => {
    const names = referenced(file);
    expect(names.length).toBeGreaterThan(3);
    expect(names.filter((n) => !metricNames().includes(n))).toEqual([]);
  });

  it("the dashboard shows every metric there is", () => {
    const shown = referenced(files[0]!);
    expect(metricNames().filter((n) => !shown.includes(n))).toEqual([]);
  });

  it("the dashboard is JSON Grafana can import", () => {
    const dash = JSON.parse(readFileSync(new URL(`../../${files[0]}`, import.meta.url), "utf8")) as {
      uid: string;
      panels: Array<{ targets: Array<{ expr: string }> }>;
    };
    expect(dash.uid).toBe("ledgerlink");
    expect(dash.panels.every((p) => p.targets.every((t) => t.expr.length > 0))).toBe(true);
  });
});
