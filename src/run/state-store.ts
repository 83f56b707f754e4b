import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** What a run of one lab has saved: the steps done and what checks remembered. */
export interface RunState {
  lab: string;
  context: string;
  namespace: string;
  /** Steps whose checks all passed, in order. */
  completedSteps: string[];
  /** Values checks remembered for later steps (PV names, pod UIDs…). */
  remember: Record<string, unknown>;
  updatedAt: string;
}

/** The state of a run that has not done anything yet. */
export function freshState(lab: string, context: string, namespace: string): RunState {
  return { lab, context, namespace, completedSteps: [], remember: {}, updatedAt: new Date().toISOString() };
}

/** Where labs keeps its own files: $LABS_HOME, or ~/.labs. */
export function labsHome(): string {
  return process.env.LABS_HOME ?? join(homedir(), '.labs');
}

/** Saved run state on disk, one file per (context, namespace, lab), so `labs start` resumes after a restart. */
export class StateStore {
  constructor(private readonly root = join(labsHome(), 'state')) {}

  private file(context: string, namespace: string, lab: string): string {
    const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
    return join(this.root, safe(context), safe(namespace), `${lab.split('/').map(safe).join('__')}.json`);
  }

  /** The saved state, or a fresh one. */
  load(context: string, namespace: string, lab: string): RunState {
    try {
      return JSON.parse(readFileSync(this.file(context, namespace, lab), 'utf8')) as RunState;
    } catch {
      return freshState(lab, context, namespace);
    }
  }

  /** Writes atomically (temp file, then rename), so a crash never leaves half a file. */
  save(state: RunState): void {
    const file = this.file(state.context, state.namespace, state.lab);
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ ...state, updatedAt: new Date().toISOString() }, null, 2));
    renameSync(tmp, file);
  }

  /** Forgets a run (used when a lab starts over). */
  reset(context: string, namespace: string, lab: string): RunState {
    const fresh = freshState(lab, context, namespace);
    this.save(fresh);
    return fresh;
  }
}
