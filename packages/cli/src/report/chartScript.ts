import type { ChartSpec } from './chartConfigs.js'

// ---------------------------------------------------------------------------------------------
// the page script: draws each chart and counts the ones chart.js has rendered
// ---------------------------------------------------------------------------------------------

// JSON inside <script> must not be able to close the element.
const scriptSafeJson = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')

/** The inline script that creates the charts; `data-charts-rendered` counts the charts drawn at least once. */
export const chartConfigsScript = (specs: ReadonlyArray<ChartSpec>): string => `
(function () {
  var specs = ${scriptSafeJson(specs.map((s) => ({ id: s.id, config: s.config })))};
  var drawn = {};
  var counter = {
    id: 'parcoursRenderedCounter',
    afterRender: function (chart) {
      if (drawn[chart.canvas.id]) return;
      drawn[chart.canvas.id] = true;
      document.body.setAttribute('data-charts-rendered', String(Object.keys(drawn).length));
    }
  };
  specs.forEach(function (spec) {
    var canvas = document.getElementById(spec.id);
    if (canvas) new Chart(canvas, Object.assign({}, spec.config, { plugins: [counter] }));
  });
})();
`
