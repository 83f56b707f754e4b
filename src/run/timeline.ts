// The student's timeline: every step start, check attempt (verdicts and mismatches), hint and solution view, skip,
// quit, interruption and resumed session of `labs start`, with times. Append-only, one JSON line per event, each
// carrying the hash of the one before, so an edit by hand breaks the chain where it was made.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Mismatch } from '../model/check.ts';
import { type Step } from '../model/lab.ts';
import { type EventSink } from './events.ts';
import { type CheckStatus } from './result.ts';
import { type FailureChoice, type Interaction } from './runner.ts';

/** A check's verdict in one attempt, as the student's session saw it. */
export interface AttemptCheck {
  id: string;
  status: CheckStatus;
  /** What differed (at most 10), as `Kind/name path` with what was wanted and found. */
  mismatches?: Pick<Mismatch, 'object' | 'path' | 'want' | 'got'>[];
}

/** What happened, without the chain's bookkeeping. */
export type TimelineEntry =
  | { type: 'session'; mode: 'auto' | 'interactive'; lab: string; labVersion: string; student?: string; seedId?: string; vars?: Record<string, string>; resumed: boolean; step?: string }
  | { type: 'restart' }
  | { type: 'step-start'; step: string }
  | { type: 'attempt'; step: string; n: number; status: CheckStatus; checks: AttemptCheck[] }
  | { type: 'hint'; step: string }
  | { type: 'solution'; step: string }
  | { type: 'skip'; step: string }
  | { type: 'quit'; step?: string }
  | { type: 'interrupt'; step?: string }
  | { type: 'lab-end'; status: CheckStatus }
  | { type: 'snapshot'; step: string; objects: number };

/** One event of the timeline: what happened, when, its place, and the chain. */
export type TimelineEvent = TimelineEntry & {
  /** 1 for the first event, counting up. */
  seq: number;
  at: string;
  /** The hash of the event before ('' for the first). */
  prev: string;
  /** SHA-256 of this event's canonical JSON without `hash`. */
  hash: string;
};

/** JSON with keys sorted at every level: the same event always hashes alike. */
export function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (typeof x === 'object' && x !== null) {
    return `{${Object.keys(x).sort().filter((k) => (x as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical((x as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(x) ?? 'null';
}

/** The hash an event must carry. */
export function hashOf(e: Omit<TimelineEvent, 'hash'> & { hash?: string }): string {
  const { hash: _h, ...rest } = e;
  return createHash('sha256').update(canonical(rest)).digest('hex');
}

/** Whether a chain holds, and where it first breaks. */
export type ChainCheck = { ok: true; events: number } | { ok: false; seq: number; why: 'hash' | 'link' | 'order' | 'unreadable' };

/** Checks every event's hash and its link to the one before. */
export function verifyChain(events: readonly TimelineEvent[]): ChainCheck {
  let prev = '';
  for (const [i, e] of events.entries()) {
    if (e.seq !== i + 1) return { ok: false, seq: i + 1, why: 'order' };
    if (e.prev !== prev) return { ok: false, seq: e.seq, why: 'link' };
    if (hashOf(e) !== e.hash) return { ok: false, seq: e.seq, why: 'hash' };
    prev = e.hash;
  }
  return { ok: true, events: events.length };
}

/** Reads a timeline's lines; a line that is not JSON is where the chain breaks. */
export function parseTimeline(source: string): { events: TimelineEvent[]; unreadable?: number } {
  const events: TimelineEvent[] = [];
  for (const [i, line] of source.split('\n').entries()) {
    if (line.trim() === '') continue;
    try {
      events.push(JSON.parse(line) as TimelineEvent);
    } catch {
      return { events, unreadable: i + 1 };
    }
  }
  return { events };
}

/** A timeline file, appended to and never rewritten. */
export class Timeline {
  private last: { seq: number; hash: string } | undefined;

  constructor(readonly file: string, private readonly now: () => Date = () => new Date()) {}

  /** The events so far. */
  read(): TimelineEvent[] {
    return existsSync(this.file) ? parseTimeline(readFileSync(this.file, 'utf8')).events : [];
  }

  /** The file's text as it is (for an archive). */
  text(): string {
    return existsSync(this.file) ? readFileSync(this.file, 'utf8') : '';
  }

  /** Appends one event, chained to the last one in the file. */
  append(entry: TimelineEntry): TimelineEvent {
    if (!this.last) {
      const events = this.read();
      const tail = events[events.length - 1];
      this.last = tail ? { seq: tail.seq, hash: tail.hash } : { seq: 0, hash: '' };
    }
    const e = { ...entry, seq: this.last.seq + 1, at: this.now().toISOString(), prev: this.last.hash } as Omit<TimelineEvent, 'hash'>;
    const event = { ...e, hash: hashOf(e) } as TimelineEvent;
    mkdirSync(dirname(this.file), { recursive: true });
    appendFileSync(this.file, `${JSON.stringify(event)}\n`);
    this.last = { seq: event.seq, hash: event.hash };
    return event;
  }
}

const MISMATCHES = 10;

/**
 * A sink that records the run's step starts, attempts and end into the timeline, then passes every event on. A
 * step's result after "skip" is the skip itself (recorded by the interaction), not another attempt.
 */
export function recordingSink(sink: EventSink, timeline: Timeline, skipped: Set<string>): EventSink {
  const attempts = new Map<string, number>();
  let current: string | undefined;
  return async (ev) => {
    if (ev.type === 'step-start') {
      current = ev.step.id;
      timeline.append({ type: 'step-start', step: ev.step.id });
    } else if (ev.type === 'step-end') {
      if (skipped.has(ev.result.id)) skipped.delete(ev.result.id);
      else {
        const n = (attempts.get(ev.result.id) ?? 0) + 1;
        attempts.set(ev.result.id, n);
        timeline.append({
          type: 'attempt', step: ev.result.id, n, status: ev.result.status,
          checks: ev.result.checks.map((c) => ({ id: c.id, status: c.status, ...(c.mismatches?.length ? { mismatches: c.mismatches.slice(0, MISMATCHES).map(({ object, path, want, got }) => ({ object, path, want, got })) } : {}) })),
        });
      }
    } else if (ev.type === 'lab-end') {
      if (ev.result.interrupted) timeline.append({ type: 'interrupt', ...(current ? { step: current } : {}) });
      else if (!ev.result.quit) timeline.append({ type: 'lab-end', status: ev.result.status });
    }
    await sink(ev);
  };
}

/** The student's side of a run, recording quits and skips (hint and solution views are recorded where they are shown). */
export function recordingInteraction(inner: Interaction, timeline: Timeline, skipped: Set<string>): Interaction {
  return {
    async awaitStudent(step: Step, number: number, total: number) {
      const go = await inner.awaitStudent(step, number, total);
      if (!go) timeline.append({ type: 'quit', step: step.id });
      return go;
    },
    async onFailure(step, result): Promise<FailureChoice> {
      const choice = await inner.onFailure(step, result);
      if (choice === 'skip') {
        skipped.add(step.id);
        timeline.append({ type: 'skip', step: step.id });
      } else if (choice === 'quit') timeline.append({ type: 'quit', step: step.id });
      return choice;
    },
  };
}

/** What a step took the student, read from the timeline. */
export interface StepStats {
  step: string;
  /** Active time from the step's first start to its first passing attempt (time between sessions left out). */
  timeToPassMs?: number;
  attempts: number;
  hints: number;
  solutionViewed: boolean;
  skipped: boolean;
}

/** Per step: time to pass, attempts, hints and solution viewed, skipped. */
export function stepStats(events: readonly TimelineEvent[], steps: readonly string[]): StepStats[] {
  const stats = new Map(steps.map((s) => [s, { step: s, attempts: 0, hints: 0, solutionViewed: false, skipped: false } as StepStats]));
  const active = new Map<string, number>();
  let open: { step: string; since: number } | undefined;
  const close = (at: number) => {
    if (open) active.set(open.step, (active.get(open.step) ?? 0) + Math.max(0, at - open.since));
    open = undefined;
  };
  for (const e of events) {
    const t = Date.parse(e.at);
    const s = 'step' in e && e.step ? stats.get(e.step) : undefined;
    switch (e.type) {
      case 'session': case 'quit': case 'interrupt': case 'lab-end': case 'restart':
        close(t);
        break;
      case 'step-start':
        close(t);
        open = { step: e.step, since: t };
        break;
      case 'attempt':
        if (!s) break;
        s.attempts++;
        if (e.status === 'pass' && s.timeToPassMs === undefined) {
          const ran = open?.step === e.step ? t - open.since : 0;
          s.timeToPassMs = (active.get(e.step) ?? 0) + Math.max(0, ran);
        }
        break;
      case 'hint': if (s) s.hints++; break;
      case 'solution': if (s) s.solutionViewed = true; break;
      case 'skip': if (s) s.skipped = true; break;
      default: break;
    }
  }
  return [...stats.values()];
}

/** The latest verdict the student's own sessions gave each check. */
export function claimedVerdicts(events: readonly TimelineEvent[]): Record<string, CheckStatus> {
  const out: Record<string, CheckStatus> = {};
  for (const e of events) if (e.type === 'attempt') for (const c of e.checks) out[c.id] = c.status;
  return out;
}
