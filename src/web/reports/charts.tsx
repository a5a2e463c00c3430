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
      {categories.map((category, c) => {
        const x0 = PAD.left + c * slot + slot * 0.1;
        return (
          <g data-category={category}>
            {series.map((s, i) => {
              const v = s.values[c] ?? 0;
              return (
                <rect
                  x={x0 + i * barW}
                  y={y(v)}
                  width={barW - 1}
                  height={Math.max(0, y(0) - y(v))}
                  fill={s.color}
                  data-series={s.key}
                  data-cents={String(v)}
                >
                  <title>{`${category} · ${s.name}: ${props.format(v)}`}</title>
                </rect>
              );
            })}
            <text
              x={x0 + (barW * series.length) / 2}
              y={H - PAD.bottom + 16}
              font-size="11"
              text-anchor="middle"
            >
              {category.length > 16 ? `${category.slice(0, 15)}…` : category}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export const COLORS = { invoiced: "#2563eb", collected: "#16a34a", open: "#d97706" } as const;
