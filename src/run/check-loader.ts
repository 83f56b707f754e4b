import { pathToFileURL } from 'node:url';
import { LabFileError } from '../errors.ts';
import { checkModulePath } from '../load/load-labs.ts';
import { type Check } from '../model/check.ts';
import { type Lab } from '../model/lab.ts';
import { text } from '../model/text.ts';

/** Imports the module of check `id` of a lab and checks it exports a check with that id. */
export async function loadCheck(lab: Lab, id: string): Promise<Check> {
  const path = checkModulePath(lab, id);
  if (!path) throw new LabFileError([{ file: lab.file, message: text(`"${id}" 체크 모듈이 없습니다 (checks/${lab.id}/${id}.ts)`, `no check module for "${id}" (checks/${lab.id}/${id}.ts)`) }]);
  const mod = (await import(pathToFileURL(path).href)) as { default?: Check };
  const check = mod.default;
  if (!check || typeof check.run !== 'function') {
    throw new LabFileError([{ file: path, line: 1, message: text('체크 모듈은 `export default defineCheck({ id, title, run })`를 내보내야 합니다', 'a check module must `export default defineCheck({ id, title, run })`') }]);
  }
  if (check.id !== id) throw new LabFileError([{ file: path, line: 1, message: text(`체크 id "${check.id}"가 파일 이름 "${id}"와 다릅니다`, `check id "${check.id}" does not match its file name "${id}"`) }]);
  return check;
}
