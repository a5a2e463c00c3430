import { SourceStep } from "../pages/source.tsx";
import { chooseSource, sourceChoices } from "../service.ts";
import { numbersRefusal } from "./company.tsx";
import { frame, neighbour, stepsFor, type WizardCtx } from "./context.ts";
import { field, move, refuse, type Outcome } from "./outcome.tsx";

/** I2 (and I9 before it: this is the first step once the company is known). */
export async function renderSource(ctx: WizardCtx, error?: string, status: 200 | 400 = 200) {
  const refused = await numbersRefusal(ctx);
  if (refused) return refused;
  const { dealName, quotes } = await sourceChoices(ctx);
  return ctx.c.html(
    <SourceStep
      {...frame(ctx, "source", error)}
      dealName={dealName}
      quotes={quotes}
      source={ctx.data.source}
      previous={stepsFor(ctx)[0] !== "source"}
    />,
    status,
  );
}

/** The source decides the lines and the customer (the service's `chooseSource`); then the customer step. */
export async function submitSource(ctx: WizardCtx, form: FormData): Promise<Outcome> {
  if (field(form, "action") === "previous") return move(ctx, ctx.data, neighbour(ctx, "source", -1));
  const value = field(form, "source");
  if (!value) return refuse("wizard.error.source");
  const data = await chooseSource(ctx, value);
  if (!data) return refuse("wizard.error.source");
  return move(ctx, data, "customer");
}
