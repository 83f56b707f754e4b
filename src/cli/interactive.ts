import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseAllDocuments } from 'yaml';
import { InterruptedError, isAbort } from '../errors.ts';
import { commandFor } from '../model/commands.ts';
import { type Mismatch } from '../model/check.ts';
import { isAction, type Lab } from '../model/lab.ts';
import { type Lang } from '../model/text.ts';
import { renderEvidence } from '../report/mismatch.ts';
import { styleFor } from '../report/style.ts';
import { describeAction } from '../run/actions.ts';
import { type Interaction } from '../run/runner.ts';
import { onRestore } from './interrupt.ts';
import { INTERACTIVE_WORDS } from './messages.ts';
import { renderManifestText, type Variant } from '../run/variants.ts';

/** Commands that show more about the objects a failure names: describe them, their pods' logs, the namespace's events. */
export function lookAt(mismatches: Mismatch[], namespace: string): string[] {
  const out = new Set<string>();
  for (const m of mismatches) {
    const [kind, name] = m.object.split('/', 2);
    if (!kind || !name || /\s/.test(name) || kind === 'Namespace' || kind.startsWith('DNS')) continue;
    out.add(commandFor(`kubectl describe ${kind.toLowerCase()} ${name}`, namespace));
    if (kind === 'Pod') out.add(commandFor(`kubectl logs ${name}`, namespace));
  }
  out.add(commandFor('kubectl get events --sort-by=.lastTimestamp', namespace));
  return [...out];
}

/** A manifest of the lab with the namespace set, as the student would apply it there. */
export function namespacedYaml(source: string, namespace: string): string {
  if (namespace === 'default') return source;
  return parseAllDocuments(source)
    .map((d) => {
      if (d.get('metadata')) d.setIn(['metadata', 'namespace'], namespace);
      return d.toString();
    })
    .join('---\n');
}

/** The interactive side of `labs start` on the terminal. Ctrl-C at a prompt rejects with an InterruptedError. */
export function consoleInteraction(lab: Lab, namespace: string, lang: Lang, signal: AbortSignal, o: { variant?: Variant; onView?: (what: 'hint' | 'solution', step: string) => void } = {}): Interaction & { close(): void } {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  // readline takes Ctrl-C for itself in a terminal: hand it to the session's own handler.
  rl.on('SIGINT', () => process.emit('SIGINT'));
  const forget = onRestore(() => rl.close());
  const s = styleFor(process.stdout);
  const w = INTERACTIVE_WORDS[lang];
  const print = (line = '') => process.stdout.write(`${line}\n`);
  // Ctrl-D (end of input) closes readline: the student is done typing, so it counts as "q" (save and quit).
  let ended = false;
  rl.on('close', () => (ended = true));
  const ask = async (q: string) => {
    try {
      if (!ended) return (await rl.question(q, { signal })).trim().toLowerCase();
    } catch (e) {
      if (signal.aborted) throw new InterruptedError();
      if (!ended) {
        if (isAbort(e)) throw new InterruptedError();
        throw e;
      }
      print();
    }
    return 'q';
  };
  return {
    async awaitStudent(step) {
      print();
      print(step.instructions[lang].trimEnd());
      if (step.commands.length > 0) {
        print(s.dim(`${w.commands}:`));
        for (const c of step.commands) for (const line of commandFor(c.trimEnd(), namespace).split('\n')) print(`  ${s.bold(line)}`);
      }
      if ((await ask(w.done)) === 'q') {
        print(w.saved);
        return false;
      }
      return true;
    },
    async onFailure(step, result) {
      for (;;) {
        const answer = await ask(w.menu);
        if (answer === 'r' || answer === '') return 'retry';
        if (answer === 'k') return 'skip';
        if (answer === 'q') {
          print(w.saved);
          return 'quit';
        }
        if (answer === 'h') {
          o.onView?.('hint', step.id);
          const failed = result.checks.filter((c) => c.status !== 'pass');
          for (const c of failed) {
            print(s.bold(`${c.id}:`));
            for (const e of renderEvidence(c.evidence ?? [], lang)) print(`  ${e}`);
          }
          print(s.dim(`${w.look}:`));
          for (const cmd of lookAt(failed.flatMap((c) => c.mismatches ?? []), namespace)) print(`  ${cmd}`);
        }
        if (answer === 's') {
          o.onView?.('solution', step.id);
          print(s.dim(`${w.solution}:`));
          for (const a of step.solution) {
            if (isAction(a, 'apply')) {
              print(s.dim(`# ${a.apply} — ${w.apply}: ${describeAction(a, namespace)}`));
              const source = readFileSync(join(lab.dir, a.apply), 'utf8');
              print(namespacedYaml(o.variant ? renderManifestText(lab, a.apply, source, o.variant) : source, namespace).trimEnd());
            }
          }
          for (const c of step.commands) for (const line of commandFor(c.trimEnd(), namespace).split('\n')) print(`  ${line}`);
        }
      }
    },
    close: () => {
      forget();
      rl.close();
    },
  };
}
