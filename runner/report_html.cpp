#include "report_html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>
#include <stdexcept>
#include <string_view>

#include "problem_string.h"
#include "summary.h"

namespace tconv {
namespace {

using nlohmann::json;

constexpr std::int64_t kMaxCells = 64;  // per side of a heat map; larger planes are downsampled
constexpr int kPlanesShown = 4;         // (n, c) planes per failure, 1-D and 2-D
constexpr int kVolumesShown = 2;        // (n, c) volumes per failure, 3-D
constexpr int kOpenFailures = 10;       // failures shown expanded (and drawn) on load
constexpr int kFailuresWithMaps = 100;  // bounds the page's size

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  // Control bytes (from an adapter's message) are not HTML characters: shown as \xNN.
  for (char ch : terminal_text(text, true)) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

// ---- Heat-map data --------------------------------------------------------------------

// How far off one output element is: |error| / allowed error, or |error| itself when the
// comparison is exact (every allowed error 0). Infinite where an error is not allowed at
// all, NaN where the element is NaN, Inf or unwritten.
struct Severity {
  bool exact;
  double operator()(double abs_error, double allowed) const {
    if (std::isnan(abs_error) || exact || abs_error == 0) return abs_error;
    return allowed > 0 ? abs_error / allowed : std::numeric_limits<double>::infinity();
  }
  bool fails(double s) const { return std::isnan(s) || s > (exact ? 0 : 1); }
};

// NaN (unwritten, non-finite) outranks every value, so downsampling keeps it visible.
double worst(double a, double b) { return std::isnan(a) || std::isnan(b) ? NAN : std::max(a, b); }

// A cell for the page's script: null for NaN, "inf", or the value to 4 significant digits.
json cell_json(double s) {
  if (std::isnan(s)) return nullptr;
  if (std::isinf(s)) return "inf";
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", s);
  return std::stod(text);
}

// The output as (n, c) volumes of depth x height x width: rank 1 and 2 right-aligned.
struct OutputGeometry {
  std::int64_t batch, channels, depth = 1, height = 1, width;
  int rank;
  explicit OutputGeometry(const std::vector<std::int64_t>& shape)
      : batch(shape[0]),
        channels(shape[1]),
        width(shape.back()),
        rank(static_cast<int>(shape.size()) - 2) {
    if (rank == 3) depth = shape[2];
    if (rank >= 2) height = shape[shape.size() - 2];
  }
  std::int64_t volumes() const { return batch * channels; }
  std::int64_t plane() const { return height * width; }
  std::int64_t offset(std::int64_t volume, std::int64_t d) const {
    return (volume * depth + d) * plane();
  }
  std::string volume_name(std::int64_t volume) const {
    return "n=" + std::to_string(volume / channels) + " c=" + std::to_string(volume % channels);
  }
};

// One height x width plane starting at `offset`, downsampled by the worst value per
// block to at most kMaxCells per side.
json plane_map(const std::vector<double>& severity, const OutputGeometry& g, std::int64_t offset,
               const std::string& title) {
  const std::int64_t block_h = (g.height + kMaxCells - 1) / kMaxCells;
  const std::int64_t block_w = (g.width + kMaxCells - 1) / kMaxCells;
  const std::int64_t rows = (g.height + block_h - 1) / block_h,
                     cols = (g.width + block_w - 1) / block_w;
  json cells = json::array();
  for (std::int64_t r = 0; r < rows; ++r) {
    for (std::int64_t c = 0; c < cols; ++c) {
      double cell = 0;
      for (std::int64_t h = r * block_h; h < std::min(g.height, (r + 1) * block_h); ++h) {
        for (std::int64_t w = c * block_w; w < std::min(g.width, (c + 1) * block_w); ++w) {
          cell = worst(cell, severity[offset + h * g.width + w]);
        }
      }
      cells.push_back(cell_json(cell));
    }
  }
  return {{"title", title},
          {"rows", rows},
          {"cols", cols},
          {"height", g.height},
          {"width", g.width},
          {"block", {block_h, block_w}},
          {"row_axis", g.rank >= 2 ? "h" : ""},
          {"col_axis", "w"},
          {"cells", cells}};
}

std::string list_text(const std::vector<std::int64_t>& values) {
  std::string text;
  for (std::size_t i = 0; i < values.size() && i < 12; ++i)
    text += (i ? ", " : "") + std::to_string(values[i]);
  return values.size() > 12 ? text + ", ..." : text;
}

void check_error_map(const CaseRecord& c) {
  const ErrorMap& m = *c.error_map;
  const bool ranked =
      m.shape.size() >= 3 && m.shape.size() <= 5 &&
      std::all_of(m.shape.begin(), m.shape.end(), [](std::int64_t s) { return s >= 1; });
  const std::int64_t elements =
      ranked ? std::accumulate(m.shape.begin(), m.shape.end(), std::int64_t{1}, std::multiplies<>())
             : -1;
  const auto fits = [&](const std::vector<double>& values, bool optional) {
    return (optional && values.empty()) || values.size() == static_cast<std::size_t>(elements);
  };
  if (!ranked || !fits(m.abs_error, false) || !fits(m.allowed, false) || !fits(m.expected, true) ||
      !fits(m.actual, true) || m.expected.size() != m.actual.size()) {
    throw std::invalid_argument(
        "case " + c.id + ": error map of " + std::to_string(m.abs_error.size()) + " errors and " +
        std::to_string(m.allowed.size()) + " allowed, " + std::to_string(m.expected.size()) +
        " expected and " + std::to_string(m.actual.size()) +
        " actual values does not fit its shape of rank " +
        std::to_string(m.shape.size()) + " and " + std::to_string(elements) + " elements");
  }
}

// The signed panels of the plane (a depth slice in 3-D) holding the largest error: the
// expected values, the actual ones and actual - expected, each cell the element of its
// block with the largest |error| (NaN, an element NaN, Inf or unwritten, above all).
// Null when the comparison did not record the values.
json signed_panels(const ErrorMap& m) {
  if (m.expected.empty()) return nullptr;
  const OutputGeometry g(m.shape);
  std::vector<double> error(m.actual.size());
  for (std::size_t i = 0; i < error.size(); ++i)
    error[i] = std::isfinite(m.actual[i]) ? m.actual[i] - m.expected[i] : NAN;
  // Whether element a's error outranks element b's: NaN first, then by magnitude.
  const auto outranks = [&](std::int64_t a, std::int64_t b) {
    return !std::isnan(error[b]) && (std::isnan(error[a]) || std::abs(error[a]) > std::abs(error[b]));
  };
  std::int64_t largest = 0;
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(error.size()); ++i)
    if (outranks(i, largest)) largest = i;
  const std::int64_t volume = largest / (g.depth * g.plane());
  const std::int64_t d = largest / g.plane() % g.depth;
  const std::int64_t offset = g.offset(volume, d);
  const std::int64_t block_h = (g.height + kMaxCells - 1) / kMaxCells;
  const std::int64_t block_w = (g.width + kMaxCells - 1) / kMaxCells;
  const std::int64_t rows = (g.height + block_h - 1) / block_h,
                     cols = (g.width + block_w - 1) / block_w;
  json expected = json::array(), actual = json::array(), signed_error = json::array();
  double value_range = 0, error_range = 0;
  for (std::int64_t r = 0; r < rows; ++r) {
    for (std::int64_t c = 0; c < cols; ++c) {
      std::int64_t pick = offset + r * block_h * g.width + c * block_w;
      for (std::int64_t h = r * block_h; h < std::min(g.height, (r + 1) * block_h); ++h) {
        for (std::int64_t w = c * block_w; w < std::min(g.width, (c + 1) * block_w); ++w) {
          if (outranks(offset + h * g.width + w, pick)) pick = offset + h * g.width + w;
        }
      }
      expected.push_back(cell_json(m.expected[pick]));
      actual.push_back(cell_json(std::isfinite(m.actual[pick]) ? m.actual[pick] : NAN));
      signed_error.push_back(cell_json(error[pick]));
      for (double v : {m.expected[pick], m.actual[pick]})
        if (std::isfinite(v)) value_range = std::max(value_range, std::abs(v));
      if (!std::isnan(error[pick])) error_range = std::max(error_range, std::abs(error[pick]));
    }
  }
  const auto panel = [&](const char* label, json cells, double range) {
    return json{{"label", label}, {"cells", std::move(cells)}, {"range", cell_json(range)}};
  };
  return {{"title", g.volume_name(volume) + (g.rank == 3 ? " d=" + std::to_string(d) : "")},
          {"rows", rows},
          {"cols", cols},
          {"height", g.height},
          {"width", g.width},
          {"block", {block_h, block_w}},
          {"row_axis", g.rank >= 2 ? "h" : ""},
          {"col_axis", "w"},
          {"panels",
           json::array({panel("expected", std::move(expected), value_range),
                        panel("actual", std::move(actual), value_range),
                        panel("actual \u2212 expected", std::move(signed_error), error_range)})}};
}

// The page script's data for one failure: the colour scale (decades lo..hi of the
// log scale above the threshold), notes, and the maps of the first failing (n, c)
// planes (1-D: strips; 3-D: depth slices 0, 1, 2 and the last of the first volumes).
json heat_maps(const ErrorMap& m) {
  const Severity severity_of{
      std::all_of(m.allowed.begin(), m.allowed.end(), [](double a) { return a == 0; })};
  const OutputGeometry g(m.shape);
  std::vector<double> severity(m.abs_error.size());
  std::int64_t failing = 0, unwritten = 0;
  double smallest = INFINITY, largest = 0;  // over the failing finite values
  std::vector<std::int64_t> failing_volumes;
  for (std::size_t i = 0; i < severity.size(); ++i) {
    const double s = severity[i] = severity_of(m.abs_error[i], m.allowed[i]);
    if (!severity_of.fails(s)) continue;
    ++failing;
    unwritten += std::isnan(s);
    if (std::isfinite(s)) {
      smallest = std::min(smallest, s);
      largest = std::max(largest, s);
    }
    const std::int64_t volume = static_cast<std::int64_t>(i) / (g.depth * g.plane());
    if (failing_volumes.empty() || failing_volumes.back() != volume)
      failing_volumes.push_back(volume);
  }
  const int lo =
      severity_of.exact && largest > 0 ? static_cast<int>(std::floor(std::log10(smallest))) : 0;
  const int hi =
      std::max(lo + 1, largest > 0 ? static_cast<int>(std::ceil(std::log10(largest))) : 0);

  std::vector<std::int64_t> shown =
      failing_volumes.empty() ? std::vector<std::int64_t>{0} : failing_volumes;
  shown.resize(std::min<std::size_t>(shown.size(), g.rank == 3 ? kVolumesShown : kPlanesShown));
  json notes =
      json::array({std::to_string(failing) + " of " + std::to_string(severity.size()) +
                   " elements fail (" + std::to_string(unwritten) + " NaN, Inf or unwritten); " +
                   std::to_string(failing_volumes.size()) + " of " + std::to_string(g.volumes()) +
                   " (n, c) planes have failures, " + std::to_string(shown.size()) + " shown"});
  json maps = json::array();
  for (std::int64_t volume : shown) {
    if (g.rank < 3) {
      maps.push_back(plane_map(severity, g, g.offset(volume, 0), g.volume_name(volume)));
      continue;
    }
    std::vector<std::int64_t> failing_slices;
    for (std::int64_t d = 0; d < g.depth; ++d) {
      const auto begin = severity.begin() + g.offset(volume, d);
      if (std::any_of(begin, begin + g.plane(), [&](double s) { return severity_of.fails(s); })) {
        failing_slices.push_back(d);
      }
    }
    notes.push_back(g.volume_name(volume) + ": failures in depth slices d = " +
                    list_text(failing_slices) + " of 0.." + std::to_string(g.depth - 1));
    std::vector<std::int64_t> slices;
    for (std::int64_t d = 0; d < std::min<std::int64_t>(3, g.depth); ++d) slices.push_back(d);
    if (g.depth > 3) slices.push_back(g.depth - 1);
    for (std::int64_t d : slices) {
      maps.push_back(plane_map(severity, g, g.offset(volume, d),
                               g.volume_name(volume) + " d=" + std::to_string(d)));
    }
  }
  return {{"scale", {{"kind", severity_of.exact ? "absolute" : "ratio"}, {"lo", lo}, {"hi", hi}}},
          {"notes", notes},
          {"signed", signed_panels(m)},
          {"maps", maps}};
}

// ---- The page -------------------------------------------------------------------------

constexpr const char* kStyle = R"css(
body { font: 14px/1.45 system-ui, sans-serif; color: #1b1b1b; margin: 0 auto;
       padding: 0 1.5em 3em; max-width: 72em; }
h1 { font-size: 1.5em; margin: 1em 0 .3em; }
h2 { font-size: 1.2em; margin-top: 1.8em; border-bottom: 1px solid #ddd; }
code, pre { font: 12.5px/1.4 ui-monospace, monospace; }
pre { background: #f6f6f6; padding: .5em .7em; white-space: pre-wrap; overflow-wrap: anywhere;
      margin: .2em 0; }
dl.run, dl.case { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em;
                  margin: .5em 0; }
dt { color: #666; }
dd { margin: 0; min-width: 0; }
.outcome { font-size: 1.15em; font-weight: 600; padding: .4em .7em; border-radius: 4px;
           display: inline-block; }
.outcome.pass { background: #e3f4e4; color: #17621d; }
.outcome.fail { background: #fde4e1; color: #9b1c12; }
.tables { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
table { border-collapse: collapse; }
th, td { padding: .15em .6em; border-bottom: 1px solid #eee; text-align: right; }
th:first-child, td:first-child, table.list td, table.list th { text-align: left; }
tr.failing td { background: #fdecea; }
.badge { font-size: .85em; padding: .05em .45em; border-radius: 3px; background: #c62828;
         color: #fff; }
details.failure { border: 1px solid #e0c4c0; border-radius: 4px; margin: .6em 0;
                  padding: .3em .8em; }
details.failure > summary { cursor: pointer; }
.notes { color: #444; margin: .4em 0; }
.legend { display: flex; flex-wrap: wrap; gap: .3em 1em; margin: .4em 0; font-size: .9em; }
.swatch { display: inline-block; width: 1.1em; height: 1.1em; vertical-align: middle;
          border: 1px solid #999; margin-right: .3em; }
.maps { display: flex; flex-wrap: wrap; gap: 1em; }
figure.map { margin: 0; }
figure.map figcaption { font-size: .9em; }
.readout { font-size: .85em; color: #555; min-height: 1.3em; }
svg.heat-map text, svg.signed-map text { font: 11px sans-serif; fill: #444; }
)css";

// Draws the heat maps of a failure when it is opened, as SVG <rect>s, one per cell,
// row-major, coloured by the same function as the legend.
constexpr const char* kScript = R"js(
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('heat-map-data').textContent);
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const NAN = '#8e24aa', ZERO = '#ffffff';
  const WITHIN = [[0xf1, 0xf6, 0xfb], [0x9e, 0xca, 0xe1]];
  const RAMP = [[0xfe, 0xd9, 0x76], [0xfd, 0x8d, 0x3c], [0xe3, 0x1a, 0x1c], [0x67, 0x00, 0x0d]];
  // Signed values: blue below zero, white at zero, red above.
  const BLUE_RED = [[0x21, 0x66, 0xac], [0x92, 0xc5, 0xde], [0xff, 0xff, 0xff],
                    [0xf4, 0xa5, 0x82], [0xb2, 0x18, 0x2b]];

  function hex(rgb) {
    return '#' + rgb.map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
  }
  function lerp(stops, t) {
    const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
    const i = Math.min(stops.length - 2, Math.floor(x)), f = x - i;
    return hex(stops[i].map((a, k) => a + (stops[i + 1][k] - a) * f));
  }
  function colour(v, scale) {
    if (v === null) return NAN;
    if (v === 'inf') return lerp(RAMP, 1);
    if (v === 0) return ZERO;
    if (scale.kind === 'ratio' && v <= 1) return lerp(WITHIN, v);
    return lerp(RAMP, (Math.log10(v) - scale.lo) / (scale.hi - scale.lo));
  }
  // Square-root scale to +/-range, so that small errors next to a large one stay visible.
  function diverging(v, range) {
    if (v === null) return NAN;
    if (v === 0 || !range) return ZERO;
    const t = Math.sign(v) * Math.sqrt(Math.min(1, Math.abs(v) / range));
    return lerp(BLUE_RED, (t + 1) / 2);
  }
  function describe(v, scale) {
    if (v === null) return 'NaN, Inf or unwritten';
    if (v === 'inf') return 'an error where none is allowed';
    return scale.kind === 'ratio' ? v + ' \u00d7 the allowed error' : '|error| = ' + v;
  }
  function node(ns, tag, attributes, text) {
    const e = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
    for (const [k, v] of Object.entries(attributes || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function legend(scale) {
    const box = node(null, 'div', {class: 'legend'});
    const entries = [[ZERO, '0']];
    if (scale.kind === 'ratio') entries.push([lerp(WITHIN, 0.5), 'within the allowed error']);
    for (let e = scale.lo; e <= scale.hi; ++e) {
      const power = e >= -3 && e <= 4 ? String(Math.pow(10, e).toFixed(Math.max(0, -e))) : '1e' + e;
      const label = scale.kind === 'ratio' ? (e === 0 ? '> 1' : power) + ' \u00d7 allowed'
                                           : '|error| ' + power;
      entries.push([lerp(RAMP, (e - scale.lo) / (scale.hi - scale.lo)), label]);
    }
    entries.push([NAN, 'NaN, Inf or unwritten']);
    for (const [fill, label] of entries) {
      const item = node(null, 'span');
      item.append(node(null, 'span', {class: 'swatch', style: 'background:' + fill}), label);
      box.append(item);
    }
    return box;
  }

  function axisLabel(axis, size, block) {
    return axis + ' 0..' + (size - 1) + (block > 1 ? ' (max of ' + block + ' per cell)' : '');
  }

  // One map of cells: `paint` colours a cell's value, `say` describes it on hover.
  function drawMap(map, cells, paint, say, kind, title) {
    const cell = Math.max(3, Math.min(24, Math.floor(256 / Math.max(map.rows, map.cols))));
    const left = map.row_axis ? 24 : 6, top = 20;
    const width = left + map.cols * cell + 4, height = top + map.rows * cell + 4;
    const svg = node(SVG_NS, 'svg', {class: kind, width, height,
                                     'data-rows': map.rows, 'data-cols': map.cols});
    svg.append(node(SVG_NS, 'text', {x: left, y: 13}, map.col_axis + ' \u2192'));
    if (map.row_axis) {
      svg.append(node(SVG_NS, 'text', {x: 2, y: top + 11}, map.row_axis));
      svg.append(node(SVG_NS, 'text', {x: 3, y: top + 25}, '\u2193'));
    }
    svg.append(node(SVG_NS, 'rect', {x: left - 1, y: top - 1, width: map.cols * cell + 2,
                                     height: map.rows * cell + 2, fill: 'none', stroke: '#888'}));
    cells.forEach((v, i) => {
      const r = Math.floor(i / map.cols), c = i % map.cols;
      svg.append(node(SVG_NS, 'rect', {class: 'cell', x: left + c * cell, y: top + r * cell,
                                       width: cell, height: cell, fill: paint(v)}));
    });
    // "h ..., w ...", or "w ..." alone for a 1-D strip.
    const axes = (row, col) => (map.row_axis ? row + ', ' : '') + col;
    const readout = node(null, 'div', {class: 'readout'});
    svg.addEventListener('mousemove', event => {
      const c = Math.floor((event.offsetX - left) / cell);
      const r = Math.floor((event.offsetY - top) / cell);
      if (r < 0 || c < 0 || r >= map.rows || c >= map.cols) return;
      const at = (axis, i, block) =>
          axis + ' ' + (block > 1 ? i * block + '..' + (i * block + block - 1) : i);
      const where = axes(at(map.row_axis, r, map.block[0]), at(map.col_axis, c, map.block[1]));
      readout.textContent = where + ': ' + say(cells[r * map.cols + c]);
    });
    const figure = node(null, 'figure', {class: 'map'});
    const caption = title + ' \u2014 ' + axes(axisLabel(map.row_axis, map.height, map.block[0]),
                                                  axisLabel(map.col_axis, map.width, map.block[1]));
    figure.append(node(null, 'figcaption', {}, caption), svg, readout);
    return figure;
  }

  // Expected, actual and actual - expected of the plane with the largest error.
  function drawSigned(box, plane) {
    box.append(node(null, 'p', {class: 'notes'},
        'Plane ' + plane.title + ', the one with the largest error: expected and actual ' +
        'values on one scale, and the signed error actual \u2212 expected (blue below zero, ' +
        'white zero, red above; square-root scale to \u00b1 the largest value).'));
    const legend = node(null, 'div', {class: 'legend'});
    const range = plane.panels[2].range;
    for (const [fill, label] of [[diverging(-1, 1), '\u2212' + range], [ZERO, '0'],
                                 [diverging(1, 1), '+' + range], [NAN, 'NaN, Inf or unwritten']]) {
      const item = node(null, 'span');
      item.append(node(null, 'span', {class: 'swatch', style: 'background:' + fill}), label);
      legend.append(item);
    }
    box.append(legend);
    const panels = node(null, 'div', {class: 'maps signed'});
    plane.panels.forEach(panel => panels.append(
        drawMap(plane, panel.cells, v => diverging(v, panel.range),
                v => v === null ? 'NaN, Inf or unwritten' : panel.label + ' = ' + v,
                'signed-map', panel.label)));
    box.append(panels);
  }

  function draw(details) {
    const box = details.querySelector('.heat-maps');
    if (!details.open || !box || box.dataset.drawn) return;
    box.dataset.drawn = 'true';
    const entry = data[box.dataset.case];
    const measure = entry.scale.kind === 'ratio'
        ? '|error| / allowed error (log scale above the bound). '
        : '|error|, log scale (exact comparison: any error fails). ';
    const notes = 'Heat map: ' + measure + entry.notes.join('. ') + '.';
    box.append(node(null, 'p', {class: 'notes'}, notes));
    box.append(legend(entry.scale));
    if (entry.signed) drawSigned(box, entry.signed);
    const maps = node(null, 'div', {class: 'maps'});
    entry.maps.forEach(map => maps.append(
        drawMap(map, map.cells, v => colour(v, entry.scale), v => describe(v, entry.scale),
                'heat-map', map.title)));
    box.append(maps);
  }
  document.querySelectorAll('details.failure').forEach(details => {
    draw(details);
    details.addEventListener('toggle', () => draw(details));
  });
})();
)js";

void write_counts_table(std::ostream& out, const std::string& title,
                        const std::vector<SummaryRow>& rows) {
  out << "<table><thead><tr><th>" << html_escape(title)
      << "</th><th>passed</th><th>failed</th><th>unsupported</th></tr></thead><tbody>\n";
  for (const SummaryRow& row : rows) {
    out << "<tr" << (row.counts.failed ? " class=\"failing\"" : "") << "><td>"
        << html_escape(row.name) << "</td><td>" << row.counts.passed << "</td><td>"
        << row.counts.failed << "</td><td>" << row.counts.unsupported << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", seconds);
  return text;
}

void write_header(std::ostream& out, const RunReport& report) {
  const std::pair<const char*, std::string> fields[] = {
      {"implementation", report.implementation},
      {"version", report.implementation_version},
      {"seed", std::to_string(report.seed)},
      {"shard", "index " + std::to_string(report.shard_index) + " of " +
                    std::to_string(report.shard_count) + " shards"},
      {"started", report.started_at},
      {"duration", seconds_text(report.seconds)}};
  out << "<header>\n<h1>tconv-conform: " << html_escape(report.implementation)
      << "</h1>\n<dl class=\"run\">\n";
  for (const auto& [name, value] : fields)
    out << "<dt>" << name << "</dt><dd>" << html_escape(value) << "</dd>\n";
  out << "<dt>command line</dt><dd><code>" << html_escape(report.command_line)
      << "</code></dd>\n</dl>\n"
      << "<p class=\"outcome " << (report.failures() ? "fail" : "pass") << "\" id=\"outcome\">"
      << html_escape(conformance_line(report)) << "</p>\n</header>\n";
}

void write_summary(std::ostream& out, const RunReport& report) {
  const Summary s = summarize(report);
  out << "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"tables\">\n";
  write_counts_table(out, "feature", s.by_feature);
  out << "<div>\n<table><thead><tr><th>verdict</th><th>cases</th></tr></thead><tbody>\n";
  for (const auto& [verdict, n] : s.by_verdict) {
    out << "<tr" << (is_failure(verdict) ? " class=\"failing\"" : "") << "><td>"
        << html_escape(report_name(verdict)) << "</td><td>" << n << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
  if (!s.by_source.empty()) write_counts_table(out, "golden source", s.by_source);
  if (!s.by_layer.empty()) write_counts_table(out, "real layer (topology)", s.by_layer);
  if (!s.by_check.empty()) write_counts_table(out, "property check", s.by_check);
  write_counts_table(out, "all cases", {{"total", s.total}});
  out << "</div>\n</div>\n</section>\n";
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

void write_failure(std::ostream& out, const CaseRecord& c, int number, json& heat_map_data) {
  out << "<details class=\"failure\" id=\"failure-" << number << "\""
      << (number <= kOpenFailures ? " open" : "") << ">\n<summary><span class=\"badge\">"
      << html_escape(report_name(c.verdict)) << "</span> <code>" << html_escape(c.id)
      << "</code> &mdash; " << html_escape(c.phase + (c.source.empty() ? "" : " ") + c.source)
      << ": " << html_escape(c.check)
      << "</summary>\n<dl class=\"case\">\n<dt>problem</dt><dd><code>"
      << html_escape(to_string(c.problem)) << "</code> " << html_escape(c.dtype) << "</dd>\n";
  if (c.original_problem) {
    out << "<dt>shrunk</dt><dd>from <code>" << html_escape(to_string(*c.original_problem))
        << "</code> in " << c.shrink_steps << " steps</dd>\n";
  }
  out << "<dt>verdict</dt><dd>" << html_escape(report_name(c.verdict)) << "</dd>\n"
      << "<dt>message</dt><dd><pre>" << html_escape(c.message) << "</pre></dd>\n"
      << "<dt>reproduce</dt><dd><pre><code>" << html_escape(c.reproduce) << "</code></pre></dd>\n"
      << "<dt>features</dt><dd>" << html_escape(join(c.features)) << "</dd>\n</dl>\n";
  if (!c.error_map) {
    out << "<p class=\"notes\">No heat map: the case has no computed output.</p>\n";
  } else if (number > kFailuresWithMaps) {
    out << "<p class=\"notes\">No heat map: only the first " << kFailuresWithMaps
        << " failures have one here; the JSON report holds every error map.</p>\n";
  } else {
    heat_map_data[std::to_string(number)] = heat_maps(*c.error_map);
    out << "<div class=\"heat-maps\" data-case=\"" << number << "\"></div>\n";
  }
  out << "</details>\n";
}

// One row per failure group (report.h), linking to its smallest case; `failures` is the
// order the failures are numbered in.
void write_groups(std::ostream& out, const RunReport& report,
                  const std::vector<const CaseRecord*>& failures) {
  const std::vector<FailureGroup> groups = failure_groups(report);
  out << "<section id=\"groups\">\n<h2>Failure groups: " << groups.size()
      << "</h2>\n<p class=\"notes\">A group is one verdict and one failure class: the shrunk "
         "problem of a property case, the feature set of a golden case.</p>\n<table "
         "class=\"list\"><thead><tr><th>verdict</th><th>failures</th><th>failure class</th>"
         "<th>smallest case</th></tr></thead><tbody>\n";
  for (const FailureGroup& g : groups) {
    const auto number =
        std::find(failures.begin(), failures.end(), g.cases.front()) - failures.begin() + 1;
    out << "<tr class=\"failing\"><td>" << html_escape(report_name(g.verdict)) << "</td><td>"
        << g.cases.size() << "</td><td><code>" << html_escape(g.failure_class)
        << "</code></td><td><a href=\"#failure-" << number << "\"><code>"
        << html_escape(g.cases.front()->id) << "</code></a></td></tr>\n";
  }
  out << "</tbody></table>\n</section>\n";
}

void write_unsupported(std::ostream& out, const RunReport& report) {
  out << "<section id=\"unsupported\">\n<h2>Unsupported: " << report.count(Verdict::unsupported)
      << " cases, not counted as passes</h2>\n<table "
         "class=\"list\"><thead><tr><th>case</th><th>reason</th></tr></thead><tbody>\n";
  for (const CaseRecord& c : report.cases) {
    if (c.verdict != Verdict::unsupported) continue;
    out << "<tr><td><code>" << html_escape(c.id) << "</code></td><td><code>"
        << html_escape(c.message) << "</code></td></tr>\n";
  }
  out << "</tbody></table>\n</section>\n";
}

}  // namespace

void write_html_report(std::ostream& out, const RunReport& report) {
  for (const CaseRecord& c : report.cases) {
    if (c.error_map) check_error_map(c);
  }
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
      << html_escape("tconv-conform " + report.implementation + ": " + conformance_line(report))
      << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
  write_header(out, report);
  write_summary(out, report);
  json heat_map_data = json::object();
  const std::vector<const CaseRecord*> failures = failures_smallest_first(report);
  if (!failures.empty()) write_groups(out, report, failures);
  out << "<section id=\"failures\">\n<h2>Failures: " << report.failures()
      << ", smallest first</h2>\n";
  int number = 0;
  for (const CaseRecord* c : failures) write_failure(out, *c, ++number, heat_map_data);
  out << "</section>\n";
  if (report.count(Verdict::unsupported) > 0) write_unsupported(out, report);
  // "<" occurs only inside JSON strings, where \u003c keeps "</script>" from ending the block.
  std::string data = heat_map_data.dump(-1, ' ', false, json::error_handler_t::replace);
  for (std::size_t at = data.find('<'); at != std::string::npos; at = data.find('<', at))
    data.replace(at, 1, "\\u003c");
  out << "<script type=\"application/json\" id=\"heat-map-data\">" << data << "</script>\n"
      << "<noscript><p>The heat maps are drawn by the page's script.</p></noscript>\n"
      << "<script>" << kScript << "</script>\n</body>\n</html>\n";
}

}  // namespace tconv
