// The chat page: one WebSocket, one protocol line per frame. Text from the server is only ever
// inserted as text (textContent), never parsed as HTML.
import { classify, parseCommand, strip, utf8Bytes } from './lines.js';

const $ = (id) => document.getElementById(id);
const el = {
  status: $('status'), statusText: $('status-text'), banner: $('banner'), bannerText: $('banner-text'),
  bannerAction: $('banner-action'), login: $('login'), loginForm: $('login-form'), name: $('name'), join: $('join'),
  passwordRow: $('password-row'), passwordLabel: $('password-label'), password: $('password'),
  loginNote: $('login-note'), loginError: $('login-error'), chat: $('chat'), messages: $('messages'),
  sendForm: $('send-form'), input: $('input'), users: $('users'), userCount: $('user-count'),
  usersToggle: $('users-toggle'), usersToggleCount: $('users-toggle-count'), roster: $('roster'),
};

const BACKOFF_MAX_SECONDS = 30;
const MAX_ENTRIES = 2000;
// The server closes the connection on a frame over max(64 KiB, 4 x maxLineBytes); a longer line stays here.
const MAX_FRAME_BYTES = 64 * 1024;
const NAME_KEY = 'chat.lastName';
const REASONS = {
  shutdown: 'Server is shutting down. Goodbye!',
  kicked: 'Disconnected: flooding.',
  lost: 'Connection lost.',
  unreachable: 'Cannot reach the chat server.',
};

const state = {
  ws: null,
  phase: 'idle', // idle | connecting | prompt | naming | chat
  name: '',
  pendingName: null, // a name to send as soon as the server asks for one
  submittedAt: 0,
  ending: null, // what the server said it is closing for: quit | shutdown | kicked | timeout
  reason: null, // why we are offline, kept across failed reconnects: a key of REASONS, or refused
  reasonText: '',
  refusal: '', // what the server said before it closed a connection that was not logged in
  attempt: 0,
  retryTimer: 0,
  countdown: 0,
  retryAt: 0,
  sessions: 0,
  users: new Map(), // lower-case name -> name
  usersParts: null,
  hiddenUsersAnswers: 0,
  expectedUsage: 0,
  history: [],
  historyAt: 0,
  unread: 0,
};

function wsUrl() {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

function connect() {
  clearRetry();
  if (state.ws) return;
  const ws = new WebSocket(wsUrl());
  state.ws = ws;
  state.phase = 'connecting';
  state.ending = null;
  state.refusal = '';
  setStatus('connecting', state.sessions ? 'Reconnecting…' : 'Connecting…');
  ws.onopen = () => ws === state.ws && setStatus('connecting', 'Connected');
  ws.onmessage = (e) => {
    if (ws !== state.ws) return;
    for (const line of String(e.data).split(/\r?\n/)) {
      if (line !== '') receive(classify(line));
    }
  };
  ws.onclose = () => ws === state.ws && closed();
}

function send(line) {
  state.ws.send(line);
}

function receive(line) {
  if (state.phase === 'chat') {
    show(line);
  } else {
    receiveAtLogin(line);
  }
}

function receiveAtLogin(line) {
  switch (line.kind) {
    case 'prompt':
      hidePassword();
      state.phase = 'prompt';
      state.refusal = '';
      setStatus('connecting', 'Connected');
      if (state.pendingName !== null) {
        sendName(state.pendingName);
      } else {
        el.join.disabled = false;
      }
      showLogin();
      return;
    case 'secret':
      askPassword(line.raw);
      return;
    case 'welcome':
      loggedIn(line);
      return;
    case 'shutdown': case 'kicked': case 'timeout':
      state.ending = line.kind;
      break;
    case 'goodbye':
      state.ending = 'quit';
      break;
    default:
      state.refusal = line.raw; // "Server is full." and the like come just before a close
  }
  loginError(line.raw);
}

// The server asked for a password: the name field stays, a password field (never stored) takes the input.
function askPassword(prompt) {
  state.phase = 'secret';
  el.passwordLabel.textContent = prompt;
  el.passwordRow.hidden = false;
  el.password.value = '';
  el.join.disabled = false;
  el.name.disabled = true;
  el.password.focus();
}

function hidePassword() {
  el.passwordRow.hidden = true;
  el.password.value = '';
  el.name.disabled = false;
}

function sendName(name) {
  state.pendingName = null;
  state.phase = 'naming';
  el.join.disabled = true;
  send(name);
}

function loggedIn(line) {
  hidePassword();
  state.phase = 'chat';
  state.name = line.who;
  state.attempt = 0;
  setReason(null, '');
  try {
    localStorage.setItem(NAME_KEY, line.who);
  } catch {
    // private mode: the name is just not remembered
  }
  hideBanner();
  setStatus('online', `Online as ${line.who}`);
  if (state.sessions++ > 0) addEntry('notice', 'reconnected', 'Reconnected.');
  addEntry('info', 'welcome', line.raw);
  state.users.clear();
  state.users.set(line.who.toLowerCase(), line.who);
  renderUsers();
  state.hiddenUsersAnswers++;
  send('/users');
  el.login.hidden = true;
  el.chat.hidden = false;
  el.chat.classList.remove('offline');
  document.body.dataset.view = 'chat';
  scrollToEnd();
  el.input.focus();
  // How long from pressing Join to the chat view with its first line painted.
  requestAnimationFrame(() => setTimeout(() => {
    el.chat.dataset.loginMs = String(Math.round(performance.now() - state.submittedAt));
  }));
}

function closed() {
  const was = state.phase;
  state.ws = null;
  state.phase = 'idle';
  state.usersParts = null;
  state.hiddenUsersAnswers = 0;
  state.expectedUsage = 0;
  hidePassword();
  el.join.disabled = false;
  el.chat.classList.add('offline');
  if (state.ending === 'quit') {
    setStatus('offline', 'Offline');
    showBanner('quit', 'You left the chat.', 'Join again', () => connect());
    return;
  }
  if (state.ending === 'timeout' && was !== 'chat') {
    setStatus('offline', 'Offline'); // idle at the name form: the next Join connects again
    return;
  }
  if (state.ending === 'shutdown' || state.ending === 'kicked') {
    setReason(state.ending, REASONS[state.ending]);
  } else if (was !== 'chat' && state.refusal !== '') {
    setReason('refused', state.refusal);
  } else if (was === 'chat' || state.reason === null) {
    const kind = was === 'chat' || state.sessions > 0 ? 'lost' : 'unreachable';
    setReason(kind, REASONS[kind]);
  }
  setStatus('offline', 'Offline');
  scheduleReconnect();
}

function setReason(kind, text) {
  state.reason = kind;
  state.reasonText = text;
}

function scheduleReconnect() {
  clearRetry();
  const seconds = Math.min(BACKOFF_MAX_SECONDS, 2 ** state.attempt);
  state.attempt++;
  state.retryAt = Date.now() + seconds * 1000;
  state.retryTimer = setTimeout(connect, seconds * 1000);
  state.countdown = setInterval(updateCountdown, 1000);
  updateCountdown();
}

function updateCountdown() {
  const left = Math.max(1, Math.ceil((state.retryAt - Date.now()) / 1000));
  showBanner(state.reason, `${state.reasonText} Reconnecting in ${left} s…`, 'Reconnect now', () => {
    state.attempt = 0;
    connect();
  });
}

function clearRetry() {
  clearTimeout(state.retryTimer);
  clearInterval(state.countdown);
  state.retryTimer = 0;
  state.countdown = 0;
}

// What the server says during a chat.
function show(line) {
  switch (line.kind) {
    case 'public':
      addMessage('public', line.who, line.text);
      break;
    case 'privateFrom':
      addMessage('private-in', line.who, line.text);
      break;
    case 'privateTo':
      addMessage('private-out', line.who, line.text);
      break;
    case 'joined':
      state.users.set(line.who.toLowerCase(), line.who);
      renderUsers();
      addEntry('notice', 'joined', line.raw);
      break;
    case 'left':
      state.users.delete(line.who.toLowerCase());
      renderUsers();
      addEntry('notice', 'left', line.raw);
      break;
    case 'users':
      usersAnswer(line);
      break;
    case 'pmUsage':
      // Either the answer to a /pm without a message, or a user called Usage talking.
      if (state.expectedUsage > 0 || state.users.get('usage') !== 'Usage') {
        state.expectedUsage = Math.max(0, state.expectedUsage - 1);
        addEntry('error', 'usage', line.raw);
      } else {
        addMessage('public', line.who, line.text);
      }
      break;
    case 'kicked':
      if (state.users.get('disconnected') === 'Disconnected') {
        addMessage('public', line.who, line.text);
      } else {
        state.ending = 'kicked';
        addEntry('error', 'kicked', line.raw);
      }
      break;
    case 'shutdown':
      state.ending = 'shutdown';
      addEntry('error', 'shutdown', line.raw);
      showBanner('shutdown', line.raw);
      break;
    case 'goodbye':
      state.ending = 'quit';
      addEntry('info', 'goodbye', line.raw);
      break;
    case 'tooLong':
      addEntry('error', 'too-long', line.raw);
      markUndelivered(line.max);
      break;
    case 'error': case 'refused':
      addEntry('error', 'error', line.raw);
      break;
    case 'slowed':
      addEntry('warning', 'slowed', line.raw);
      break;
    case 'timeout':
      state.ending = 'timeout';
      addEntry('error', 'timeout', line.raw);
      break;
    default:
      addEntry('info', line.kind, line.raw);
  }
}

function usersAnswer(line) {
  if (line.part === 1) state.usersParts = [];
  if (state.usersParts === null) return;
  state.usersParts.push(...line.names);
  const hidden = state.hiddenUsersAnswers > 0;
  if (!hidden) addEntry('info', 'users', line.raw);
  if (line.part === line.of) {
    state.users = new Map(state.usersParts.map((n) => [n.toLowerCase(), n]));
    state.users.set(state.name.toLowerCase(), state.name);
    state.usersParts = null;
    if (hidden) state.hiddenUsersAnswers--;
    renderUsers();
  }
}

// A public line the server dropped as too long: the newest of ours that is longer than allowed.
function markUndelivered(max) {
  const own = el.messages.querySelectorAll('.message.own:not(.undelivered)');
  for (let i = own.length - 1; i >= 0; i--) {
    if (Number(own[i].dataset.bytes) > max) {
      own[i].classList.add('undelivered');
      own[i].title = 'Not delivered: too long';
      return;
    }
  }
}

// The send box.
function onSend(event) {
  event.preventDefault();
  const typed = el.input.value;
  const command = parseCommand(typed);
  if (command.kind === 'blank') return;
  if (state.phase !== 'chat' || state.ending !== null || state.ws.readyState !== WebSocket.OPEN) {
    el.sendForm.classList.remove('refused');
    void el.sendForm.offsetWidth; // restart the shake
    el.sendForm.classList.add('refused');
    return; // the text stays in the box until there is a connection again
  }
  const bytes = utf8Bytes(typed);
  if (bytes > MAX_FRAME_BYTES) {
    addEntry('error', 'too-long', `Message too long (${bytes} bytes): not sent.`);
    return;
  }
  send(typed);
  remember(typed);
  el.input.value = '';
  switch (command.kind) {
    case 'message':
      addMessage('own', state.name, command.text).dataset.bytes = String(bytes);
      break;
    case 'quit':
      state.ending = 'quit';
      break;
    case 'pmUsage':
      state.expectedUsage++;
      break;
    default:
  }
}

function remember(line) {
  if (state.history[state.history.length - 1] !== line) state.history.push(line);
  if (state.history.length > 100) state.history.shift();
  state.historyAt = state.history.length;
}

function onInputKey(event) {
  if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
  if (state.history.length === 0 || event.isComposing) return;
  if (state.historyAt === state.history.length && el.input.value !== '') return; // never overwrite a draft
  const at = state.historyAt + (event.key === 'ArrowUp' ? -1 : 1);
  if (at < 0 || at > state.history.length) return;
  event.preventDefault();
  state.historyAt = at;
  el.input.value = at === state.history.length ? '' : state.history[at];
}

function privateTo(name) {
  if (!name || name.toLowerCase() === state.name.toLowerCase()) return;
  const rest = el.input.value.replace(/^\s*\/pm\s+\S+\s?/i, '');
  el.input.value = `/pm ${name} ${rest}`;
  el.input.focus();
  el.input.setSelectionRange(el.input.value.length, el.input.value.length);
  setRoster(false);
}

// The name form.
function onJoin(event) {
  event.preventDefault();
  if (state.phase === 'secret') {
    const secret = el.password.value;
    el.password.value = '';
    if (secret === '') return;
    loginError('');
    state.phase = 'naming';
    el.join.disabled = true;
    send(secret);
    return;
  }
  const name = strip(el.name.value);
  if (name === '') {
    loginError('Enter a name.');
    return;
  }
  loginError('');
  state.submittedAt = performance.now();
  if (state.phase === 'prompt') {
    sendName(name);
    return;
  }
  state.pendingName = name;
  el.join.disabled = true;
  if (!state.ws) {
    state.attempt = 0;
    connect();
  }
}

function showLogin() {
  const rejoin = state.sessions > 0;
  hideBanner();
  el.loginNote.hidden = !rejoin;
  el.loginNote.textContent = rejoin ? 'Connected again. Join with your name to carry on.' : '';
  el.login.classList.toggle('overlay', rejoin);
  el.login.hidden = false;
  document.body.dataset.view = rejoin ? 'rejoin' : 'login';
  if (rejoin && state.name) el.name.value = state.name;
  if (!el.join.disabled) {
    el.name.focus();
    el.name.select();
  }
}

function loginError(text) {
  el.loginError.textContent = text;
  el.loginError.hidden = text === '';
  if (text !== '') {
    el.join.disabled = false;
    el.name.focus();
    el.name.select();
  }
}

function storedName() {
  try {
    return localStorage.getItem(NAME_KEY) || '';
  } catch {
    return '';
  }
}

// Rendering.
function addEntry(cls, kind, text) {
  const li = document.createElement('li');
  li.className = cls;
  li.dataset.kind = kind;
  li.append(timeStamp(), span('text', text));
  return append(li);
}

function addMessage(kind, who, text) {
  const li = document.createElement('li');
  const priv = kind.startsWith('private');
  li.className = `message${priv ? ' private' : ''}${kind === 'own' ? ' own' : ''}`;
  li.dataset.kind = kind;
  li.dataset.from = kind === 'private-out' || kind === 'own' ? state.name : who;
  li.append(timeStamp());
  if (priv) li.append(span('label', kind === 'private-in' ? 'Private from' : 'Private to'));
  const sender = span('sender', who);
  sender.dataset.name = who;
  sender.style.setProperty('--hue', String(hue(who)));
  li.append(sender, span('text', text));
  if (kind !== 'own' && document.hidden) {
    state.unread++;
    document.title = `(${state.unread}) Vert.x chat`;
  }
  return append(li);
}

function append(li) {
  const box = el.messages;
  const atEnd = box.scrollHeight - box.scrollTop - box.clientHeight < 48;
  box.append(li);
  while (box.childElementCount > MAX_ENTRIES) box.firstElementChild.remove();
  if (atEnd || li.dataset.kind === 'own') scrollToEnd();
  return li;
}

function scrollToEnd() {
  el.messages.scrollTop = el.messages.scrollHeight;
}

function timeStamp() {
  const now = new Date();
  const t = document.createElement('time');
  t.dateTime = now.toISOString();
  t.textContent = `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
  return t;
}

function span(cls, text) {
  const s = document.createElement('span');
  s.className = cls;
  s.textContent = text;
  return s;
}

function hue(name) {
  let h = 0;
  for (const c of name.toLowerCase()) h = (h * 31 + c.charCodeAt(0)) % 360;
  return h;
}

function renderUsers() {
  const names = [...state.users.values()].sort((a, b) => {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const self = state.name.toLowerCase();
  el.users.replaceChildren(...names.map((name) => {
    const li = document.createElement('li');
    li.dataset.name = name;
    const button = document.createElement('button');
    button.type = 'button';
    const avatar = span('avatar', '');
    avatar.dataset.initial = name.replace(/[^A-Za-z0-9]/g, '').charAt(0).toUpperCase();
    avatar.style.setProperty('--hue', String(hue(name)));
    button.append(avatar, span('user-name', name));
    if (name.toLowerCase() === self) {
      li.classList.add('self');
      button.disabled = true;
      button.title = 'You';
    } else {
      button.title = `Send ${name} a private message`;
    }
    li.append(button);
    return li;
  }));
  el.userCount.textContent = String(names.length);
  el.usersToggleCount.textContent = String(names.length);
}

function setRoster(open) {
  document.body.dataset.roster = open ? 'open' : 'closed';
  el.usersToggle.setAttribute('aria-expanded', String(open));
}

function setStatus(kind, text) {
  el.status.dataset.state = kind;
  el.statusText.textContent = text;
}

function showBanner(kind, text, action, onAction) {
  el.banner.dataset.kind = kind;
  el.bannerText.textContent = text;
  el.bannerAction.hidden = !action;
  el.bannerAction.textContent = action || '';
  el.bannerAction.onclick = onAction || null;
  el.banner.hidden = false;
}

function hideBanner() {
  el.banner.hidden = true;
  delete el.banner.dataset.kind;
}

el.loginForm.addEventListener('submit', onJoin);
el.sendForm.addEventListener('submit', onSend);
el.input.addEventListener('keydown', onInputKey);
el.sendForm.addEventListener('animationend', () => el.sendForm.classList.remove('refused'));
el.users.addEventListener('click', (e) => privateTo(e.target.closest('li')?.dataset.name));
el.messages.addEventListener('click', (e) => privateTo(e.target.closest('.sender')?.dataset.name));
el.usersToggle.addEventListener('click', () => setRoster(document.body.dataset.roster !== 'open'));
document.addEventListener('keydown', (e) => e.key === 'Escape' && setRoster(false));
document.addEventListener('click', (e) => {
  if (!el.roster.contains(e.target) && !el.usersToggle.contains(e.target)) setRoster(false);
});
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) {
    state.unread = 0;
    document.title = 'Vert.x chat';
  }
});
window.addEventListener('online', () => state.retryTimer && connect());

el.name.value = storedName();
setRoster(false);
document.body.dataset.view = 'login';
connect();
