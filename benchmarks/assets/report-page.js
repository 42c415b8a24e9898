/*
 * The HTML report's page script: renders the chart specs (src/html/specs.ts) embedded in the page
 * with Chart.js and chartjs-chart-matrix, both inlined before this script. Plain browser JavaScript,
 * no build step: it runs as it is in any browser, offline.
 */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#bcbd22', '#17becf', '#7f7f7f'];
  var colours = {};
  var nextColour = 0;
  // One colour per variant across every chart, so `ring` is the same colour everywhere.
  function colourOf(kind, key) {
    // A native run per variant (one-sided sync modes) takes its variant's colour; one for all is black.
    if (kind === 'native') return key.indexOf('native ') === 0 ? colourOf('threadmpi', key.slice(7)) : '#000000';
    if (kind === 'baseline') return key === 'copy' ? '#9e9e9e' : '#616161';
    if (!(key in colours)) colours[key] = PALETTE[nextColour++ % PALETTE.length];
    return colours[key];
  }
  function formatBytes(bytes) {
    if (bytes >= 1048576 && bytes % 1048576 === 0) return bytes / 1048576 + 'M';
    if (bytes >= 1024 && bytes % 1024 === 0) return bytes / 1024 + 'K';
    return String(bytes);
  }
  function powerOfTwoTicks(scale) {
    // Chart.js places log ticks at powers of ten; message sizes are powers of two.
    var ticks = [];
    for (var v = 1; v <= scale.max * 1.0001; v *= 2) if (v >= scale.min * 0.9999) ticks.push({ value: v });
    var step = Math.ceil(ticks.length / 12);
    scale.ticks = ticks.filter(function (_, i) { return i % step === 0; });
  }
  var charts = [];
  var main = document.getElementById('charts');

  function addCanvas(container, spec) {
    var figure = document.createElement('figure');
    figure.className = 'chart ' + spec.type;
    var canvas = document.createElement('canvas');
    canvas.id = 'chart-' + spec.id;
    canvas.setAttribute('data-chart-type', spec.type);
    figure.appendChild(canvas);
    container.appendChild(figure);
    return canvas;
  }

  function dashFor(kind) {
    return kind === 'native' ? [6, 4] : kind === 'baseline' ? [2, 3] : [];
  }

  function lineChart(canvas, spec) {
    return new Chart(canvas, {
      type: 'line',
      data: {
        datasets: spec.series.map(function (s) {
          var colour = colourOf(s.kind, s.key);
          return {
            label: s.label,
            data: s.points.map(function (p) { return { x: p[0], y: p[1] }; }),
            borderColor: colour,
            backgroundColor: colour,
            borderDash: dashFor(s.kind),
            borderWidth: s.kind === 'threadmpi' ? 2 : 1.5,
            pointRadius: 2.5,
          };
        }),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          title: { display: true, text: spec.title },
          // Legend entries as short lines in the series' colours (the header says which are dashed).
          legend: { position: 'right', labels: { usePointStyle: true, pointStyle: 'line', pointStyleWidth: 28 } },
          tooltip: { callbacks: { title: function (items) { return formatBytes(items[0].parsed.x) + ' B'; } } },
        },
        scales: {
          x: {
            type: 'logarithmic',
            title: { display: true, text: 'message size (bytes)' },
            afterBuildTicks: powerOfTwoTicks,
            ticks: { callback: function (value) { return formatBytes(value); } },
          },
          y: { type: 'logarithmic', title: { display: true, text: spec.yLabel } },
        },
      },
    });
  }

  function barChart(canvas, spec) {
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: spec.groups,
        datasets: spec.series.map(function (s) {
          var colour = colourOf(s.kind, s.key);
          // Native bars are their variant's colour, pale, with a black outline.
          var native = s.kind === 'native';
          return {
            label: s.label, data: s.values, borderColor: native ? '#000000' : colour, borderWidth: native ? 1.5 : 0,
            backgroundColor: native ? colour + '66' : colour,
          };
        }),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { title: { display: true, text: spec.title }, legend: { position: 'right' } },
        scales: { y: { type: 'logarithmic', title: { display: true, text: spec.yLabel } } },
      },
    });
  }

  // Writes each cell's algorithm, and the default choice's slowdown where it is more than 10%.
  var cellLabels = {
    id: 'cellLabels',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      ctx.save();
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      chart.data.datasets.forEach(function (dataset, i) {
        chart.getDatasetMeta(i).data.forEach(function (element, j) {
          var cell = dataset.data[j];
          var box = element.getProps(['x', 'y', 'width', 'height'], true);
          var cx = box.x + box.width / 2;
          var cy = box.y + box.height / 2;
          var slow = cell.defaultRatio !== null && cell.defaultRatio > 1.1;
          var lines = slow ? [cell.algorithm, 'default x' + cell.defaultRatio.toFixed(2)] : [cell.algorithm];
          // Shrink the text until the longest line fits the cell.
          var size = 11;
          ctx.font = size + 'px sans-serif';
          var widest = Math.max.apply(null, lines.map(function (line) { return ctx.measureText(line).width; }));
          if (widest > box.width - 4) size = Math.max(6, Math.floor((size * (box.width - 4)) / widest));
          ctx.font = size + 'px sans-serif';
          ctx.fillStyle = '#ffffff';
          lines.forEach(function (line, k) { ctx.fillText(line, cx, cy + (k - (lines.length - 1) / 2) * (size + 2)); });
        });
      });
      ctx.restore();
    },
  };

  function heatMap(canvas, spec) {
    var sizeLabels = spec.sizes.map(formatBytes);
    var rankLabels = spec.ranks.map(function (n) { return n + ' ranks'; });
    function extent(chart, count, axis) {
      var area = chart.chartArea;
      if (!area) return 0;
      return (axis === 'x' ? area.right - area.left : area.bottom - area.top) / count - 2;
    }
    return new Chart(canvas, {
      type: 'matrix',
      data: {
        datasets: spec.algorithms.map(function (algorithm) {
          var colour = colourOf('threadmpi', algorithm);
          return {
            label: algorithm,
            data: spec.cells
              .filter(function (cell) { return cell.algorithm === algorithm; })
              .map(function (cell) {
                return {
                  x: formatBytes(cell.size), y: cell.ranks + ' ranks',
                  algorithm: cell.algorithm, bestUs: cell.bestUs, defaultRatio: cell.defaultRatio,
                };
              }),
            backgroundColor: colour,
            borderColor: '#ffffff',
            borderWidth: 1,
            width: function (context) { return extent(context.chart, sizeLabels.length, 'x'); },
            height: function (context) { return extent(context.chart, rankLabels.length, 'y'); },
          };
        }),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          title: { display: true, text: spec.title },
          legend: { position: 'right' },
          tooltip: {
            callbacks: {
              title: function (items) { var c = items[0].raw; return c.y + ', ' + c.x + ' B'; },
              label: function (item) {
                var c = item.raw;
                var text = c.algorithm + ': ' + c.bestUs.toFixed(2) + ' us (median batch)';
                return c.defaultRatio === null ? text : text + ' (default x' + c.defaultRatio.toFixed(2) + ')';
              },
            },
          },
        },
        scales: {
          x: { type: 'category', labels: sizeLabels, offset: true, grid: { display: false }, title: { display: true, text: 'message size (bytes)' } },
          y: { type: 'category', labels: rankLabels, offset: true, grid: { display: false } },
        },
      },
      plugins: [cellLabels],
    });
  }

  var RENDER = { line: lineChart, bar: barChart, heatmap: heatMap };
  data.sections.forEach(function (section) {
    var element = document.createElement('section');
    var heading = document.createElement('h2');
    heading.textContent = section.benchmark + ': ' + section.title;
    element.appendChild(heading);
    main.appendChild(element);
    section.charts.forEach(function (spec) {
      charts.push(RENDER[spec.type](addCanvas(element, spec), spec));
    });
  });
  window.reportCharts = charts;
  document.body.setAttribute('data-charts-rendered', String(charts.length));
})();
