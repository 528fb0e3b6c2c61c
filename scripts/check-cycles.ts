/**
 * Fails when our modules import each other in a circle, `import type` included (ESLint's
 * import-x/no-cycle skips type-only imports; a circle of types still ties two layers together).
 * Reads every .ts/.tsx file that git tracks, resolves its imports the way tsconfig.json does, and
 * reports each strongly connected group of files. Part of `npm run lint`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const root = path.resolve(import.meta.dirname, "..");
const config = ts.parseJsonConfigFileContent(ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile).config, ts.sys, root);
// Tracked and new (not ignored) files that still exist: a file deleted but not yet committed is gone.
const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.ts", "*.tsx"], { cwd: root, encoding: "utf8" })
  .split("\n")
  .filter((f) => f && !f.endsWith(".d.ts"))
  .map((f) => path.join(root, f))
  .filter((f) => existsSync(f));
const known = new Set(files);

const graph = new Map<string, string[]>();
for (const file of files) {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  const targets = new Set<string>();
  for (const ref of info.importedFiles) {
    const hit = ts.resolveModuleName(ref.fileName, file, config.options, ts.sys).resolvedModule?.resolvedFileName;
    if (hit && known.has(hit) && hit !== file) targets.add(hit);
  }
  graph.set(file, [...targets]);
}

// Tarjan's strongly connected components (iterative, so a deep graph cannot overflow the stack).
let counter = 0;
const index = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
const circles: string[][] = [];
for (const start of files) {
  if (index.has(start)) continue;
  const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
  index.set(start, counter);
  low.set(start, counter++);
  stack.push(start);
  onStack.add(start);
  while (work.length) {
    const top = work[work.length - 1]!;
    const edges = graph.get(top.node)!;
    if (top.next < edges.length) {
      const to = edges[top.next++]!;
      if (!index.has(to)) {
        index.set(to, counter);
        low.set(to, counter++);
        stack.push(to);
        onStack.add(to);
        work.push({ node: to, next: 0 });
      } else if (onStack.has(to)) low.set(top.node, Math.min(low.get(top.node)!, index.get(to)!));
      continue;
    }
    work.pop();
    const parent = work[work.length - 1];
    if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
    if (low.get(top.node) === index.get(top.node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(path.relative(root, member));
      } while (member !== top.node);
      if (group.length > 1) circles.push(group.sort());
    }
  }
}

if (circles.length) {
  console.error(`Import circles (type imports count too), ${circles.length}:`);
  for (const c of circles) console.error(`  ${c.join(" ↔ ")}`);
  process.exit(1);
}
console.log(`No import circles among ${files.length} files.`);
