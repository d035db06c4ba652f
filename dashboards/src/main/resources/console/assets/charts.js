// ECharts comes from the WebJar (Maven, see dashboards/pom.xml), loaded only on pages with charts.
import { ECHARTS_VERSION } from './version.js';

let loading = null;

export function echarts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = '/webjars/echarts/' + ECHARTS_VERSION + '/dist/echarts.min.js';
      s.onload = () => resolve(window.echarts);
      s.onerror = () => { loading = null; reject(new Error('chart library did not load')); };
      document.head.append(s);
    });
  }
  return loading;
}

/** Draws option into el; the chart follows the element's width (phone rotation, window resize). */
export async function draw(el, option) {
  const ec = await echarts();
  const chart = ec.init(el, null, { renderer: 'svg' });
  chart.setOption(Object.assign({ animation: false, textStyle: { fontFamily: 'Noto Sans CJK SC, sans-serif' } }, option));
  const resize = () => chart.resize();
  window.addEventListener('resize', resize);
  return () => { window.removeEventListener('resize', resize); chart.dispose(); };
}
