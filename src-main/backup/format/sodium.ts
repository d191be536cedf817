import sodium from 'libsodium-wrappers-sumo';

export type Sodium = typeof sodium;

/**
 * The binding's crypto functions only exist on the default export, and only after `ready`
 * resolves (the ESM build's named exports are just `ready` and the byte helpers), so every
 * caller goes through here instead of importing names directly.
 */
export async function loadSodium(): Promise<Sodium> {
  await sodium.ready;
  return sodium;
}
