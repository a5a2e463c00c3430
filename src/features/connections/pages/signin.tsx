import { Layout, type PageProps } from "../../../web/layout.tsx";

export function SignInPage(props: PageProps & { configured: boolean; next: string }) {
  const { t } = props;
  return (
    <Layout {...props} title={t("signin.title")} section="home">
      <p>{t("signin.body")}</p>
      {props.configured ? (
        <p>
          <a class="button" href={`/auth/hubspot?next=${encodeURIComponent(props.next)}`}>
            {t("signin.button")}
          </a>
        </p>
      ) : (
        <p class="notice" role="alert">
          {t("signin.notConfigured")}
        </p>
      )}
    </Layout>
  );
}
