import { Layout, type PageProps } from "./layout.tsx";

/** A plain outcome page (e.g. a refused OAuth flow): what happened, and where to go next. */
export function MessagePage(
  props: PageProps & { title: string; message: string; link?: { href: string; label: string } },
) {
  return (
    <Layout {...props} title={props.title} section="home">
      <p class="notice" role="alert">
        {props.message}
      </p>
      {props.link ? (
        <p>
          <a href={props.link.href}>{props.link.label}</a>
        </p>
      ) : null}
    </Layout>
  );
}
