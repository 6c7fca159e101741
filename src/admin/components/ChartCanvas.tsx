import type { ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

/** The dashboards' colours: dark enough to read against white, and told apart by more than hue. */
export const SERIES = ['#0a4b78', '#a8430a', '#2e6b1f', '#6a2c91', '#00616b', '#7a4b00'];

/**
 * A chart drawn by Chart.js, loaded only when a chart is first shown. The canvas is an image
 * with a text label; the same figures are always in a table beside it.
 */
export function ChartCanvas({ label, config }: { label: string; config: ChartConfiguration }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const key = JSON.stringify(config.data);
  // Redrawn when the figures change (key), not on every render.
  useEffect(() => {
    let live = true;
    let chart: { destroy(): void } | undefined;
    void import('./chart-setup.ts').then(({ Chart }) => {
      if (!live || !canvas.current) return;
      chart = new Chart(canvas.current, {
        ...config,
        options: { responsive: true, maintainAspectRatio: false, ...config.options },
      });
    });
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [key]);
  return (
    <div class="chart">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
