/**
 * The allow and deny lists as trees, built at compile time with KrakenD's
 * rules, so the generated code can be one nested `if` per path.
 */

/** An allow tree: `true` keeps the key with its whole subtree; a subtree keeps only its own listed keys. */
export type AllowTree = Map<string, true | AllowTree>;

/** A deny tree: `null` removes the key; a subtree removes listed keys further down. */
export type DenyTree = Map<string, null | DenyTree>;

/**
 * Builds the allow tree. Paths are applied in order: a later path through a
 * key that an earlier path kept whole replaces that leaf with a subtree
 * (`["a", "a.b"]` keeps only `a.b`), while a later leaf replaces a subtree
 * (`["a.b", "a"]` keeps all of `a`).
 */
export function buildAllowTree(paths: readonly string[]): AllowTree {
  const root: AllowTree = new Map();
  for (const path of paths) {
    const fields = path.split('.');
    let node = root;
    let i = 0;
    for (; i < fields.length - 1; i++) {
      const child = node.get(fields[i]!);
      if (!(child instanceof Map)) break;
      node = child;
    }
    for (; i < fields.length - 1; i++) {
      const child: AllowTree = new Map();
      node.set(fields[i]!, child);
      node = child;
    }
    node.set(fields[fields.length - 1]!, true);
  }
  return root;
}

/** Builds the deny tree: a denied key removes its whole subtree whatever the order of the paths. */
export function buildDenyTree(paths: readonly string[]): DenyTree {
  const root: DenyTree = new Map();
  for (const path of paths) addDenyPath(path.split('.'), 0, root);
  return root;
}

function addDenyPath(fields: readonly string[], i: number, tree: DenyTree): void {
  const key = fields[i]!;
  if (i === fields.length - 1) {
    tree.set(key, null);
    return;
  }
  const existing = tree.get(key);
  if (existing === null) return;
  if (existing !== undefined) {
    addDenyPath(fields, i + 1, existing);
    return;
  }
  const child: DenyTree = new Map();
  tree.set(key, child);
  addDenyPath(fields, i + 1, child);
}
