// js-yaml ships without types; the deployment tests need only `load`.
declare module "js-yaml" {
  export function load(text: string): unknown;
}
