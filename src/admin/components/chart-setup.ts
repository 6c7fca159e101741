import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

// Only the pieces the dashboards draw, so the lazy chunk stays small.
Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);
Chart.defaults.color = '#1b1b1b';
Chart.defaults.font.family =
  '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "Noto Sans", system-ui, sans-serif';
Chart.defaults.font.size = 14;
// Figures appear at once: no motion to wait for (and nothing moving for people who avoid it).
Chart.defaults.animation = false;

export { Chart };
