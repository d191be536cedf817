declare const resultBrand: unique symbol;

/**
 * A result type carried through the contract with no runtime value. Results come from
 * trusted main-process code, so they are typed rather than parsed; only arguments, which
 * come from the renderer, get a zod schema. In its own module so each domain's contract
 * file (contract-*.ts) can use it without importing contract.ts, which spreads them in.
 */
export interface Returns<T> {
  readonly [resultBrand]?: T;
}

export function returns<T>(): Returns<T> {
  return {};
}
