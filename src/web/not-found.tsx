import { Layout, type PageProps } from "./layout.tsx";

export function NotFoundPage(props: PageProps) {
  return (
    <Layout {...props} title={props.t("error.notFound.title")} section="home">
      <p>{props.t("error.notFound.body")}</p>
      <p>
        <a href="/">{props.t("nav.home")}</a>
      </p>
    </Layout>
  );
}
