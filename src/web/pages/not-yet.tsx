import { Layout, type PageProps, type Section } from "../layout.tsx";

type UnbuiltSection = Exclude<Section, "home" | "connections" | "activity" | "invoices" | "automations">;

/** A capability that has not been built: says so plainly and shows no invented data. */
export function NotYetPage(props: PageProps & { section: UnbuiltSection }) {
  const { t, section } = props;
  return (
    <Layout {...props} title={t("notYet.title", { page: t(`nav.${section}`) })} section={section}>
      <p class="notice" role="status">
        {t("notYet.body")}
      </p>
      <p>{t(`notYet.${section}`)}</p>
    </Layout>
  );
}
