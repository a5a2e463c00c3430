/**
 * The few words the card says on its own: while Ledgerlink has not answered yet, or when it cannot.
 * Everything else (column names, statuses, actions) comes translated in Ledgerlink's answer.
 */
const en = {
  loading: "Loading invoices from Ledgerlink",
  errorTitle: "Ledgerlink did not answer",
  errorBody:
    "The invoices of this record cannot be shown right now. Check that Ledgerlink is running and reachable at its public URL, then try again.",
  errorDetail: "Detail: {detail}",
  retry: "Try again",
  unsupported: "This card works on deals, contacts and companies.",
};

export type Messages = typeof en;

const ja: Messages = {
  loading: "Ledgerlink から請求書を読み込んでいます",
  errorTitle: "Ledgerlink から応答がありません",
  errorBody:
    "このレコードの請求書を今は表示できません。Ledgerlink が起動していて公開 URL で到達できることを確認してから、もう一度お試しください。",
  errorDetail: "詳細: {detail}",
  retry: "再試行",
  unsupported: "このカードは取引、コンタクト、会社で使えます。",
};

/** HubSpot reports locales such as "ja-jp" or "en-us"; anything not Japanese reads English. */
export function messagesFor(locale: string | undefined): Messages {
  return locale?.toLowerCase().startsWith("ja") ? ja : en;
}
