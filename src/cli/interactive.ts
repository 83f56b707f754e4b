import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { describeAction } from '../run/actions.ts';
import { type Interaction } from '../run/runner.ts';
import { type Lab } from '../model/lab.ts';
import { type Lang } from '../model/text.ts';
import { styleFor } from '../report/style.ts';

const WORDS = {
  ko: {
    commands: '입력할 명령',
    done: '다 했으면 Enter, 그만하려면 q: ',
    menu: '[r] 다시 확인  [h] 힌트  [s] 정답 보기  [k] 건너뛰기  [q] 종료: ',
    solution: '정답 (labs start --auto가 하는 일)',
    saved: '진행 상황이 저장되었습니다. 같은 명령으로 이어서 할 수 있습니다.',
  },
  en: {
    commands: 'Commands to type',
    done: 'Press Enter when done, q to quit: ',
    menu: '[r] retry  [h] hint  [s] show solution  [k] skip  [q] quit: ',
    solution: 'Solution (what labs start --auto does)',
    saved: 'Progress saved; run the same command to carry on.',
  },
} as const;

/** The interactive side of `labs start` on the terminal. */
export function consoleInteraction(lab: Lab, namespace: string, lang: Lang): Interaction & { close(): void } {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const s = styleFor(process.stdout);
  const w = WORDS[lang];
  const print = (line = '') => process.stdout.write(`${line}\n`);
  return {
    async awaitStudent(step) {
      print();
      print(step.instructions[lang].trimEnd());
      if (step.commands.length > 0) {
        print(s.dim(`${w.commands}:`));
        for (const c of step.commands) for (const line of c.trimEnd().split('\n')) print(`  ${s.bold(line)}`);
        if (namespace !== 'default') print(s.dim(`  (-n ${namespace})`));
      }
      const answer = (await rl.question(w.done)).trim().toLowerCase();
      if (answer === 'q') {
        print(w.saved);
        return false;
      }
      return true;
    },
    async onFailure(step, result) {
      for (;;) {
        const answer = (await rl.question(w.menu)).trim().toLowerCase();
        if (answer === 'r' || answer === '') return 'retry';
        if (answer === 'k') return 'skip';
        if (answer === 'q') {
          print(w.saved);
          return 'quit';
        }
        if (answer === 'h') {
          for (const c of result.checks.filter((c) => c.status !== 'pass')) print(`  ${c.id}: ${c.hint?.[lang] ?? c.error ?? ''}`);
        }
        if (answer === 's') {
          print(s.dim(`${w.solution}:`));
          for (const a of step.solution) {
            print(`  ${describeAction(a, namespace)}`);
            if ('apply' in a) print(s.dim(`    (${join(lab.dir, a.apply)})`));
          }
        }
      }
    },
    close: () => rl.close(),
  };
}
