// The HTML report's in-page script (reports/html): draws the line charts with the inlined uPlot from
// the embedded data, sorts tables on a click, switches the heatmap metric. Reads nothing from the network.
(() => {
  const dataElement = document.getElementById('report-data');
  const data = JSON.parse(dataElement ? dataElement.textContent || '{}' : '{}');
  const charts = Array.isArray(data.charts) ? data.charts : [];
  const HEIGHT = 260;

  function formatNumber(x) {
    if (x === null || x === undefined || Number.isNaN(x)) return '–';
    const a = Math.abs(x);
    if (a >= 10000) return `${Math.round(x / 1000)}k`;
    if (a >= 1000) return `${(x / 1000).toFixed(a >= 10000 ? 0 : 1).replace(/\.0$/, '')}k`;
    if (a >= 100 || x === 0) return String(Math.round(x));
    if (a >= 1) return String(Number(x.toFixed(1)));
    return String(Number(x.toPrecision(2)));
  }

  function formatPercent(x) {
    if (x === null || x === undefined || Number.isNaN(x)) return '–';
    return `${Number((x * 100).toFixed(1))}%`;
  }

  function colours() {
    const css = getComputedStyle(document.documentElement);
    return { fg: css.getPropertyValue('--fg').trim(), grid: css.getPropertyValue('--grid').trim() };
  }

  const plots = [];

  function options(chart, width) {
    const c = colours();
    const percent = chart.yFormat === 'percent';
    const axis = (label, values, size) => ({
      label,
      stroke: c.fg,
      grid: { stroke: c.grid, width: 1 },
      ticks: { stroke: c.grid, width: 1 },
      // Log axes pass null for the splits they leave unlabelled.
      values: (_u, splits) => splits.map((v) => (v === null || v === undefined ? '' : values(v))),
      ...(size === undefined ? {} : { size }),
    });
    const first = chart.x[0];
    const last = chart.x[chart.x.length - 1];
    return {
      width,
      height: HEIGHT,
      scales: {
        x: chart.xLog ? { time: false, distr: 3, log: 10, range: () => [first, last] } : { time: false },
        y: percent
          ? { range: [0, 1] }
          : { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.05 : 1] },
      },
      axes: [
        axis(chart.xLabel, formatNumber),
        axis(chart.yLabel, percent ? formatPercent : formatNumber, 64),
      ],
      series: [
        { label: chart.xLog ? 'latency (ms)' : 'time (s)', value: (_u, v) => formatNumber(v) },
        ...chart.series.map((s) => ({
          label: s.label,
          stroke: s.colour,
          width: 2,
          dash: s.dash,
          spanGaps: true,
          points: { show: false },
          value: (_u, v) => (percent ? formatPercent(v) : formatNumber(v)),
        })),
      ],
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
    };
  }

  function drawAll() {
    while (plots.length > 0) plots.pop().plot.destroy();
    for (const chart of charts) {
      const element = document.getElementById(chart.id);
      if (!element) continue;
      element.textContent = '';
      const width = Math.max(280, element.clientWidth || 640);
      const plot = new uPlot(options(chart, width), [chart.x, ...chart.series.map((s) => s.values)], element);
      plots.push({ plot, element });
    }
  }

  function resize(width) {
    for (const { plot, element } of plots) {
      plot.setSize({ width: width ?? Math.max(280, element.clientWidth || 640), height: HEIGHT });
    }
  }

  if (typeof uPlot === 'function') {
    drawAll();
    window.addEventListener('resize', () => resize());
    window.addEventListener('beforeprint', () => resize(640));
    window.addEventListener('afterprint', () => resize());
    const dark = window.matchMedia('(prefers-color-scheme: dark)');
    dark.addEventListener('change', drawAll);
  } else {
    for (const chart of charts) {
      const element = document.getElementById(chart.id);
      if (element) element.textContent = 'The chart library did not load.';
    }
  }

  // Sortable tables: a click on a header sorts by that column, again to reverse; missing values last.
  for (const button of document.querySelectorAll('table.sortable thead button')) {
    button.addEventListener('click', () => {
      const th = button.closest('th');
      const table = button.closest('table');
      const body = table.tBodies[0];
      const column = Number(button.dataset.column);
      const numeric = button.dataset.kind === 'number';
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      for (const other of table.querySelectorAll('thead th')) other.setAttribute('aria-sort', 'none');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const key = (row) => row.cells[column].dataset.sort ?? '';
      const rows = [...body.rows];
      rows.sort((a, b) => {
        const ka = key(a);
        const kb = key(b);
        if (ka === '' || kb === '') return (ka === '') - (kb === '');
        const order = numeric ? Number(ka) - Number(kb) : ka.localeCompare(kb);
        return ascending ? order : -order;
      });
      for (const row of rows) body.appendChild(row);
    });
  }

  // Heatmaps: one metric shown at a time (all of them on paper).
  const select = document.getElementById('heatmap-metric');
  if (select) {
    const show = () => {
      for (const group of document.querySelectorAll('.heatmap-group')) {
        group.classList.toggle('active', group.dataset.metric === select.value);
      }
    };
    select.addEventListener('change', show);
    show();
  }

  document.documentElement.dataset.ready = 'true';
})();
