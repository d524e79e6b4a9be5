export interface Bar {
  label: string;
  value: number | null;
  /** Shown instead of the value (e.g. "<5" for a suppressed cell). */
  text?: string;
}

/**
 * Horizontal bars drawn in SVG, with the figures as text too (a table reads the same data to
 * screen readers: the SVG is decorative).
 */
export function BarChart({ bars, title }: { bars: readonly Bar[]; title: string }) {
  const max = Math.max(1, ...bars.map((bar) => bar.value ?? 0));
  const rowHeight = 28;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg
        viewBox={`0 0 400 ${bars.length * rowHeight}`}
        width="100%"
        role="img"
        aria-label={title}
        preserveAspectRatio="xMinYMin meet"
      >
        {bars.map((bar, index) => {
          const width = ((bar.value ?? 0) / max) * 220;
          const y = index * rowHeight;
          return (
            <g key={bar.label}>
              <text x="0" y={y + 18} className="chart-label">
                {bar.label}
              </text>
              <rect
                x="140"
                y={y + 6}
                width={Math.max(width, 1)}
                height="16"
                className="chart-bar"
              />
              <text x={146 + width} y={y + 19} className="chart-value">
                {bar.text ?? bar.value ?? '—'}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
