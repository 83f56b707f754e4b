// sigs.k8s.io/yaml turns a float map key into text with Go's strconv.FormatFloat(v, 'g', -1, 32): the shortest
// digits that round-trip a float32, in %e form when the exponent is < -4 or >= 6. So `1e10: x` becomes "1e+10".

/** A float key as kubectl writes it into JSON. */
export function floatKey(v: number): string {
  if (Number.isNaN(v)) return '.nan';
  const f = Math.fround(v);
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  let digits = '';
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const e = Math.abs(f).toExponential(p - 1); // "d.ddde±x"
    if (Math.fround(Number(e)) === Math.abs(f)) {
      const [mant, ex] = e.split('e') as [string, string];
      digits = mant.replace('.', '').replace(/0+$/, '') || '0';
      exp = Number(ex);
      break;
    }
  }
  const sign = f < 0 ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const point = exp + 1; // digits before the decimal point
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
