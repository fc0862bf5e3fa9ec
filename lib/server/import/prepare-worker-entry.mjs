// Worker threads on Node 20 do not inherit tsx's loader: register it here, then load the TypeScript worker.
import { tsImport } from "tsx/esm/api";

await tsImport("./prepare-worker.ts", import.meta.url);
