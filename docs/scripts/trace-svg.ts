/**
 * Renders a threadmpi trace (Chrome Trace Event JSON, as `--trace` writes it) as an SVG timeline:
 * a track per rank, a box per MPI call, a tick per internal message (`--trace-internals`), and
 * an arrow from each send to its receive. Perfetto draws the same file interactively, but it is a
 * web app; this makes a picture that the docs can show and CI can rebuild without a browser.
 */

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  id?: number;
  args?: Record<string, unknown>;
}

export interface TraceFile {
  traceEvents: TraceEvent[];
}

export interface RenderOptions {
  /** Show only the time span of the calls with this name (all ranks), e.g. `Allreduce`, and only their messages. */
  focus?: string;
  title?: string;
  width?: number;
}

const TRACK = 56; // height of one rank's track
const LEFT = 70; // room for the track labels
const RIGHT = 20;
const TOP = 34; // room for the title
const AXIS = 34; // room for the time axis
const CALL_Y = 8; // the call's box within its track...
const CALL_H = 22;
const MESSAGE_Y = 36; // ...and the message ticks under it
const MESSAGE_H = 10;
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#e15759', '#9c755f'];

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fixed = (x: number) => x.toFixed(1);

/** A step of 1, 2 or 5 times a power of ten, giving about `ticks` ticks over `span`. */
export function niceStep(span: number, ticks = 6): number {
  const raw = span / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * power >= raw) ?? 10;
  return step * power;
}

/** The same color for the same call name on every track. */
function colorOf(name: string, names: string[]): string {
  return PALETTE[names.indexOf(name) % PALETTE.length]!;
}

export function traceToSvg(trace: TraceFile, options: RenderOptions = {}): string {
  const width = options.width ?? 960;
  const events = trace.traceEvents;
  const ranks = [...new Set(events.filter((e) => e.ph !== 'M').map((e) => e.tid))].sort((a, b) => a - b);
  const calls = events.filter((e) => e.ph === 'X' && e.cat === 'mpi');
  const messages = events.filter((e) => e.ph === 'X' && e.cat === 'message');
  const focused = options.focus === undefined ? calls : calls.filter((e) => e.name === options.focus);
  if (focused.length === 0) throw new Error(`trace has no calls${options.focus ? ` named ${options.focus}` : ''} to draw`);

  const start = Math.min(...focused.map((e) => e.ts));
  const end = Math.max(...focused.map((e) => e.ts + (e.dur ?? 0)));
  const pad = (end - start) * 0.03 || 1;
  const [t0, t1] = [start - pad, end + pad];
  const inside = (e: TraceEvent) => e.ts + (e.dur ?? 0) >= t0 && e.ts <= t1;
  const x = (ts: number) => LEFT + ((Math.min(Math.max(ts, t0), t1) - t0) / (t1 - t0)) * (width - LEFT - RIGHT);
  const top = (tid: number) => TOP + ranks.indexOf(tid) * TRACK;
  const height = TOP + ranks.length * TRACK + AXIS;
  const names = [...new Set(calls.map((e) => e.name))].sort();

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
  ];
  if (options.title !== undefined) out.push(`<text x="${LEFT}" y="20" font-size="14" font-weight="bold">${escape(options.title)}</text>`);

  ranks.forEach((tid, i) => {
    const y = top(tid);
    if (i % 2 === 1) out.push(`<rect x="0" y="${y}" width="${width}" height="${TRACK}" fill="#f5f5f5"/>`);
    out.push(`<text x="8" y="${y + CALL_Y + 15}">rank ${tid}</text>`);
  });

  for (const e of calls.filter(inside)) {
    const [x0, x1] = [x(e.ts), x(e.ts + (e.dur ?? 0))];
    const y = top(e.tid) + CALL_Y;
    out.push(`<rect x="${fixed(x0)}" y="${y}" width="${fixed(Math.max(x1 - x0, 1))}" height="${CALL_H}" rx="2" fill="${colorOf(e.name, names)}"><title>${escape(e.name)}</title></rect>`);
    if (x1 - x0 > 8 * e.name.length) out.push(`<text x="${fixed(x0 + 4)}" y="${y + 15}" fill="#fff">${escape(e.name)}</text>`);
  }
  for (const e of messages.filter(inside)) {
    const y = top(e.tid) + MESSAGE_Y;
    const fill = e.name === 'send' ? '#333' : '#999';
    out.push(`<rect x="${fixed(x(e.ts) - 1)}" y="${y}" width="2" height="${MESSAGE_H}" fill="${fill}"><title>${escape(e.name)} ${escape(JSON.stringify(e.args ?? {}))}</title></rect>`);
  }

  // A flow is one message: its start ('s') on the sender's track, its end ('f') on the receiver's.
  // With a focus, only the messages of the focused calls: sent during one and received during one.
  const starts = new Map(events.filter((e) => e.ph === 's').map((e) => [e.id, e]));
  const duringFocus = (e: TraceEvent) => focused.some((c) => c.tid === e.tid && e.ts >= c.ts && e.ts <= c.ts + (c.dur ?? 0));
  const shown = (e: TraceEvent) => (options.focus === undefined ? inside(e) : duringFocus(e));
  let arrows = 0;
  for (const f of events.filter((e) => e.ph === 'f')) {
    const s = starts.get(f.id);
    if (s === undefined || !shown(s) || !shown(f)) continue;
    const [y0, y1] = [top(s.tid) + MESSAGE_Y + MESSAGE_H / 2, top(f.tid) + MESSAGE_Y + MESSAGE_H / 2];
    out.push(`<line class="message" x1="${fixed(x(s.ts))}" y1="${y0}" x2="${fixed(x(f.ts))}" y2="${y1}" stroke="#333" stroke-opacity="0.6" marker-end="url(#arrow)"/>`);
    arrows++;
  }

  const axisY = TOP + ranks.length * TRACK + 6;
  const step = niceStep(t1 - t0);
  const unit = step >= 1000 ? { div: 1000, name: 'ms' } : { div: 1, name: 'us' };
  out.push(`<line x1="${LEFT}" y1="${axisY}" x2="${width - RIGHT}" y2="${axisY}" stroke="#666"/>`);
  for (let t = Math.ceil((t0 - start) / step) * step; start + t <= t1; t += step) {
    const tx = fixed(x(start + t));
    const label = `${+(t / unit.div).toPrecision(6)} ${unit.name}`;
    out.push(`<line x1="${tx}" y1="${axisY}" x2="${tx}" y2="${axisY + 5}" stroke="#666"/><text x="${tx}" y="${axisY + 18}" text-anchor="middle" fill="#444">${label}</text>`);
  }
  out.push(`<!-- ${ranks.length} tracks, ${arrows} messages -->`, '</svg>', '');
  return out.join('\n');
}
