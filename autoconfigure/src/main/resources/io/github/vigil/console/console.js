// Vigil agent console: reads the vigil Actuator endpoint and draws it. No framework, no build step.
(function () {
  'use strict';
  const state = { endpoint: '/actuator/vigil', refresh: 5, replay: false, tool: null, runId: null };
  const $ = (id) => document.getElementById(id);
  const esc = (text) => String(text === null || text === undefined ? '' : text)
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const pct = (rate) => (rate === null || rate === undefined) ? 'no calls' : (100 * rate).toFixed(1) + '%';
  const ms = (value) => (value === null || value === undefined) ? '–' : Number(value).toFixed(1) + ' ms';

  async function get(path) {
    const response = await fetch(state.endpoint + path, { headers: { Accept: 'application/json' } });
    if (response.status === 404 && path === '') {
      throw new Error('The vigil Actuator endpoint is not exposed at ' + state.endpoint
        + ': add vigil to management.endpoints.web.exposure.include.');
    }
    if (response.status === 401 || response.status === 403) {
      throw new Error('Not allowed to read ' + state.endpoint + path + ' (HTTP ' + response.status
        + '): sign in with a role that may read the vigil endpoint.');
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(body.error || ('HTTP ' + response.status + ' from ' + state.endpoint + path));
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function problem(message) {
    const box = $('problem');
    box.hidden = !message;
    box.textContent = message || '';
  }

  function lineChart(tools) {
    const width = 640, height = 180, left = 40, right = 110, top = 10, bottom = 24;
    const minutes = 60, now = Date.now();
    const x = (t) => left + (width - left - right) * (1 - (now - t) / (minutes * 60000));
    const y = (rate) => top + (height - top - bottom) * (1 - rate);
    const dashes = ['', '6 3', '2 3', '8 3 2 3', '1 4'];
    let svg = '<svg viewBox="0 0 ' + width + ' ' + height + '" role="img" aria-label="Tool success rate, each minute of the last hour">';
    [0, 0.5, 1].forEach((r) => {
      svg += '<line x1="' + left + '" x2="' + (width - right) + '" y1="' + y(r) + '" y2="' + y(r) + '" stroke="#d5d9e0"/>'
        + '<text x="4" y="' + (y(r) + 4) + '">' + (100 * r) + '%</text>';
    });
    svg += '<text x="' + left + '" y="' + (height - 6) + '">-60 min</text><text x="' + (width - right - 24) + '" y="' + (height - 6) + '">now</text>';
    tools.forEach((tool, i) => {
      const points = (tool.series || []).filter((p) => p.calls > 0)
        .map((p) => [x(Date.parse(p.start) + 30000), y(1 - p.errors / p.calls)]);
      if (!points.length) return;
      svg += '<polyline fill="none" stroke="#1d2330" stroke-width="1.6" stroke-dasharray="' + dashes[i % dashes.length]
        + '" points="' + points.map((p) => p[0].toFixed(1) + ',' + p[1].toFixed(1)).join(' ') + '"/>'
        + points.map((p) => '<circle cx="' + p[0].toFixed(1) + '" cy="' + p[1].toFixed(1) + '" r="2.5" fill="#1d2330"/>').join('');
      const last = points[points.length - 1];
      svg += '<text x="' + (last[0] + 4) + '" y="' + (last[1] + 4) + '">' + esc(tool.tool) + '</text>';
    });
    return svg + '</svg>';
  }

  function histogram(tokens) {
    const bars = tokens.buckets.filter((b) => b.runs > 0);
    if (!bars.length) return '<p class="hint">No runs yet.</p>';
    const width = 640, height = 200, left = 40, top = 16, bottom = 36;
    const max = Math.max(...bars.map((b) => b.runs));
    const w = (width - left - 10) / bars.length;
    const xOf = (tokensValue) => {
      const i = bars.findIndex((b) => b.to < 0 || tokensValue <= b.to);
      const index = i < 0 ? bars.length - 1 : i;
      const b = bars[index];
      const span = (b.to < 0 ? b.from * 4 : b.to) - b.from;
      return left + w * index + w * Math.min(1, Math.max(0, (tokensValue - b.from) / (span || 1)));
    };
    let svg = '<svg viewBox="0 0 ' + width + ' ' + height + '" role="img" aria-label="Tokens per run, runs per range">';
    bars.forEach((b, i) => {
      const h = (height - top - bottom) * b.runs / max;
      svg += '<rect x="' + (left + w * i + 2) + '" y="' + (height - bottom - h) + '" width="' + (w - 4) + '" height="' + h + '" fill="#7a8aa8"><title>'
        + b.runs + ' runs of ' + b.from + '–' + (b.to < 0 ? '∞' : b.to) + ' tokens</title></rect>'
        + '<text x="' + (left + w * i + 2) + '" y="' + (height - bottom + 12) + '">≤' + (b.to < 0 ? '∞' : b.to) + '</text>'
        + '<text x="' + (left + w * i + 2) + '" y="' + (height - bottom - h - 3) + '">' + b.runs + '</text>';
    });
    tokens.baselines.forEach((baseline) => {
      [['baseline p95 ' + baseline.p95, baseline.p95, ''], ['3× baseline ' + baseline.limit, baseline.limit, '5 3']].forEach((line) => {
        const lx = xOf(line[1]);
        svg += '<line x1="' + lx + '" x2="' + lx + '" y1="' + top + '" y2="' + (height - bottom) + '" stroke="#b3261e" stroke-dasharray="' + line[2] + '"/>'
          + '<text x="' + (lx + 3) + '" y="' + (top + 10) + '">' + esc(baseline.agent + ': ' + line[0]) + '</text>';
      });
    });
    svg += '<text x="' + left + '" y="' + (height - 6) + '">tokens per run (' + tokens.runs + ' runs)</text>';
    return svg + '</svg>';
  }

  function renderConsole(data) {
    $('window').textContent = data.window;
    state.replay = data.replay;
    const rows = data.tools.map((t) => '<tr data-tool="' + esc(t.tool) + '"><td>' + esc(t.tool) + '</td>'
      + '<td class="num success ' + ((t.success_rate !== null && t.success_rate < 0.95) ? 'bad' : 'ok') + '">'
      + pct(t.success_rate) + ((t.success_rate !== null && t.success_rate < 0.95) ? ' ▼' : '') + '</td>'
      + '<td class="num">' + esc(t.calls === undefined ? '–' : t.calls) + '</td><td class="num">' + esc(t.errors === undefined ? '–' : t.errors) + '</td>'
      + '<td class="num">' + t.errors_total + ' of ' + t.calls_total + ' failed</td></tr>');
    $('tools').tBodies[0].innerHTML = rows.join('') || '<tr><td colspan="5">No tool calls yet.</td></tr>';
    $('tools-chart').innerHTML = data.store ? lineChart(data.tools) : '<p class="hint">The run store is off (vigil.store.enabled=false): no history to draw.</p>';
    const errors = [];
    data.tools.forEach((t) => (t.error_types || []).forEach((e) => errors.push('<tr><td>' + esc(t.tool) + '</td><td>'
      + esc(e.type) + '</td><td class="num">' + e.count + '</td></tr>')));
    $('errors').tBodies[0].innerHTML = errors.join('') || '<tr><td colspan="3">No tool errors in the last ' + esc(data.window) + '.</td></tr>';
    $('latency').tBodies[0].innerHTML = data.latency.map((l) => '<tr><td>' + l.kind + '</td><td>' + esc(l.name)
      + '</td><td class="num">' + ms(l.p50_ms) + '</td><td class="num">' + ms(l.p95_ms) + '</td><td class="num">'
      + ms(l.p99_ms) + '</td><td class="num">' + l.count + '</td></tr>').join('') || '<tr><td colspan="6">No steps yet.</td></tr>';
    $('tokens-chart').innerHTML = histogram(data.tokens);
    const select = $('triage-tool');
    const chosen = state.tool || select.value;
    select.innerHTML = data.tools.map((t) => '<option' + (t.tool === chosen ? ' selected' : '') + '>' + esc(t.tool) + '</option>').join('');
  }

  function renderAlerts(alerts) {
    const items = [];
    const add = (alert, state) => {
      const tool = alert.alert === 'tool-error-rate' ? alert.subject : null;
      items.push('<li data-alert="' + esc(alert.alert) + '" data-subject="' + esc(alert.subject) + '"><span class="badge">'
        + esc(state) + '</span><span class="badge">' + esc(alert.severity) + '</span> <strong>' + esc(alert.alert) + '</strong> '
        + esc(alert.summary) + (tool ? ' <a href="#triage/' + encodeURIComponent(tool) + '" data-triage="' + esc(tool) + '">triage ' + esc(tool) + '</a>' : '') + '</li>');
    };
    (alerts.active || []).forEach((a) => add(a, 'firing'));
    (alerts.resolved || []).forEach((a) => add(a, 'resolved'));
    $('alerts').innerHTML = items.join('') || '<li>No alerts.</li>';
  }

  function renderRuns(body) {
    $('runs').tBodies[0].innerHTML = (body.runs || []).map((r) => '<tr><td><a href="#run/' + encodeURIComponent(r.run_id)
      + '" data-run="' + esc(r.run_id) + '">' + esc(r.run_id.substring(0, 8)) + '</a></td><td>' + esc(r.user_id) + '</td><td class="'
      + (r.outcome === 'completed' ? 'ok' : 'bad') + '">' + esc(r.outcome) + '</td><td class="num">' + r.tokens_used
      + '</td><td class="num">' + (r.cost === undefined || r.cost === null ? '–' : Number(r.cost).toFixed(6) + ' ' + esc(r.currency)) + '</td></tr>').join('')
      || '<tr><td colspan="5">No runs stored yet.</td></tr>';
  }

  function renderEvals(body) {
    const dropped = new Set((body.resolution_drop || []).map((a) => a.subject));
    $('evals').tBodies[0].innerHTML = (body.weeks || []).map((w) => '<tr data-agent="' + esc(w.agent) + '"><td>' + esc(w.agent)
      + '</td><td>' + esc(w.week) + '</td><td class="num">' + w.runs + '</td><td class="num">' + w.scored + '</td><td class="num '
      + (dropped.has(w.agent) ? 'bad' : 'ok') + '">' + (w.resolution_rate === null ? 'not scored' : pct(w.resolution_rate))
      + (dropped.has(w.agent) ? ' ▼' : '') + '</td></tr>').join('') || '<tr><td colspan="5">No runs stored yet.</td></tr>';
  }

  async function showTriage(tool) {
    state.tool = tool;
    const summary = await get('/tools/' + encodeURIComponent(tool));
    const failures = await get('/tools/' + encodeURIComponent(tool) + '/failures?limit=10');
    const type = (summary.error_types || [])[0];
    $('triage').innerHTML = '<dl id="summary">'
      + '<dt>Which tool</dt><dd>' + esc(tool) + ': ' + summary.errors + ' of ' + summary.calls + ' calls failed (' + pct(summary.error_rate) + ') in the last ' + esc(summary.window) + '</dd>'
      + '<dt>One user or many</dt><dd>' + summary.users_affected + ' users; the user hit most has ' + pct(summary.top_user_share) + ' of the failures</dd>'
      + '<dt>Which error</dt><dd>' + (type ? esc(type.type) + ' (' + type.count + '): ' + esc(type.sample_message) : 'none') + '</dd>'
      + '<dt>Since when</dt><dd>' + (summary.onset ? esc(summary.onset) + (summary.recovered_at ? ', recovered ' + esc(summary.recovered_at) : ', still going') : 'no step up (' + esc(summary.onset_basis) + ')') + '</dd></dl>'
      + '<h3>Failing calls</h3><div class="scroll"><table id="failures"><thead><tr><th>time</th><th>user</th><th>error</th><th>arguments</th><th>run</th></tr></thead><tbody>'
      + (failures.failures || []).map((f) => '<tr><td>' + esc(f.timestamp) + '</td><td>' + esc(f.user_id) + '</td><td>' + esc(f.error_type)
        + '</td><td>' + esc(f.arguments) + '</td><td><a href="#run/' + encodeURIComponent(f.run_id) + '" data-run="' + esc(f.run_id) + '">steps</a></td></tr>').join('')
      + '</tbody></table></div>';
  }

  async function showRun(runId) {
    state.runId = runId;
    const run = await get('/runs/' + encodeURIComponent(runId));
    $('run').hidden = false;
    $('run-title').textContent = 'Run ' + run.run_id;
    $('run-facts').innerHTML = '<p>' + esc(run.agent) + ', user ' + esc(run.user_id) + ', ' + esc(run.outcome) + ', '
      + run.tokens_used + ' tokens, ' + run.latency_ms + ' ms' + (run.trace_id ? ', trace ' + esc(run.trace_id) : '') + '</p>'
      + ((run.scores || []).length ? '<p id="run-scores">' + run.scores.map((s) => esc(s.scorer) + ' ' + Number(s.value).toFixed(2)
        + (s.label ? ' (' + esc(s.label) + ')' : '')).join(', ') + (run.feedback ? '; handoff: ' + (run.feedback.resolved ? 'resolved' : 'needed a human') : '')
        + '</p>' : '');
    const total = Math.max(1, run.latency_ms, ...run.steps.map((s) => s.start_offset_ms + s.duration_ms));
    $('waterfall').innerHTML = run.steps.map((s) => '<div class="step" data-kind="' + s.kind + '" data-outcome="' + s.outcome + '">'
      + '<div>' + (s.kind === 'tool' ? 'tool ' : 'model ') + esc(s.name) + ' · ' + s.outcome + (s.error_type ? ' ' + esc(s.error_type) : '')
      + ' · ' + ms(s.duration_ms) + (s.kind === 'tool' && state.replay ? ' <button type="button" data-replay="' + esc(s.replay_path) + '">Replay</button>' : '') + '</div>'
      + '<div class="bar-track"><div class="bar ' + s.kind + (s.outcome === 'error' ? ' error' : '') + '" style="left:'
      + (100 * s.start_offset_ms / total).toFixed(2) + '%;width:' + (100 * s.duration_ms / total).toFixed(2) + '%"></div></div></div>').join('');
    $('replay-result').textContent = '';
  }

  async function replay(path) {
    const response = await fetch(path, { method: 'POST' });
    const body = await response.json().catch(() => ({}));
    $('replay-result').textContent = response.ok
      ? 'Replayed: ' + body.replayed.outcome + (body.replayed.error_type ? ' ' + body.replayed.error_type : '') + ' (recorded: '
        + body.recorded.outcome + (body.recorded.error_type ? ' ' + body.recorded.error_type : '') + ')'
      : 'Replay refused: ' + (body.error || ('HTTP ' + response.status));
  }

  async function refresh() {
    try {
      const overview = await get('');
      const [data, alerts] = await Promise.all([get('/console'), get('/alerts')]);
      renderConsole(data);
      renderAlerts(alerts);
      if (overview.sections.indexOf('runs') >= 0) {
        renderRuns(await get('/runs?limit=20'));
      }
      if (overview.sections.indexOf('evals') >= 0) {
        renderEvals(await get('/evals?weeks=4'));
      }
      problem(null);
      $('status').textContent = 'Updated ' + new Date().toLocaleTimeString() + '; refreshes every ' + state.refresh + ' s.';
    } catch (error) {
      problem(error.message);
      $('status').textContent = 'Not updated.';
    }
  }

  async function route() {
    const hash = decodeURIComponent(location.hash.substring(1));
    try {
      if (hash.startsWith('triage/')) { await showTriage(hash.substring(7)); }
      else if (hash.startsWith('run/')) { await showRun(hash.substring(4)); }
      if (hash) { $('triage-section').scrollIntoView(); }
    } catch (error) { problem(error.message); }
  }

  document.addEventListener('click', (event) => {
    const target = event.target;
    if (target.dataset && target.dataset.replay) { replay(target.dataset.replay); }
  });
  $('triage-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if ($('triage-tool').value) { location.hash = 'triage/' + encodeURIComponent($('triage-tool').value); }
  });
  window.addEventListener('hashchange', route);

  fetch('settings.json').then((r) => r.ok ? r.json() : {}).catch(() => ({})).then((settings) => {
    if (settings.endpoint) state.endpoint = settings.endpoint;
    if (settings.refreshSeconds) state.refresh = settings.refreshSeconds;
    refresh().then(route);
    setInterval(refresh, state.refresh * 1000);
  });
})();
