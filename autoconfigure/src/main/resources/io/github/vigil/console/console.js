// Vigil agent console: reads the vigil Actuator endpoint and draws it with uPlot (vendored). No build step.
(function () {
  'use strict';
  const state = { endpoint: '/actuator/vigil', refresh: 5, range: 'auto', replay: false, replayable: [], tool: null,
    toolChosen: false, data: null, charts: {} };
  const $ = (id) => document.getElementById(id);
  const esc = (text) => String(text === null || text === undefined ? '' : text)
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const pct = (rate) => (rate === null || rate === undefined) ? 'no calls' : (100 * rate).toFixed(1) + '%';
  const ms = (value) => (value === null || value === undefined) ? 'no calls' : (value < 10 ? Number(value).toFixed(2) : Number(value).toFixed(1)) + ' ms';
  const money = (cost, currency) => (cost === null || cost === undefined) ? '–' : Number(cost).toFixed(6) + (currency ? ' ' + esc(currency) : '');
  const SERIES = ['#0b5cff', '#b3261e', '#1c7c3c', '#8a5a00', '#6b2fb3', '#00838f', '#c2185b', '#5d4037'];
  // a time in the reader's own zone: the time of day for today, the date and time before
  function local(iso) {
    if (!iso) return '';
    const at = new Date(iso);
    return at.toDateString() === new Date().toDateString() ? at.toLocaleTimeString() : at.toLocaleString();
  }
  const cell = (label, html, cls) => '<td data-label="' + label + '"' + (cls ? ' class="' + cls + '"' : '') + '>' + html + '</td>';

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

  function width(element) {
    return Math.max(260, Math.floor(element.getBoundingClientRect().width));
  }

  // one uPlot per element, made again when its shape changes, resized with its box
  function plot(id, options, data) {
    const element = $(id);
    const key = JSON.stringify(options.series.map((s) => s.label));
    const existing = state.charts[id];
    if (existing && existing.key === key) {
      existing.chart.setData(data);
      return existing.chart;
    }
    if (existing) existing.chart.destroy();
    element.innerHTML = '';
    const chart = new uPlot(Object.assign({ width: width(element) }, options), data, element);
    state.charts[id] = { chart: chart, key: key };
    return chart;
  }

  const axisFont = '12px system-ui, sans-serif';

  // one line per time label, in the reader's zone: seconds for ranges under ten minutes
  function clock(seconds, span) {
    const options = span < 600 ? { hour: '2-digit', minute: '2-digit', second: '2-digit' } : { hour: '2-digit', minute: '2-digit' };
    return new Date(seconds * 1000).toLocaleTimeString([], options);
  }

  function toolsChart(data) {
    const tools = data.tools.filter((t) => t.series && t.series.length);
    if (!data.store || !tools.length) {
      if (state.charts['tools-chart']) { state.charts['tools-chart'].chart.destroy(); delete state.charts['tools-chart']; }
      $('tools-chart').innerHTML = '<p class="hint">' + (data.store ? 'No tool calls in this range.'
        : 'The run store is off (vigil.store.enabled=false): no history to draw.') + '</p>';
      return;
    }
    const times = new Set();
    tools.forEach((t) => t.series.forEach((p) => times.add(Date.parse(p.start) / 1000)));
    const xs = Array.from(times).sort((a, b) => a - b);
    const columns = [xs];
    tools.forEach((t) => {
      const byTime = new Map(t.series.map((p) => [Date.parse(p.start) / 1000, p.calls ? 100 * (1 - p.errors / p.calls) : null]));
      columns.push(xs.map((x) => byTime.has(x) ? byTime.get(x) : null));
    });
    const deploys = (data.versions || []).map((v) => Date.parse(v.first_seen) / 1000);
    const from = Date.parse(data.range.from) / 1000;
    const until = Date.parse(data.range.until) / 1000;
    plot('tools-chart', {
      height: 220,
      scales: { x: { time: true, range: () => [from, until] }, y: { range: [0, 105] } },
      legend: { live: false },
      axes: [{ font: axisFont, stroke: '#515a6b', space: 70, values: (u, splits) => splits.map((t) => clock(t, until - from)) },
        { font: axisFont, stroke: '#515a6b', values: (u, v) => v.map((y) => y + '%'), size: 48 }],
      series: [{ value: (u, v) => v === null ? '' : new Date(v * 1000).toLocaleTimeString() }].concat(tools.map((t, i) => ({
        label: t.tool, stroke: SERIES[i % SERIES.length], width: 2, spanGaps: false, points: { size: 5 },
        value: (u, v) => v === null ? 'no calls' : v.toFixed(1) + '%',
      }))),
      hooks: { draw: [(u) => {
        const ctx = u.ctx;
        ctx.save();
        ctx.strokeStyle = '#515a6b';
        ctx.setLineDash([4, 4]);
        deploys.forEach((t) => {
          if (t < u.scales.x.min || t > u.scales.x.max) return;
          const x = Math.round(u.valToPos(t, 'x', true));
          ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke();
        });
        ctx.restore();
      }] },
    }, columns);
    $('deploys').innerHTML = (data.versions || []).map((v) => '<li class="dashed" data-version="' + esc(v.version) + '">'
      + esc(v.version || 'unknown version') + ' started on ' + esc(v.instance) + ' at ' + esc(local(v.first_seen)) + '</li>').join('');
  }

  function tokensChart(data) {
    const tokens = data.tokens;
    if (!tokens || !tokens.runs) {
      if (state.charts['tokens-chart']) { state.charts['tokens-chart'].chart.destroy(); delete state.charts['tokens-chart']; }
      $('tokens-chart').innerHTML = '<p class="hint">No runs in this range.</p>';
      $('tokens-legend').innerHTML = '';
      return;
    }
    const xs = tokens.buckets.map((b) => Math.max(1, Math.sqrt(Math.max(1, b.from) * b.to)));
    const runs = tokens.buckets.map((b) => b.runs);
    const marks = [['p50 ' + tokens.p50, tokens.p50, '#1c7c3c', []], ['p95 ' + tokens.p95, tokens.p95, '#0b5cff', []]];
    (data.baselines || []).forEach((b) => marks.push([b.agent + ': budget at ' + b.multiplier + '× baseline p95 ' + b.p95
      + ' = ' + b.limit, b.limit, '#b3261e', [6, 4]]));
    const lo = Math.max(1, Math.min(...tokens.buckets.map((b) => Math.max(1, b.from))) / 1.5);
    const hi = Math.max(...tokens.buckets.map((b) => b.to), ...marks.map((m) => m[1] || 0)) * 1.5;
    plot('tokens-chart', {
      height: 200,
      scales: { x: { time: false, distr: 3, range: () => [lo, hi] }, y: { range: (u, min, max) => [0, Math.max(1, max) * 1.1] } },
      axes: [{ font: axisFont, stroke: '#515a6b', values: (u, v) => v.map((x) => x >= 1000 ? (x / 1000) + 'k' : x) },
        { font: axisFont, stroke: '#515a6b', size: 40 }],
      legend: { show: false },
      series: [{}, { label: 'runs', stroke: '#515a6b', fill: 'rgba(91,100,117,0.35)', paths: uPlot.paths.bars({ size: [0.9, 40] }), points: { show: false } }],
      hooks: { draw: [(u) => {
        const ctx = u.ctx;
        marks.forEach((m) => {
          if (!m[1]) return;
          const x = Math.round(u.valToPos(m[1], 'x', true));
          ctx.save(); ctx.strokeStyle = m[2]; ctx.lineWidth = 2; ctx.setLineDash(m[3]);
          ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke(); ctx.restore();
        });
      }] },
    }, [xs, runs]);
    $('tokens-legend').innerHTML = '<li>' + tokens.runs + ' runs</li>' + marks.map((m) => '<li style="--swatch:' + m[2] + '"'
      + (m[3].length ? ' class="dashed"' : '') + '>' + esc(m[0]) + ' tokens</li>').join('');
  }

  function chooseTool(data) {
    if (state.toolChosen && state.tool) return state.tool;
    const alerting = (data.alerts.active || []).filter((a) => a.alert === 'tool-error-rate').map((a) => a.subject)[0];
    if (alerting) return alerting;
    const worst = data.tools.filter((t) => t.success_rate !== null).sort((a, b) => a.success_rate - b.success_rate)[0];
    return worst ? worst.tool : (data.tools[0] && data.tools[0].tool);
  }

  function renderConsole(data) {
    state.data = data;
    state.replay = data.replay;
    state.replayable = data.replayable_tools || [];
    $('range-hint').textContent = data.range ? 'From ' + local(data.range.from) + ' to now (' + data.range.label
      + '), one point every ' + data.range.slice_seconds + ' s. Dashed lines: a version started.' : 'The run store is off: totals since start.';
    $('tools').tBodies[0].innerHTML = data.tools.map((t) => {
      const low = t.success_rate !== null && t.success_rate < 0.95;
      const error = (t.error_types || [])[0];
      return '<tr data-tool="' + esc(t.tool) + '">' + cell('tool', '<a href="#triage/' + encodeURIComponent(t.tool) + '">' + esc(t.tool) + '</a>')
        + cell('success', pct(t.success_rate) + (low ? ' ▼' : ''), 'num success ' + (low ? 'bad' : 'ok'))
        + cell('calls', t.calls, 'num') + cell('errors', t.errors, 'num')
        + cell('most frequent error', error ? esc(error.type) + ': ' + esc(error.excerpt || '') : 'none', 'excerpt') + '</tr>';
    }).join('') || '<tr><td colspan="5">No tool calls in this range.</td></tr>';
    toolsChart(data);
    tokensChart(data);
    const guardrails = data.guardrails || [];
    $('guardrails-section').hidden = guardrails.length === 0;
    $('guardrails').tBodies[0].innerHTML = guardrails.map((g) => '<tr data-guardrail="' + esc(g.guardrail) + '">'
      + cell('guardrail', esc(g.guardrail)) + cell('checks', g.decisions, 'num') + cell('blocked', g.blocks, 'num')
      + cell('share', pct(g.block_share), 'num') + cell('retries', g.retries, 'num') + '</tr>').join('');
    const servers = data.servers || [];
    $('servers-section').hidden = servers.length === 0;
    $('servers').tBodies[0].innerHTML = servers.map((s) => '<tr data-server="' + esc(s.server) + '">'
      + cell('server', esc(s.server)) + cell('calls', s.calls, 'num') + cell('failed', s.errors, 'num')
      + cell('share', pct(s.error_share), 'num') + cell('tools', esc((s.tools || []).join(', '))) + '</tr>').join('');
    $('latency').tBodies[0].innerHTML = (data.latency || []).map((l) => '<tr>' + cell('step', esc(l.kind)) + cell('name', esc(l.name))
      + cell('p50', ms(l.p50_ms), 'num') + cell('p95', ms(l.p95_ms), 'num') + cell('p99', ms(l.p99_ms), 'num')
      + cell('calls', l.count, 'num') + '</tr>').join('') || '<tr><td colspan="6">No calls in this range.</td></tr>';
    const shares = (rows) => (rows || []).map((r) => '<tr>' + cell('', esc(r.key)) + cell('', money(r.cost, r.currency), 'num') + '</tr>').join('')
      || '<tr><td>No priced runs in this range.</td></tr>';
    const cost = data.cost || {};
    $('cost-agents').tBodies[0].innerHTML = shares(cost.by_agent);
    $('cost-models').tBodies[0].innerHTML = shares(cost.by_model);
    $('cost-users').tBodies[0].innerHTML = (cost.top_users || []).map((r) => '<tr>' + cell('', '<a href="#user/'
      + encodeURIComponent(r.key) + '">' + esc(r.key) + '</a>') + cell('', money(r.cost, r.currency), 'num') + '</tr>').join('')
      || '<tr><td>No priced runs in this range.</td></tr>';
    $('versions').tBodies[0].innerHTML = (data.versions || []).map((v) => '<tr>' + cell('version', esc(v.version || 'unknown'))
      + cell('instance', esc(v.instance)) + cell('first run', esc(local(v.first_seen))) + cell('runs', v.runs, 'num') + '</tr>').join('')
      || '<tr><td colspan="4">No runs in this range.</td></tr>';
    $('conversations').tBodies[0].innerHTML = (data.sessions || []).map((s) => '<tr>' + cell('conversation', '<a href="#conversation/'
      + encodeURIComponent(s.memory_id) + '">' + esc(s.memory_id) + '</a>') + cell('user', '<a href="#user/' + encodeURIComponent(s.user_id)
      + '">' + esc(s.user_id) + '</a>') + cell('runs', s.runs + (s.failed ? ' (' + s.failed + ' failed)' : ''), 'num')
      + cell('last run', esc(local(s.last_at))) + cell('cost', money(s.cost, null), 'num') + '</tr>').join('')
      || '<tr><td colspan="5">No conversations in this range.</td></tr>';
    renderAlerts(data.alerts);
    const select = $('triage-tool');
    const chosen = chooseTool(data);
    select.innerHTML = data.tools.map((t) => '<option' + (t.tool === chosen ? ' selected' : '') + '>' + esc(t.tool) + '</option>').join('');
    if (chosen && chosen !== state.tool && !location.hash) {
      state.tool = chosen;
      showTriage(chosen).catch((error) => problem(error.message));
    }
  }

  function renderAlerts(alerts) {
    const items = [];
    const add = (alert, resolved) => {
      const tool = alert.alert === 'tool-error-rate' ? alert.subject : null;
      const peak = alert.peakSeverity || alert.severity;
      items.push('<li data-alert="' + esc(alert.alert) + '" data-subject="' + esc(alert.subject) + '" data-state="' + (resolved ? 'resolved' : 'firing') + '">'
        + '<span class="badge ' + (resolved ? 'resolved' : 'firing') + '">' + (resolved ? 'resolved' : 'firing') + '</span>'
        + '<span class="badge ' + esc(peak) + '" title="the highest severity it reached">' + esc(peak) + '</span> <strong>' + esc(alert.alert) + '</strong> '
        + esc(alert.summary) + (tool ? ' <a href="#triage/' + encodeURIComponent(tool) + '" data-triage="' + esc(tool) + '">triage ' + esc(tool) + '</a>' : '')
        + '<span class="when">fired ' + esc(local(alert.since)) + (resolved ? ', resolved ' + esc(local(alert.resolvedAt)) : ', still firing') + '</span></li>');
    };
    (alerts.active || []).forEach((a) => add(a, false));
    (alerts.resolved || []).forEach((a) => add(a, true));
    $('alerts').innerHTML = items.join('') || '<li>No alerts.</li>';
  }

  function renderRuns(body) {
    $('runs').tBodies[0].innerHTML = (body.runs || []).map((r) => '<tr>' + cell('run', '<a href="#run/' + encodeURIComponent(r.run_id)
      + '" data-run="' + esc(r.run_id) + '">' + esc(r.run_id.substring(0, 8)) + '</a>') + cell('user', '<a href="#user/'
      + encodeURIComponent(r.user_id) + '">' + esc(r.user_id) + '</a>') + cell('outcome', esc(r.outcome), r.outcome === 'completed' ? 'ok' : 'bad')
      + cell('tokens', r.tokens_used, 'num') + cell('cost', money(r.cost, r.currency), 'num') + '</tr>').join('')
      || '<tr><td colspan="5">No runs stored yet.</td></tr>';
  }

  function renderEvals(body) {
    const dropped = new Set((body.resolution_drop || []).map((a) => a.subject));
    $('evals').tBodies[0].innerHTML = (body.weeks || []).map((w) => '<tr data-agent="' + esc(w.agent) + '">' + cell('agent', esc(w.agent))
      + cell('week of', esc(w.week)) + cell('runs', w.runs, 'num') + cell('scored', w.scored, 'num')
      + cell('resolution', (w.resolution_rate === null ? 'not scored' : pct(w.resolution_rate)) + (dropped.has(w.agent) ? ' ▼' : ''),
        'num ' + (dropped.has(w.agent) ? 'bad' : 'ok')) + '</tr>').join('') || '<tr><td colspan="5">No runs stored yet.</td></tr>';
  }

  async function showTriage(tool) {
    state.tool = tool;
    const summary = await get('/tools/' + encodeURIComponent(tool) + '?window=' + (state.range === 'auto' ? '1h' : state.range));
    const failures = await get('/tools/' + encodeURIComponent(tool) + '/failures?limit=10');
    const type = (summary.error_types || [])[0];
    const changes = (summary.changes_before_onset || []).map((v) => esc(v.version || 'unknown version') + ' on ' + esc(v.instance)
      + ' at ' + esc(local(v.first_seen))).join('; ');
    const versions = (summary.versions || []).map((v) => esc(v.version || 'unknown') + ': ' + v.errors + ' of ' + v.calls
      + ' failed (' + pct(v.error_rate) + ')').join('; ');
    $('triage').innerHTML = '<dl id="summary" data-tool="' + esc(tool) + '">'
      + '<dt>Which tool</dt><dd>' + esc(tool) + ': ' + summary.errors + ' of ' + summary.calls + ' calls failed (' + pct(summary.error_rate) + ') in the last ' + esc(summary.window) + '</dd>'
      + '<dt>One user or many</dt><dd>' + summary.users_affected + ' users; the user hit most has ' + pct(summary.top_user_share) + ' of the failures</dd>'
      + '<dt>Which error</dt><dd>' + (type ? esc(type.type) + ' (' + type.count + '): ' + esc(type.excerpt || '') : 'none') + '</dd>'
      + '<dt>Since when</dt><dd>' + (summary.onset ? esc(local(summary.onset)) + (summary.recovered_at ? ', recovered ' + esc(local(summary.recovered_at)) : ', still going') : 'no step up (' + esc(summary.onset_basis) + ')') + '</dd>'
      + '<dt>What changed</dt><dd id="changes">' + (summary.onset ? (changes ? 'started in the 15 min before: ' + changes : 'no version or instance started in the 15 min before') : 'no onset') + '</dd>'
      + '<dt>By version</dt><dd id="by-version">' + (versions || 'no calls') + '</dd></dl>'
      + '<h3>Failing calls</h3><div class="scroll"><table id="failures" class="cards"><thead><tr><th>time</th><th>user</th><th>error</th><th>arguments</th><th>run</th></tr></thead><tbody>'
      + (failures.failures || []).map((f) => '<tr>' + cell('time', esc(local(f.timestamp))) + cell('user', '<a href="#user/' + encodeURIComponent(f.user_id) + '">' + esc(f.user_id) + '</a>')
        + cell('error', esc(f.error_type)) + cell('arguments', esc(f.arguments), 'excerpt') + cell('run', '<a href="#run/' + encodeURIComponent(f.run_id) + '" data-run="' + esc(f.run_id) + '">steps</a>') + '</tr>').join('')
      + '</tbody></table></div>';
  }

  async function showRun(runId) {
    const run = await get('/runs/' + encodeURIComponent(runId));
    $('run').hidden = false;
    $('run-title').textContent = 'Run ' + run.run_id;
    $('run-facts').innerHTML = '<p>' + esc(run.agent) + ', user <a href="#user/' + encodeURIComponent(run.user_id) + '">' + esc(run.user_id) + '</a>'
      + (run.memory_id ? ', conversation <a href="#conversation/' + encodeURIComponent(run.memory_id) + '">' + esc(run.memory_id) + '</a>' : '')
      + ', ' + esc(run.outcome) + ', ' + run.tokens_used + ' tokens, ' + run.latency_ms + ' ms, ' + esc(local(run.started_at))
      + (run.version ? ', version ' + esc(run.version) : '') + (run.trace_id ? ', trace ' + esc(run.trace_id) : '') + '</p>'
      + ((run.scores || []).length ? '<p id="run-scores">' + run.scores.map((s) => esc(s.scorer) + ' ' + Number(s.value).toFixed(2)
        + (s.label ? ' (' + esc(s.label) + ')' : '')).join(', ') + (run.feedback ? '; handoff: ' + (run.feedback.resolved ? 'resolved' : 'needed a human') : '')
        + '</p>' : '');
    const total = Math.max(1, run.latency_ms, ...run.steps.map((s) => s.start_offset_ms + s.duration_ms));
    $('waterfall').innerHTML = run.steps.map((s) => {
      const replayable = s.kind === 'tool' && state.replay && state.replayable.indexOf(s.name) >= 0;
      return '<div class="step" data-kind="' + esc(s.kind) + '" data-outcome="' + esc(s.outcome) + '">'
        + '<div>' + esc(s.kind) + ' ' + esc(s.name) + ' · ' + esc(s.outcome) + (s.error_type ? ' ' + esc(s.error_type) : '')
        + ' · ' + ms(s.duration_ms) + (replayable ? ' <button type="button" data-replay="' + esc(s.replay_path) + '">Replay</button>' : '') + '</div>'
        + '<div class="bar-track"><div class="bar ' + esc(s.kind) + (s.outcome === 'error' ? ' error' : '') + '" style="left:'
        + (100 * s.start_offset_ms / total).toFixed(2) + '%;width:' + (100 * s.duration_ms / total).toFixed(2) + '%"></div></div></div>';
    }).join('');
    $('replay-result').textContent = '';
  }

  async function showConversation(memoryId) {
    const body = await get('/conversations/' + encodeURIComponent(memoryId));
    $('conversation').hidden = false;
    $('conversation-title').textContent = 'Conversation ' + memoryId + ' of ' + body.user_id;
    $('conversation-runs').tBodies[0].innerHTML = body.runs.map((r) => '<tr data-run="' + esc(r.run_id) + '">' + cell('started', esc(local(r.started_at)))
      + cell('run', '<a href="#run/' + encodeURIComponent(r.run_id) + '">' + esc(r.run_id.substring(0, 8)) + '</a>')
      + cell('outcome', esc(r.outcome) + (r.error_type ? ' ' + esc(r.error_type) : ''), r.outcome === 'completed' ? 'ok' : 'bad')
      + cell('tokens', r.tokens_used, 'num') + cell('cost', money(r.cost, r.currency), 'num')
      + cell('flags and guards', (r.flags || []).map((f) => esc(f.kind)).concat((r.guard_trips || []).map((g) => esc(g.guard) + ' ' + esc(g.action))).join(', ') || 'none', 'excerpt')
      + '</tr>').join('');
  }

  async function showUser(userId) {
    const body = await get('/conversations?user=' + encodeURIComponent(userId) + '&range=24h');
    $('conversation').hidden = false;
    $('conversation-title').textContent = 'Conversations of ' + userId + ', last 24 h';
    const first = (body.conversations || [])[0];
    if (first) {
      await showConversation(first.memory_id);
      $('conversation-title').textContent = 'Conversations of ' + userId + ' (' + body.conversations.length + '), the latest: ' + first.memory_id;
    } else {
      $('conversation-runs').tBodies[0].innerHTML = '<tr><td colspan="6">No conversations of this user in the last 24 h.</td></tr>';
    }
  }

  async function replay(path) {
    const response = await fetch(path, { method: 'POST' });
    const body = await response.json().catch(() => ({}));
    $('replay-result').textContent = response.ok
      ? 'Replayed: ' + body.replayed.outcome + (body.replayed.error_type ? ' ' + body.replayed.error_type : '') + ' (recorded: '
        + body.recorded.outcome + (body.recorded.error_type ? ' ' + body.recorded.error_type : '') + ')'
      : 'Replay refused: ' + (body.error || ('HTTP ' + response.status));
  }

  // one refresh at a time, the next one after the last answered: never less than the configured period, nor less
  // than twice as long as the last answer took, so a wide range over a large store keeps the database mostly idle
  const refreshing = { busy: false, again: false, timer: null, every: 0 };
  async function refresh() {
    if (refreshing.busy) { refreshing.again = true; return; }
    refreshing.busy = true;
    clearTimeout(refreshing.timer);
    const started = Date.now();
    try { await load(); } finally {
      refreshing.busy = false;
      refreshing.every = Math.max(state.refresh * 1000, 2 * (Date.now() - started));
      if (refreshing.again) { refreshing.again = false; refresh(); }
      else { refreshing.timer = setTimeout(refresh, refreshing.every); }
    }
  }

  async function load() {
    const started = Date.now();
    try {
      const overview = await get('');
      renderConsole(await get('/console' + (state.range === 'auto' ? '' : '?range=' + state.range)));
      if (overview.sections.indexOf('runs') >= 0) {
        renderRuns(await get('/runs?limit=20'));
      }
      if (overview.sections.indexOf('evals') >= 0) {
        renderEvals(await get('/evals?weeks=4'));
      }
      problem(null);
      const every = Math.round(Math.max(state.refresh * 1000, 2 * (Date.now() - started)) / 1000);
      $('status').textContent = 'Updated ' + new Date().toLocaleTimeString() + '; refreshes every ' + every + ' s.';
    } catch (error) {
      problem(error.message);
      $('status').textContent = 'Not updated.';
    }
  }

  async function route() {
    const hash = decodeURIComponent(location.hash.substring(1));
    try {
      if (hash.startsWith('triage/')) { state.toolChosen = true; await showTriage(hash.substring(7)); }
      else if (hash.startsWith('run/')) { await showRun(hash.substring(4)); }
      else if (hash.startsWith('conversation/')) { await showConversation(hash.substring(13)); }
      else if (hash.startsWith('user/')) { await showUser(hash.substring(5)); }
      if (hash) { $('triage-section').scrollIntoView(); }
    } catch (error) { problem(error.message); }
  }

  document.addEventListener('click', (event) => {
    const target = event.target;
    if (target.dataset && target.dataset.replay) { replay(target.dataset.replay); }
    if (target.dataset && target.dataset.range) {
      state.range = target.dataset.range;
      document.querySelectorAll('#ranges button').forEach((b) => b.setAttribute('aria-pressed', String(b === target)));
      refresh();
    }
  });
  $('triage-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if ($('triage-tool').value) { location.hash = 'triage/' + encodeURIComponent($('triage-tool').value); }
  });
  window.addEventListener('hashchange', route);
  window.addEventListener('resize', () => {
    Object.keys(state.charts).forEach((id) => state.charts[id].chart.setSize({ width: width($(id)), height: state.charts[id].chart.height }));
  });

  fetch('settings.json').then((r) => r.ok ? r.json() : {}).catch(() => ({})).then((settings) => {
    if (settings.endpoint) state.endpoint = settings.endpoint;
    if (settings.refreshSeconds) state.refresh = settings.refreshSeconds;
    refresh().then(route);
  });
})();
