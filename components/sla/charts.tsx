import { useId } from "react";

/**
 * Server-rendered SVG charts: no client JavaScript. Each is a <figure> with a caption, an SVG
 * named by a title and a description, and the same numbers as a table for screen readers and
 * anyone who prefers them.
 */

export type TrendPoint = { label: string; volume: number; rate: number | null };

const W = 640;
const H = 240;
const PAD = { top: 16, right: 44, bottom: 28, left: 44 };

/** The numbers behind a chart, as a table a screen reader (or anyone) can read. */
function ChartTable<R extends number | null>(props: {
  summary: string;
  head: string;
  labels: { volume: string; rate: string };
  rows: { key: string; label: string; volume: number; rate: R }[];
  formatNumber: (n: number) => string;
  formatRate: (r: R) => string;
}) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-brand-700 underline">{props.summary}</summary>
      <table className="mt-2 min-w-64 border-collapse text-left">
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-1 pr-4">{props.head}</th>
            <th scope="col" className="py-1 pr-4 text-right">{props.labels.volume}</th>
            <th scope="col" className="py-1 text-right">{props.labels.rate}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.key} className="border-b border-slate-100">
              <th scope="row" className="py-1 pr-4 font-normal">{r.label}</th>
              <td className="py-1 pr-4 text-right tabular-nums">{props.formatNumber(r.volume)}</td>
              <td className="py-1 text-right tabular-nums">{props.formatRate(r.rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function niceMax(n: number): number {
  if (n <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(n));
  const steps = [1, 2, 2.5, 5, 10];
  return steps.map((s) => s * p).find((v) => v >= n) ?? 10 * p;
}

/** Monthly volume (bars, left axis) and on-time rate (line, right axis, 0–100 %). */
export function TrendChart(props: {
  title: string;
  description: string;
  points: TrendPoint[];
  labels: { month: string; volume: string; rate: string; table: string };
  formatNumber: (n: number) => string;
  formatRate: (r: number | null) => string;
}) {
  const id = useId();
  const { points } = props;
  const max = niceMax(Math.max(0, ...points.map((p) => p.volume)));
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  const step = iw / Math.max(1, points.length);
  const bw = Math.max(4, step * 0.6);
  const x = (i: number) => PAD.left + step * i + step / 2;
  const yv = (v: number) => PAD.top + ih - (v / max) * ih;
  const yr = (r: number) => PAD.top + ih - r * ih;
  const line = points
    .map((p, i) => (p.rate === null ? null : `${x(i).toFixed(1)},${yr(p.rate).toFixed(1)}`))
    .filter(Boolean)
    .join(" ");
  return (
    <figure className="min-w-0 space-y-2">
      <figcaption className="font-semibold">{props.title}</figcaption>
      <div className="overflow-x-auto">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="h-auto w-full min-w-[34rem] max-w-3xl text-slate-600">
        <title id={`${id}-t`}>{props.title}</title>
        <desc id={`${id}-d`}>{props.description}</desc>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + ih * (1 - f)} y2={PAD.top + ih * (1 - f)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={PAD.top + ih * (1 - f) + 4} textAnchor="end" fontSize="11" fill="currentColor">
              {props.formatNumber(Math.round(max * f * 10) / 10)}
            </text>
            <text x={W - PAD.right + 6} y={PAD.top + ih * (1 - f) + 4} fontSize="11" fill="#b45309">
              {Math.round(f * 100)}%
            </text>
          </g>
        ))}
        {points.map((p, i) => (
          <g key={p.label}>
            <rect x={x(i) - bw / 2} y={yv(p.volume)} width={bw} height={Math.max(0, PAD.top + ih - yv(p.volume))} fill="#094a8c" rx="2" />
            {i % Math.ceil(points.length / 12) === 0 ? (
              <text x={x(i)} y={H - 8} textAnchor="middle" fontSize="11" fill="currentColor">
                {p.label}
              </text>
            ) : null}
          </g>
        ))}
        {line ? <polyline points={line} fill="none" stroke="#b45309" strokeWidth="2.5" /> : null}
        {points.map((p, i) => (p.rate === null ? null : <circle key={p.label} cx={x(i)} cy={yr(p.rate)} r="3.5" fill="#b45309" />))}
      </svg>
      </div>
      <p className="flex flex-wrap gap-4 text-sm text-slate-700" aria-hidden>
        <span><span className="mr-1 inline-block size-3 rounded-sm bg-brand-700 align-middle" />{props.labels.volume}</span>
        <span><span className="mr-1 inline-block h-0.5 w-4 bg-amber-700 align-middle" />{props.labels.rate}</span>
      </p>
      <ChartTable
        summary={props.labels.table}
        head={props.labels.month}
        labels={props.labels}
        rows={points.map((p, i) => ({ key: `${p.label}-${i}`, label: p.label, volume: p.volume, rate: p.rate }))}
        formatNumber={props.formatNumber}
        formatRate={props.formatRate}
      />
    </figure>
  );
}

export type BarItem = { label: string; rate: number | null; volume: number };

/** One horizontal bar per group (e.g. OPD): on-time rate, with the volume beside it. */
export function RateBars(props: {
  title: string;
  description: string;
  items: BarItem[];
  labels: { group: string; volume: string; rate: string; table: string; none: string };
  formatNumber: (n: number) => string;
  formatRate: (r: number | null) => string;
}) {
  const id = useId();
  const rowH = 26;
  const labelW = 250;
  const barW = W - labelW - 70;
  const h = props.items.length * rowH + 8;
  return (
    <figure className="min-w-0 space-y-2">
      <figcaption className="font-semibold">{props.title}</figcaption>
      <div className="overflow-x-auto">
      <svg viewBox={`0 0 ${W} ${h}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="h-auto w-full min-w-[34rem] max-w-3xl text-slate-800">
        <title id={`${id}-t`}>{props.title}</title>
        <desc id={`${id}-d`}>{props.description}</desc>
        {props.items.map((it, i) => {
          const y = 4 + i * rowH;
          const w = it.rate === null ? 0 : Math.max(1, it.rate * barW);
          return (
            <g key={`${it.label}-${i}`}>
              <text x={labelW - 8} y={y + 16} textAnchor="end" fontSize="12" fill="currentColor">
                {it.label.length > 34 ? `${it.label.slice(0, 33)}…` : it.label}
              </text>
              <rect x={labelW} y={y + 4} width={barW} height={16} fill="#f1f5f9" rx="2" />
              <rect x={labelW} y={y + 4} width={w} height={16} fill={it.rate !== null && it.rate < 0.8 ? "#b45309" : "#15803d"} rx="2" />
              <text x={labelW + barW + 6} y={y + 16} fontSize="12" fill="currentColor">
                {it.rate === null ? props.labels.none : props.formatRate(it.rate)}
              </text>
            </g>
          );
        })}
      </svg>
      </div>
      <ChartTable
        summary={props.labels.table}
        head={props.labels.group}
        labels={props.labels}
        rows={props.items.map((it, i) => ({ key: `${it.label}-${i}`, label: it.label, volume: it.volume, rate: it.rate }))}
        formatNumber={props.formatNumber}
        formatRate={props.formatRate}
      />
    </figure>
  );
}
