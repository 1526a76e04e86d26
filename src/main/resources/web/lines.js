// The chat protocol's lines as the page reads and writes them: the same rules as chat.protocol.

export const PROMPT = 'Enter your username:';
export const SHUTDOWN = 'Server is shutting down. Goodbye!';
export const FLOOD_KICK = 'Disconnected: flooding.';
export const PM_USAGE = 'Usage: /pm <username> <message>';
export const LOGIN_TIMEOUT = 'Login timed out.';

const NAME = '([A-Za-z0-9_-]{1,32})';
const PATTERNS = [
  ['welcome', new RegExp(`^Welcome, ${NAME}!(?: .*)?$`, 's')],
  ['refused', /^Invalid username: .*$/s],
  ['refused', /^Username '.*' is already taken\.$/s],
  // The server asks for a password (an account's, or a new one twice when guests are off).
  ['secret', new RegExp(`^Password for ${NAME}:$`)],
  ['secret', new RegExp(`^'${NAME}' is not registered yet: choose a password for it .*$`)],
  ['secret', /^Type the password again:$/],
  ['refused', new RegExp(`^Wrong password for ${NAME}\\.$`)],
  ['refused', /^(?:Too many failed passwords: .*|The passwords do not match\.|A password has 8-256 bytes and no spaces\.)$/],
  ['refused', /^(?:Passwords are only accepted over TLS .*|Cannot check whether .*|Cannot verify your password right now .*)$/],
  ['joined', new RegExp(`^${NAME} has joined the chat\\.$`)],
  ['left', new RegExp(`^${NAME} has disconnected\\.$`)],
  ['privateFrom', new RegExp(`^\\[Private from ${NAME}\\]: (.*)$`, 's')],
  ['privateTo', new RegExp(`^\\[Private to ${NAME}\\]: (.*)$`, 's')],
  ['users', /^Online users \((\d+)(?:, part (\d+) of (\d+))?\): (.*)$/s],
  ['error', /^User '.*' is not online\.$/s],
  ['error', /^You cannot send a private message to yourself\.$/],
  ['error', /^Unknown command: .*\. Type \/help for help\.$/s],
  ['tooLong', /^Message too long \(max (\d+) bytes\)\.$/],
  ['error', /^(?:Server is full|Too many connections from your address|Server is busy, please try again)\.$/],
  ['slowed', /^You are sending too fast: .*$/s],
  ['help', /^Type a message to send it to everyone.*$/s],
  ['goodbye', /^Goodbye(?:, .*)?!$/s],
  ['public', new RegExp(`^${NAME}: (.*)$`, 's')],
];

/**
 * What a line from the server is: {kind, raw, ...}. "Usage: ..." and "Disconnected: flooding." are
 * also what users named Usage or Disconnected could write; they come back as kinds of their own
 * (pmUsage, kicked) with who and text filled in, for the caller to decide.
 */
export function classify(raw) {
  if (raw === PROMPT) return { kind: 'prompt', raw };
  if (raw === SHUTDOWN) return { kind: 'shutdown', raw };
  if (raw === LOGIN_TIMEOUT) return { kind: 'timeout', raw };
  if (raw === FLOOD_KICK) return { kind: 'kicked', raw, who: 'Disconnected', text: 'flooding.' };
  if (raw === PM_USAGE) return { kind: 'pmUsage', raw, who: 'Usage', text: '/pm <username> <message>' };
  for (const [kind, re] of PATTERNS) {
    const m = re.exec(raw);
    if (!m) continue;
    switch (kind) {
      case 'welcome': case 'joined': case 'left': return { kind, raw, who: m[1] };
      case 'privateFrom': case 'privateTo': case 'public': return { kind, raw, who: m[1], text: m[2] };
      case 'users': return {
        kind, raw, count: Number(m[1]), part: Number(m[2] || 1), of: Number(m[3] || 1),
        names: m[4] === '' ? [] : m[4].split(', '),
      };
      case 'tooLong': return { kind, raw, max: Number(m[1]) };
      default: return { kind, raw };
    }
  }
  return { kind: 'other', raw };
}

// Java's String.strip() and isBlank() use Character.isWhitespace, which excludes no-break spaces.
const JAVA_SPACE = '[\\t-\\r\\x1c-\\x20\\u1680\\u2000-\\u2006\\u2008-\\u200a\\u2028\\u2029\\u205f\\u3000]';
const EDGE_SPACE = new RegExp(`^${JAVA_SPACE}+|${JAVA_SPACE}+$`, 'g');
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;

/** The line as the server keeps it: control characters other than tab removed. */
export function clean(text) {
  return text.replace(CONTROL, '');
}

export function strip(text) {
  return text.replace(EDGE_SPACE, '');
}

/**
 * What the server will make of a line the user sends (chat.protocol.Command.parse):
 * {kind: 'blank' | 'message' | 'private' | 'pmUsage' | 'users' | 'help' | 'quit' | 'unknown', ...}.
 * A message's text is what the others will see.
 */
export function parseCommand(typed) {
  const text = clean(typed);
  let line = strip(text);
  if (line === '') return { kind: 'blank' };
  if (line.toLowerCase() === 'quit') return { kind: 'quit' };
  if (line[0] !== '/') return { kind: 'message', text };
  if (line.startsWith('//')) return { kind: 'message', text: text.slice(text.indexOf('/') + 1) };
  line = line.replace(/\t/g, ' ');
  const space = line.indexOf(' ');
  const word = space < 0 ? line : line.slice(0, space);
  switch (word.toLowerCase()) {
    case '/quit': return { kind: 'quit' };
    case '/users': return { kind: 'users' };
    case '/help': return { kind: 'help' };
    case '/pm': {
      const args = (space < 0 ? '' : line.slice(space + 1)).replace(new RegExp(`^${JAVA_SPACE}+`), '');
      const gap = args.indexOf(' ');
      const body = gap <= 0 ? '' : args.slice(gap + 1);
      return strip(body) === '' ? { kind: 'pmUsage' } : { kind: 'private', to: args.slice(0, gap) };
    }
    default: return { kind: 'unknown', word };
  }
}

/** The UTF-8 length of a line, which is what the server's maxLineBytes counts. */
export function utf8Bytes(text) {
  return new TextEncoder().encode(text).length;
}
