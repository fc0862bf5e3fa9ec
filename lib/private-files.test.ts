import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CLUSTER_FOLDER, openPrivateFile, privateDataDir, privateDir, privateWriteStream, writePrivateFile } from "./private-files";

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "private-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const mode = (p: string) => fs.statSync(p).mode & 0o7777;
const asRoot = process.getuid?.() === 0;

describe("private files", () => {
  it("creates folders 700 (and their missing parents) and narrows existing ones", () => {
    const root = tempDir();
    const made = privateDir(path.join(root, "a", "b"));
    expect(mode(made)).toBe(0o700);
    expect(fs.statSync(path.join(root, "a")).isDirectory()).toBe(true);
    const wide = path.join(root, "wide");
    fs.mkdirSync(wide, { mode: 0o755 });
    fs.chmodSync(wide, 0o777);
    privateDir(wide);
    expect(mode(wide)).toBe(0o700);
  });

  it("leaves an existing folder alone when asked to (a folder someone named), and makes a missing one 700", () => {
    const root = tempDir();
    fs.chmodSync(root, 0o755);
    privateDir(root, { fixExisting: false });
    expect(mode(root)).toBe(0o755);
    expect(mode(privateDir(path.join(root, "new"), { fixExisting: false }))).toBe(0o700);
  });

  it("writes files 600, and an existing file that others could read becomes 600 when written again", async () => {
    const root = tempDir();
    const file = path.join(root, "f.txt");
    writePrivateFile(file, "one");
    expect(mode(file)).toBe(0o600);
    fs.chmodSync(file, 0o644);
    writePrivateFile(file, "two");
    expect([mode(file), fs.readFileSync(file, "utf8")]).toEqual([0o600, "two"]);
    fs.chmodSync(file, 0o666);
    fs.closeSync(openPrivateFile(file));
    expect(mode(file)).toBe(0o600);
    fs.chmodSync(file, 0o644);
    const out = privateWriteStream(file);
    await new Promise<void>((resolve) => out.end("three", resolve));
    expect([mode(file), fs.readFileSync(file, "utf8")]).toEqual([0o600, "three"]);
  });

  it("makes DATA_DIR and the folders under it 700 when no cluster of another user lives in it", () => {
    const data = path.join(tempDir(), "data");
    fs.mkdirSync(data, { mode: 0o755 });
    fs.chmodSync(data, 0o755);
    const exports = privateDataDir(data, "exports", "run-1");
    expect(exports).toBe(path.join(data, "exports", "run-1"));
    expect([mode(data), mode(path.join(data, "exports")), mode(exports)]).toEqual([0o700, 0o700, 0o700]);
  });

  it.runIf(asRoot)("as root, with the embedded cluster of another user in it, lets that user's group through DATA_DIR (0710) and nobody else", () => {
    const data = tempDir();
    fs.chmodSync(data, 0o755);
    const cluster = path.join(data, CLUSTER_FOLDER);
    fs.mkdirSync(cluster, { mode: 0o700 });
    fs.chownSync(cluster, 65534, 65534);
    privateDataDir(data);
    const st = fs.statSync(data);
    expect([st.mode & 0o7777, st.gid, st.uid]).toEqual([0o710, 65534, 0]);
    // the folders beside the cluster stay the owner's alone
    expect(mode(privateDataDir(data, "uploads"))).toBe(0o700);
    expect(mode(data)).toBe(0o710);
  });
});
