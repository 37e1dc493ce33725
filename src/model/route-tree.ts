/**
 * A model of the radix tree KrakenD's router (gin) builds for each HTTP
 * method, used to find at check time the routes the router would refuse at
 * start-up. It reproduces the router's insertion rules: paths share prefixes
 * character by character; a `:param` may sit beside static children; two
 * params at the same place must have the same name; a `*catchall` must be last
 * and alone; the same path cannot be registered twice.
 *
 * `insert` throws a RouteConflict carrying the router's own wording, so `kd
 * check` reports what `krakend run` would have crashed with.
 */

export class RouteConflict extends Error {
  override name = 'RouteConflict';
}

type Kind = 'static' | 'root' | 'param' | 'catchAll';

interface Node {
  path: string;
  kind: Kind;
  /** First byte of each static child, aligned with `children` (wildcard child excluded). */
  indices: string;
  /** Static children first; a wildcard child, when present, is last. */
  children: Node[];
  wildChild: boolean;
  terminal: boolean;
  fullPath: string;
}

const node = (partial: Partial<Node>): Node => ({
  path: '',
  kind: 'static',
  indices: '',
  children: [],
  wildChild: false,
  terminal: false,
  fullPath: '',
  ...partial,
});

function commonPrefixLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function addChild(parent: Node, child: Node): void {
  if (parent.wildChild && parent.children.length > 0) {
    const wild = parent.children[parent.children.length - 1]!;
    parent.children.splice(parent.children.length - 1, 0, child);
    parent.children[parent.children.length - 1] = wild;
  } else {
    parent.children.push(child);
  }
}

/** First wildcard (`:x` or `*x`) of a path: its text, start, and whether it is well-formed. */
function findWildcard(path: string): { wildcard: string; start: number; valid: boolean } {
  for (let start = 0; start < path.length; start++) {
    const c = path[start];
    if (c !== ':' && c !== '*') continue;
    let valid = true;
    for (let end = start + 1; end < path.length; end++) {
      const e = path[end];
      if (e === '/') return { wildcard: path.slice(start, end), start, valid };
      if (e === ':' || e === '*') valid = false;
    }
    return { wildcard: path.slice(start), start, valid };
  }
  return { wildcard: '', start: -1, valid: false };
}

export class RouteTree {
  private readonly root: Node = node({});

  /** Registers `fullPath` (router syntax, `/users/:id`), throwing RouteConflict when the router would refuse it. */
  insert(fullPath: string): void {
    let n = this.root;
    if (n.path.length === 0 && n.children.length === 0) {
      this.insertChild(n, fullPath, fullPath);
      n.kind = 'root';
      return;
    }
    let path = fullPath;
    let consumed = 0;
    for (;;) {
      const i = commonPrefixLength(path, n.path);
      if (i < n.path.length) {
        const rest = node({
          path: n.path.slice(i),
          wildChild: n.wildChild,
          kind: 'static',
          indices: n.indices,
          children: n.children,
          terminal: n.terminal,
          fullPath: n.fullPath,
        });
        n.children = [rest];
        n.indices = n.path[i]!;
        n.path = path.slice(0, i);
        n.terminal = false;
        n.wildChild = false;
        n.fullPath = fullPath.slice(0, consumed + i);
      }
      if (i < path.length) {
        path = path.slice(i);
        const c = path[0]!;
        if (n.kind === 'param' && c === '/' && n.children.length === 1) {
          consumed += n.path.length;
          n = n.children[0]!;
          continue;
        }
        const idx = n.indices.indexOf(c);
        if (idx !== -1) {
          consumed += n.path.length;
          n = n.children[idx]!;
          continue;
        }
        if (c !== ':' && c !== '*' && n.kind !== 'catchAll') {
          n.indices += c;
          const child = node({ fullPath });
          addChild(n, child);
          n = child;
        } else if (n.wildChild) {
          n = n.children[n.children.length - 1]!;
          if (
            path.length >= n.path.length &&
            path.startsWith(n.path) &&
            n.kind !== 'catchAll' &&
            (n.path.length >= path.length || path[n.path.length] === '/')
          ) {
            continue;
          }
          const segment = n.kind === 'catchAll' ? path : path.split('/', 1)[0]!;
          const prefix = fullPath.slice(0, fullPath.indexOf(segment)) + n.path;
          throw new RouteConflict(
            `'${segment}' in new path '${fullPath}' conflicts with existing wildcard '${n.path}' in existing prefix '${prefix}'`,
          );
        }
        this.insertChild(n, path, fullPath);
        return;
      }
      if (n.terminal) throw new RouteConflict(`handlers are already registered for path '${fullPath}'`);
      n.terminal = true;
      n.fullPath = fullPath;
      return;
    }
  }

  private insertChild(n: Node, path: string, fullPath: string): void {
    for (;;) {
      const { wildcard, start, valid } = findWildcard(path);
      if (start < 0) break;
      if (!valid) throw new RouteConflict(`only one wildcard per path segment is allowed, has: '${wildcard}' in path '${fullPath}'`);
      if (wildcard.length < 2) throw new RouteConflict(`wildcards must be named with a non-empty name in path '${fullPath}'`);
      if (wildcard[0] === ':') {
        if (start > 0) {
          n.path = path.slice(0, start);
          path = path.slice(start);
        }
        const param = node({ kind: 'param', path: wildcard, fullPath });
        addChild(n, param);
        n.wildChild = true;
        n = param;
        if (wildcard.length < path.length) {
          path = path.slice(wildcard.length);
          const child = node({ fullPath });
          addChild(n, child);
          n = child;
          continue;
        }
        n.terminal = true;
        return;
      }
      if (start + wildcard.length !== path.length) {
        throw new RouteConflict(`catch-all routes are only allowed at the end of the path in path '${fullPath}'`);
      }
      if (n.path.length > 0 && n.path.endsWith('/')) {
        const segment = n.children.length !== 0 ? n.children[0]!.path.split('/', 1)[0]! : '';
        throw new RouteConflict(
          `catch-all wildcard '${path}' in new path '${fullPath}' conflicts with existing path segment '${segment}' in existing prefix '${n.path}${segment}'`,
        );
      }
      const slash = start - 1;
      if (path[slash] !== '/') throw new RouteConflict(`no / before catch-all in path '${fullPath}'`);
      n.path = path.slice(0, slash);
      const holder = node({ kind: 'catchAll', wildChild: true, fullPath });
      addChild(n, holder);
      n.indices = '/';
      holder.children = [node({ kind: 'catchAll', path: path.slice(slash), terminal: true, fullPath })];
      return;
    }
    n.path = path;
    n.terminal = true;
    n.fullPath = fullPath;
  }
}

/** One radix tree per HTTP method, as the router keeps them. */
export class MethodTrees {
  private readonly trees = new Map<string, RouteTree>();
  insert(method: string, path: string): void {
    let t = this.trees.get(method);
    if (!t) {
      t = new RouteTree();
      this.trees.set(method, t);
    }
    t.insert(path);
  }
}
