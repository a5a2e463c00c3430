import { Layout, type PageProps, type Section } from "./layout.tsx";

/**
 * A plain outcome page (e.g. a refused OAuth flow, an initial sync that cannot start): what
 * happened, and always a way back (the given link, else the home page).
 */
export function MessagePage(
  props: PageProps & {
    title: string;
    message: string;
    link?: { href: string; label: string };
    section?: Section;
  },
) {
  const link = props.link ?? { href: "/", label: props.t("message.home") };
  return (
    <Layout {...props} title={props.title} section={props.section ?? "home"}>
      <p class="notice" role="alert">
        {props.message}
      </p>
      <p class="back">
        <a href={link.href}>{link.label}</a>
      </p>
    </Layout>
  );
}
