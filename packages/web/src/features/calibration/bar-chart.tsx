import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';

// Only what a bar chart needs, registered once: chart.js tree-shakes the rest. This module is
// imported by the calibration page alone, so the library rides in that page's chunk.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface BarSeries {
  label: string;
  values: Array<number | null>;
  color: string;
}

/**
 * A horizontal bar chart on a canvas. The canvas is an image to assistive technology, named by
 * `label` and described by the table that holds the same figures (`describedBy`), so nothing is
 * only in the picture.
 */
export function BarChart({
  label,
  describedBy,
  categories,
  series,
  min,
  max,
}: {
  label: string;
  describedBy: string;
  categories: string[];
  series: BarSeries[];
  min?: number;
  max?: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // The page builds new arrays on every render; redraw only when the figures themselves change.
  const figures = JSON.stringify({ categories, series, min, max });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `figures` stands for all of them.
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: categories,
        datasets: series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color })),
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        // Figures to read, not a show: no motion, and a print or screenshot never catches a bar mid-way.
        animation: false,
        scales: { x: { min, max, ticks: { color: '#4f5864' } }, y: { ticks: { color: '#1b1f24' } } },
        plugins: { tooltip: { enabled: true } },
      },
    });
    return () => chart.destroy();
  }, [figures]);
  // Each category gets room for its bars; the wrapper's height is what chart.js fills.
  const height = Math.max(120, categories.length * (series.length * 18 + 14) + 50);
  return (
    <div className="calibration-chart" style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={label} aria-describedby={describedBy} />
    </div>
  );
}
