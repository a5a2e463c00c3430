import {
  Alert,
  Button,
  ButtonRow,
  EmptyState,
  ErrorState,
  Flex,
  Link,
  LoadingSpinner,
  StatusTag,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
  useExtensionActions,
  useExtensionContext,
} from "@hubspot/ui-extensions";
import { useEffect, useState } from "react";
import { cardUrl, formatAmount, loadCard, type CardAction, type CardFetch, type CardJson } from "./card-api";
import { messagesFor, type Messages } from "./messages";

type Outcome = { kind: "error"; detail: string } | { kind: "ready"; card: CardJson };
type State = { kind: "loading" } | Outcome;

/**
 * "Integration invoices" on a deal, contact or company record: what the classic card shows, read
 * from Ledgerlink's card API through `fetchCard` (hubspot.fetch in HubSpot). Create invoice and Add
 * existing invoice open Ledgerlink's pages in HubSpot's iframe modal; closing it reloads the list,
 * so an invoice just created or added appears at once.
 */
export function InvoicesCard({ fetchCard, baseUrl }: { fetchCard: CardFetch; baseUrl: string }) {
  const context = useExtensionContext<"crm.record.tab">();
  const actions = useExtensionActions<"crm.record.tab">();
  const m = messagesFor(context.user.locale);
  const url = cardUrl(baseUrl, context.crm, context.user.locale);
  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((n) => n + 1);
  // Each answer is kept with the request it answers. "Loading" is derived, not set: while the
  // newest request (URL and reload count) has no answer yet, the card is loading, so the effect
  // only sets state when an answer arrives (react-hooks/set-state-in-effect).
  const request = url ? `${generation} ${url}` : undefined;
  const [answer, setAnswer] = useState<{ request: string; outcome: Outcome }>();

  useEffect(() => {
    if (!url || !request) return;
    let current = true;
    const settle = (outcome: Outcome) => {
      // A reload started meanwhile owns the card now; this answer is stale.
      if (current) setAnswer({ request, outcome });
    };
    loadCard(fetchCard, url).then(
      (result) =>
        settle(result.ok ? { kind: "ready", card: result.card } : { kind: "error", detail: result.detail }),
      (error: unknown) => settle({ kind: "error", detail: String(error) }),
    );
    return () => {
      current = false;
    };
  }, [fetchCard, url, request]);

  const state: State = answer && answer.request === request ? answer.outcome : { kind: "loading" };
  if (!url) return <Text>{m.unsupported}</Text>;
  if (state.kind === "loading") return <LoadingSpinner label={m.loading} showLabel layout="centered" />;
  if (state.kind === "error") return <CardError m={m} detail={state.detail} onRetry={reload} />;
  const open = (action: CardAction) =>
    actions.openIframeModal(
      { uri: action.url, width: action.width, height: action.height, title: action.label },
      reload,
    );
  return <CardBody card={state.card} open={open} />;
}

function CardError({ m, detail, onRetry }: { m: Messages; detail: string; onRetry: () => void }) {
  return (
    <ErrorState title={m.errorTitle}>
      <Text>{m.errorBody}</Text>
      <Text variant="microcopy">{m.errorDetail.replace("{detail}", detail)}</Text>
      <Button onClick={onRetry}>{m.retry}</Button>
    </ErrorState>
  );
}

function CardBody({ card, open }: { card: CardJson; open: (action: CardAction) => void }) {
  if (card.notice) {
    return (
      <Alert title={card.notice.title} variant="warning">
        {card.notice.body}
      </Alert>
    );
  }
  const { create, addExisting, allInvoicesUrl } = card.actions;
  return (
    <Flex direction="column" gap="sm">
      {(card.alerts ?? []).map((alert, i) => (
        <Alert key={`alert-${i}`} title={alert.title} variant="warning">
          {alert.body}{" "}
          {alert.reconnect && (
            <Link href={{ url: alert.reconnect.url, external: true }}>{alert.reconnect.label}</Link>
          )}
        </Alert>
      ))}
      {card.invoices.length === 0 ? (
        <EmptyState title={card.labels.emptyTitle} layout="vertical">
          <Text>{card.labels.emptyBody}</Text>
        </EmptyState>
      ) : (
        <InvoiceTable card={card} />
      )}
      <ButtonRow>
        {create && (
          <Button variant="primary" onClick={() => open(create)}>
            {create.label}
          </Button>
        )}
        {addExisting && <Button onClick={() => open(addExisting)}>{addExisting.label}</Button>}
      </ButtonRow>
      {allInvoicesUrl && (
        <Link href={{ url: allInvoicesUrl, external: true }}>{card.labels.allInvoices}</Link>
      )}
    </Flex>
  );
}

function InvoiceTable({ card }: { card: CardJson }) {
  const { labels } = card;
  return (
    <Table bordered>
      <TableHead>
        <TableRow>
          <TableHeader>{labels.number}</TableHeader>
          <TableHeader>{labels.company}</TableHeader>
          <TableHeader>{labels.amount}</TableHeader>
          <TableHeader>{labels.dueDate}</TableHeader>
          <TableHeader>{labels.status}</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {card.invoices.map((inv) => (
          <TableRow key={inv.key}>
            <TableCell>
              <Link href={{ url: inv.previewUrl, external: true }}>{inv.number}</Link>
            </TableCell>
            <TableCell>{inv.company}</TableCell>
            <TableCell>{formatAmount(inv.amount, inv.currency, card.locale)}</TableCell>
            <TableCell>{inv.dueDate ?? ""}</TableCell>
            <TableCell>
              <StatusTag variant={inv.statusVariant}>{inv.statusLabel}</StatusTag>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
