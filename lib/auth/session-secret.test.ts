import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MIN_SECRET_BYTES, PUBLIC_SECRETS, resolveSessionSecret, SECRET_FILE, settleSessionSecret } from "./session-secret";

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("resolveSessionSecret", () => {
  it("generates a random secret into the data directory with mode 600, and reads the same one after a restart", () => {
    const dataDir = path.join(tempDir(), "data");
    const first = resolveSessionSecret({ configured: undefined, dataDir, production: true });
    expect(first.source).toBe("generated");
    expect(Buffer.byteLength(first.secret)).toBeGreaterThanOrEqual(MIN_SECRET_BYTES);
    const file = path.join(dataDir, SECRET_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = resolveSessionSecret({ configured: "", dataDir, production: true });
    expect(again).toMatchObject({ source: "file", secret: first.secret });
    const other = resolveSessionSecret({ configured: undefined, dataDir: path.join(tempDir(), "data"), production: true });
    expect(other.secret).not.toBe(first.secret);
  });

  it("tightens a secret file that others can read, and replaces an empty one", () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, SECRET_FILE);
    fs.writeFileSync(file, "x".repeat(40), { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(resolveSessionSecret({ configured: undefined, dataDir, production: true }).secret).toBe("x".repeat(40));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    fs.writeFileSync(file, "");
    const replaced = resolveSessionSecret({ configured: undefined, dataDir, production: true });
    expect(replaced.source).toBe("generated");
    expect(fs.readFileSync(file, "utf8").trim()).toBe(replaced.secret);
  });

  it("makes the data directory owner-only, a new one and one that others could enter alike", () => {
    const dataDir = path.join(tempDir(), "data");
    resolveSessionSecret({ configured: undefined, dataDir, production: true });
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    fs.chmodSync(dataDir, 0o755);
    resolveSessionSecret({ configured: undefined, dataDir, production: true });
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it("writes a generated secret 600 even over a leftover temporary file that others could read", () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, SECRET_FILE);
    fs.writeFileSync(`${file}.${process.pid}.tmp`, "", { mode: 0o644 });
    fs.chmodSync(`${file}.${process.pid}.tmp`, 0o644);
    expect(resolveSessionSecret({ configured: undefined, dataDir, production: true }).source).toBe("generated");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it("refuses a short, published or repository secret in production, and only warns elsewhere", () => {
    const repoRoot = tempDir();
    const inRepo = "this-example-secret-is-long-enough-but-sits-in-the-readme";
    fs.writeFileSync(path.join(repoRoot, "README.md"), `NEXTAUTH_SECRET=${inRepo}\n`);
    const dataDir = tempDir();
    for (const [configured, why] of [
      ["too-short-secret", /shorter than 32 bytes/],
      [PUBLIC_SECRETS[0], /published with this project/],
      [inRepo, /appears in the repository \(README\.md\)/],
    ] as const) {
      expect(() => resolveSessionSecret({ configured, dataDir, production: true, repoRoot })).toThrow(why);
      expect(resolveSessionSecret({ configured, dataDir, production: false, repoRoot }).warning).toMatch(why);
    }
    const strong = "k".repeat(20) + Math.random().toString(36).repeat(3);
    expect(resolveSessionSecret({ configured: strong, dataDir, production: true, repoRoot })).toEqual({ secret: strong, source: "env", warning: undefined });
    expect(fs.existsSync(path.join(dataDir, SECRET_FILE))).toBe(false);
  });
});

describe("settleSessionSecret", () => {
  /** a store like the database's: the first value kept wins */
  const store = () => {
    let kept: string | null = null;
    return async (candidate: string) => (kept ??= candidate);
  };

  it("keeps a random secret in the store on the first start, and every instance, whatever its DATA_DIR, reads that one", async () => {
    const keep = store();
    const first = await settleSessionSecret({ configured: undefined, dataDir: tempDir(), production: true }, keep);
    expect(first.source).toBe("generated");
    expect(Buffer.byteLength(first.secret)).toBeGreaterThanOrEqual(MIN_SECRET_BYTES);
    const other = await settleSessionSecret({ configured: "", dataDir: tempDir(), production: true }, keep);
    expect(other).toEqual({ secret: first.secret, source: "database" });
  });

  it("moves an older install's DATA_DIR/auth-secret into the store, so its sessions go on", async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, SECRET_FILE), "k".repeat(48));
    const keep = store();
    expect(await settleSessionSecret({ configured: undefined, dataDir, production: true }, keep)).toMatchObject({ secret: "k".repeat(48), source: "moved" });
    expect(await settleSessionSecret({ configured: undefined, dataDir: tempDir(), production: true }, keep)).toMatchObject({ secret: "k".repeat(48), source: "database" });
  });

  it("takes a configured NEXTAUTH_SECRET as it is and never touches the store", async () => {
    let asked = false;
    const secret = "s".repeat(40) + "-configured";
    const settled = await settleSessionSecret({ configured: secret, dataDir: tempDir(), production: true, repoRoot: tempDir() }, async (c) => ((asked = true), c));
    expect(settled).toMatchObject({ secret, source: "env" });
    expect(asked).toBe(false);
  });
});
