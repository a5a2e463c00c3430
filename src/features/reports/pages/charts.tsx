/**
 * Bar charts drawn on the server as inline SVG: no script, no network, and the labels come from
 * the page's language. Each bar carries its value (`data-cents`) and a tooltip (`<title>`).
 */
export interface Series {
  key: string;
  name: string;
  /** SVG fill (presentation attributes are allowed by our Content-Security-Policy; inline styles are not). */
  color: string;
  values: number[];
}

const W = 640;
const H = 260;
const PAD = { left: 70, right: 10, top: 28, bottom: 46 };

export function BarChart(props: {
  id: string;
  title: string;
  categories: string[];
  series: Series[];
  format: (cents: number) => string;
}) {
  const { categories, series } = props;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, categories.length);
  const barW = Math.max(2, (slot * 0.8) / Math.max(1, series.length));
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  return (
    <svg
      class="chart"
      id={props.id}
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      role="img"
      aria-labelledby={`${props.id}-title`}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      {series.map((s, i) => (
        <g class="legend">
          <rect x={PAD.left + i * 150} y={6} width={12} height={12} fill={s.color} />
          <text x={PAD.left + i * 150 + 18} y={16} font-size="12">
            {s.name}
          </text>
        </g>
      ))}
      <line x1={PAD.left} y1={y(0)} x2={W - PAD.right} y2={y(0)} stroke="#9ca3af" />
      <text x={PAD.left - 6} y={y(max) + 4} font-size="11" text-anchor="end">
        {props.format(max)}
      </text>
      <text x={PAD.left - 6} y={y(0) + 4} font-size="11" text-anchor="end">
        {props.format(0)}
      </text>
      {categories.map((category, c) => (
        <Bars
          category={category}
          values={series.map((s) => ({ ...s, value: s.values[c] ?? 0 }))}
          x0={PAD.left + c * slot + slot * 0.1}
          barW={barW}
          y={y}
          format={props.format}
        />
      ))}
    </svg>
  );
}

/** One category's bars side by side, with its label under the axis. */
function Bars(props: {
  category: string;
  values: Array<Series & { value: number }>;
  x0: number;
  barW: number;
  y: (v: number) => number;
  format: (cents: number) => string;
}) {
  const { category, x0, barW, y } = props;
  return (
    <g data-category={category}>
      {props.values.map((s, i) => (
        <rect
          x={x0 + i * barW}
          y={y(s.value)}
          width={barW - 1}
          height={Math.max(0, y(0) - y(s.value))}
          fill={s.color}
          data-series={s.key}
          data-cents={String(s.value)}
        >
          <title>{`${category} · ${s.name}: ${props.format(s.value)}`}</title>
        </rect>
      ))}
      <text
        x={x0 + (barW * props.values.length) / 2}
        y={H - PAD.bottom + 16}
        font-size="11"
        text-anchor="middle"
      >
        {category.length > 16 ? `${category.slice(0, 15)}…` : category}
      </text>
    </g>
  );
}

export const COLORS = { invoiced: "#2563eb", collected: "#16a34a", open: "#d97706" } as const;
