// The shell screen: xterm.js (served by the portal itself) over a WebSocket to /shell/socket.
// Binary frames are terminal bytes both ways; text frames are JSON control messages: our resize,
// the server's error and exit. The terminal fills its box and follows the window's size.
const box = document.getElementById('terminal');
const status = document.getElementById('shell-status');

// Server messages are shown in the terminal: control characters in them must not drive it.
const plain = (text) =>
  Array.from(String(text), (ch) => {
    const code = ch.charCodeAt(0);
    return code === 10 || (code >= 0x20 && code < 0x7f) || code >= 0xa0 ? ch : '?';
  }).join('');

function state(name, text) {
  status.dataset.state = name;
  status.textContent = text;
}

async function start() {
  const [{ Terminal }, { FitAddon }] = await Promise.all([
    import('/shell/assets/xterm.mjs'),
    import('/shell/assets/addon-fit.mjs'),
  ]);
  const term = new Terminal({ cursorBlink: true, fontSize: 14, scrollback: 2000 });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(box);
  fit.fit();
  const shown = () => {
    box.dataset.size = `${term.rows}x${term.cols}`;
  };
  shown();

  // The PTY opens at the terminal's size; the directory is checked by the server (the SDK).
  const query = new URLSearchParams({ rows: String(term.rows), cols: String(term.cols) });
  if (box.dataset.cwd) query.set('cwd', box.dataset.cwd);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(`${scheme}://${location.host}/shell/socket?${query}`);
  ws.binaryType = 'arraybuffer';
  const encoder = new TextEncoder();
  let ended = false;
  const end = (text) => {
    if (ended) return;
    ended = true;
    term.options.disableStdin = true;
    term.options.cursorBlink = false;
    state('exited', text);
    document.getElementById('shell-again').hidden = false;
  };

  ws.onopen = () => {
    state('open', status.dataset.open);
    term.focus();
  };
  ws.onmessage = (event) => {
    if (typeof event.data !== 'string') return term.write(new Uint8Array(event.data));
    const message = JSON.parse(event.data);
    if (message.type === 'error')
      term.write(`\r\n\x1b[31m${plain(message.message).replaceAll('\n', '\r\n')}\x1b[0m\r\n`);
    if (message.type === 'exit') {
      const how = message.signal ? message.signal : String(message.code ?? '');
      end(`${status.dataset.exited} (${plain(how)})`);
    }
  };
  ws.onclose = () => end(status.dataset.lost);
  term.onData((data) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(encoder.encode(data));
  });
  term.onResize(({ rows, cols }) => {
    shown();
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'resize', rows, cols }));
  });
  let timer;
  addEventListener('resize', () => {
    clearTimeout(timer);
    timer = setTimeout(() => fit.fit(), 50);
  });
}

start().catch((err) => state('failed', plain(err)));
