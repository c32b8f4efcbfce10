// Thin wrapper around ApexCharts 4.7.0 (copied into wwwroot/lib by the build). The library is loaded on first use,
// so pages without charts never download it. Options arrive as JSON strings: the C# side drops nulls, which ApexCharts
// would otherwise treat as explicit values.
const charts = new WeakMap();
let loading;

// Whoever asks their system for less motion (vestibular disorders, WCAG 2.3.3; also the docs' screenshots) gets every
// chart drawn at once: ApexCharts animates series in and on every update by default.
const reducedMotion = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;

function withMotionPreference(element, options) {
    if (reducedMotion()) {
        options.chart = { ...options.chart, animations: { enabled: false } };
        element.dataset.animations = "off";
    }
    return options;
}

// Options are JSON, so they cannot carry functions: `yaxis.labels.percentDecimals: d` asks for the axis (and the
// tooltip, which uses the axis formatter) in percent, 0.086 → "8.6%" with d = 1; `yaxis.labels.groupedLocale: "en-IN"`
// for whole numbers grouped the way that culture writes amounts, 123456.7 → "1,23,457"; `xaxis.labels.everyNth: n`
// writes every n-th category label (the first included) and leaves the others blank, for a narrow screen where twenty
// labels only fit rotated — the tooltip, which gets no label index, still names every bar; a radial bar's
// `plotOptions.radialBar.dataLabels.value.text: "110%"` writes that text in the middle instead of the series value,
// for a gauge whose arc stops at 100% when the figure does not. Responsive entries' options get the same treatment,
// since ApexCharts merges them in without running this code.
function withFormatters(options) {
    const gaugeValue = options.plotOptions?.radialBar?.dataLabels?.value;
    if (gaugeValue && typeof gaugeValue.text === "string") {
        const text = gaugeValue.text;
        gaugeValue.formatter = () => text;
    }
    const xLabels = options.xaxis?.labels;
    if (xLabels && Number.isInteger(xLabels.everyNth) && xLabels.everyNth > 1) {
        const n = xLabels.everyNth;
        xLabels.formatter = (value, _timestamp, context) => context?.i === undefined || context.i % n === 0 ? value : "";
    }
    options.responsive?.forEach(entry => entry.options && withFormatters(entry.options));
    const labels = options.yaxis?.labels;
    if (labels && Number.isInteger(labels.percentDecimals)) {
        const decimals = labels.percentDecimals;
        labels.formatter = value => `${(value * 100).toFixed(decimals)}%`;
    } else if (labels && typeof labels.groupedLocale === "string") {
        const grouped = new Intl.NumberFormat(labels.groupedLocale, { maximumFractionDigits: 0 });
        labels.formatter = value => grouped.format(value);
    }
    return options;
}

// Every options object the page sends goes through the same two adjustments.
const parseOptions = (element, optionsJson) => withFormatters(withMotionPreference(element, JSON.parse(optionsJson)));

function loadLibrary(url) {
    if (window.ApexCharts) {
        return Promise.resolve();
    }
    loading ??= new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = url;
        script.onload = () => resolve();
        script.onerror = () => {
            loading = undefined;
            reject(new Error(`Could not load ${url}`));
        };
        document.head.appendChild(script);
    });
    return loading;
}

export async function create(element, libraryUrl, optionsJson) {
    await loadLibrary(libraryUrl);
    // The component may have been disposed while the library was loading.
    if (!element.isConnected || charts.has(element)) {
        return;
    }
    const chart = new window.ApexCharts(element, parseOptions(element, optionsJson));
    charts.set(element, chart);
    await chart.render();
}

export async function updateOptions(element, optionsJson) {
    await charts.get(element)?.updateOptions(parseOptions(element, optionsJson), false, !reducedMotion());
}

export async function updateSeries(element, seriesJson) {
    await charts.get(element)?.updateSeries(JSON.parse(seriesJson), !reducedMotion());
}

export function destroy(element) {
    const chart = charts.get(element);
    if (chart) {
        charts.delete(element);
        chart.destroy();
    }
}
