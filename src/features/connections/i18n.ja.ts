import type { connectionsEn } from "./i18n.en.ts";

/** サインインと接続ページの日本語。 */
export const connectionsJa: Record<keyof typeof connectionsEn, string> = {
  "signin.title": "サインイン",
  "signin.first": "先にサインインしてください。",
  "signin.body":
    "Ledgerlink は HubSpot アカウントの中で動作します。HubSpot でサインインして接続し、ポータルのデータを表示してください。",
  "signin.button": "HubSpot でサインイン",
  "signin.notConfigured":
    "HubSpot アプリが設定されていません（HUBSPOT_CLIENT_ID、HUBSPOT_CLIENT_SECRET、HUBSPOT_APP_ID）。詳しくは ledgerlink doctor を実行してください。",
  "signin.signedInAs": "{email} としてサインイン中（ポータル {portal}）",
  "signin.signout": "サインアウト",
  "oauth.failed.title": "接続できませんでした",
  "oauth.failed.state":
    "このサインインリンクは期限切れか、すでに使用されています。最初からやり直してください。",
  "oauth.failed.denied": "アクセスが許可されませんでした（{reason}）。何も変更されていません。",
  "oauth.failed.vendor": "{vendor} が接続を拒否しました: {reason}。何も変更されていません。",
  "oauth.failed.missing": "{vendor} からの応答が不完全です（{field} がありません）。何も変更されていません。",
  "oauth.failed.otherPortal":
    "この QuickBooks 接続は別の HubSpot ポータルで開始されました。そのポータルにサインインしてやり直してください。",
  "access.portalRefused.title": "この Ledgerlink はこの HubSpot アカウントを対象としていません",
  "access.portalRefused.body":
    "HubSpot アカウント {portal} はこの Ledgerlink インスタンスの対象ではないため、何も保存していません。Ledgerlink の管理者に HUBSPOT_ALLOWED_PORTALS への追加を依頼するか、ご自身の Ledgerlink を導入してください。",
  "access.changes.title": "変更できません",
  "access.changes.notAdmin":
    "変更できるのは HubSpot のスーパー管理者だけです。閲覧はできますが、変更の操作は無効になっています。",
  "access.changes.noScope":
    "Ledgerlink はまだ HubSpot にスーパー管理者を問い合わせる権限 (settings.users.read) を持っていないため、変更を受け付けていません。スーパー管理者が HubSpot で再度サインインして権限を付与してください。",
  "access.changes.unreachable":
    "スーパー管理者かどうかを確認するために HubSpot に接続できなかったため、現在は変更を受け付けていません。1 分ほどしてからもう一度お試しください。",
  "oauth.again": "やり直す",
  "connections.title": "接続",
  "connections.hubspot": "HubSpot",
  "connections.hubspot.portal": "ポータル {portal}、会社の通貨 {currency}、タイムゾーン {tz}",
  "connections.qbo": "QuickBooks Online の会社",
  "connections.qbo.none": "QuickBooks の会社はまだ接続されていません。",
  "connections.qbo.connect": "QuickBooks の会社を接続",
  "connections.qbo.notConfigured":
    "Intuit アプリが設定されていません（INTUIT_CLIENT_ID、INTUIT_CLIENT_SECRET）。詳しくは ledgerlink doctor を実行してください。",
  "connections.qbo.row": "{name} · 会社 ID {realm} · {country} · {currency}",
  "connections.qbo.multiCurrency": "複数通貨: オン",
  "connections.qbo.customNumbers":
    "カスタム取引番号がオンになっています。QuickBooks でオフにするまで請求書は作成できません。",
  "connections.qbo.disconnect": "接続を解除",
  "connections.status.active": "接続済み",
  "connections.status.needs_reconnect": "再接続が必要",
  "connections.reconnect": "再接続",
  "connections.waiting": "再接続を待っているジョブ: {count}",
  "connections.banner.reconnect":
    "{name} の再接続が必要です。Ledgerlink はアクセスできなくなったため、同期を停止しました。",
  "connections.disconnected": "{name} の接続を解除し、トークンを削除しました。",
  "connections.notFound": "このポータルにそのような接続はありません。",
  "intuit.disconnected.title": "QuickBooks との接続が解除されました",
  "intuit.disconnected.body":
    "Ledgerlink はこの QuickBooks 会社にアクセスできなくなり、同期を停止しました。HubSpot にリンク済みの請求書はそのまま残ります。",
  "intuit.disconnected.marked": "接続ページでは「再接続が必要」と表示されます。",
  "intuit.disconnected.unknown":
    "Ledgerlink に接続されていた会社であれば、次に Ledgerlink が QuickBooks を呼び出した時点で接続ページに「再接続が必要」と表示されます。",
  "intuit.disconnected.reconnect": "接続ページで再接続する",
  "connections.qbo.disconnect.question":
    "{name} の接続を解除しますか？Ledgerlink はトークンを削除し、同期を停止します。同期済みの請求書は HubSpot に残ります。後で再接続できます。",
  "connections.qbo.disconnect.confirm": "{name} の接続を解除する",
  "connections.qbo.unconfirmed": "接続を解除していません。接続ページの確認ボックスで解除を確定してください。",
  "connections.back": "接続ページに戻る",
};
