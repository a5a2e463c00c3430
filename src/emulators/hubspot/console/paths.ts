/**
 * The console's URLs, in HubSpot's shapes: a type's index is
 * `/contacts/{portalId}/objects/{objectTypeId}/views/all/list`, a record
 * `/contacts/{portalId}/record/{objectTypeId}/{id}` (served by extensions/record-routes.tsx),
 * workflows `/workflows/{portalId}`. `?lang=` is carried along when the visitor chose a language.
 */
export const consolePaths = {
  home: () => "/",
  list: (portalId: number | string, typeId: string) =>
    `/contacts/${portalId}/objects/${typeId}/views/all/list`,
  record: (portalId: number | string, typeId: string, id: string) =>
    `/contacts/${portalId}/record/${typeId}/${id}`,
  workflows: (portalId: number | string) => `/workflows/${portalId}`,
  run: (portalId: number | string, callbackId: string) =>
    `/workflows/${portalId}/executions/${encodeURIComponent(callbackId)}`,
};

export function withLang(path: string, lang: string | undefined, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ ...(lang === "en" || lang === "ja" ? { lang } : {}), ...extra });
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
