// The host-page API demo (api-demo.html): this page's buttons send commands to the framed
// figure, and its text follows the figure's events. Everything here is what a documentation
// page of your own would write; docs/embedding.md describes each message.
'use strict';

const frame = document.getElementById('figure');
// The embed is served beside this page, so it shares this page's origin. `origin=` tells the
// embed to take commands from this origin only and to post its events to it only.
const ORIGIN = location.origin;
frame.src = './?scenario=05-cache&embed&autoplay&api&origin=' + encodeURIComponent(ORIGIN);

// The users' rate in this scenario [requests/s] (static/scenarios/05-cache.json), doubled.
const DOUBLED_RPS = 2 * 4480;
const COMMANDS = {
  kill: { type: 'fail', node: 'cache' },
  revive: { type: 'recover', node: 'cache' },
  double: { type: 'rate', rps: DOUBLED_RPS },
  reset: [{ type: 'reset' }, { type: 'play' }],
  typo: { type: 'fail', node: 'cahce' },
};

let nextId = 1;
function send(command) {
  // The id comes back in a `problem` about this command, so a page can tell which one failed.
  frame.contentWindow.postMessage({ scaleboard: 1, id: nextId++, ...command }, ORIGIN);
}

const out = (id) => document.getElementById(id);
const ms = (x) => (x == null ? '–' : x < 10 ? x.toFixed(1) + ' ms' : Math.round(x) + ' ms');
const pct = (x) => (x == null ? '–' : x.toFixed(1) + ' %');

function log(text, className) {
  const li = document.createElement('li');
  li.textContent = text;
  if (className) li.className = className;
  out('log').appendChild(li);
}

function describe(fault) {
  const what = fault.node || fault.dc || '';
  const extra = fault.rate_rps != null ? ' to ' + fault.rate_rps + ' requests/s'
    : fault.factor != null ? ' ×' + fault.factor : '';
  return 't = ' + fault.at_s.toFixed(1) + ' s: ' + fault.action.replace('_', ' ') + ' ' + what + extra;
}

window.addEventListener('message', (e) => {
  // Only the figure's own messages, from the origin it was loaded from.
  if (e.source !== frame.contentWindow || e.origin !== ORIGIN) return;
  const m = e.data;
  if (!m || m.scaleboard !== 1) return;
  switch (m.event) {
    case 'ready':
      out('status').textContent = 'The figure is ready: ' + m.nodes.length + ' nodes, running “' + m.scenario + '”.';
      for (const b of document.querySelectorAll('[data-send]')) b.disabled = false;
      break;
    case 'tick':
      out('p99').textContent = ms(m.p99_ms);
      out('good').textContent = pct(m.good_pct);
      out('clock').textContent = 't = ' + m.clock_s.toFixed(1) + ' s';
      break;
    case 'fault':
      log(describe(m), 'fault');
      break;
    case 'problem':
      log('refused' + (m.id != null ? ' (command ' + m.id + ')' : '') + ': ' + m.message, 'problem');
      break;
  }
});

for (const button of document.querySelectorAll('[data-send]')) {
  button.addEventListener('click', () => {
    const c = COMMANDS[button.dataset.send];
    for (const command of Array.isArray(c) ? c : [c]) send(command);
  });
}
